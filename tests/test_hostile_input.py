"""Hostile input: every file of tests/resources/hostile/ (and a few made here that cannot be
committed) gets a one-line reason in the ingest summary, the batch goes on, and nothing that was
stored before changes. Runs the real command line, as a user would.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from loaders.extract import plausibility
from loaders.geo.gazetteer import Gazetteer
from loaders.ingest import ingest_paths
from loaders.read.pages import MAX_BYTES
from loaders.store import Store
from loaders.store.schema import ARTICLES, QUOTES, REPORTS
from tests.conftest import ROOT, SEEDS

HOSTILE = Path(__file__).resolve().parent / "resources" / "hostile"
NEWLINE_NAME = "evil\nskipped seeds: forged line <img src=x onerror=alert(1)>.txt"

# file -> (what happens, words its summary line holds). "stored": goes in without a line.
EXPECTED: dict[str, tuple[str, str]] = {
    "empty.txt": ("skipped", "empty file"),
    "whitespace_only.txt": ("skipped", "nothing but white space"),
    "binary_png.txt": ("skipped", "binary file"),
    "binary_gzip.html": ("skipped", "binary file"),
    "unsupported.pdf": ("skipped", "unsupported file type '.pdf'"),
    "no_extension": ("skipped", "unsupported file type '(none)'"),
    "only_scripts.html": ("skipped", "HTML page with no article text"),
    "malformed_tags.html": ("skipped", "HTML page with no article text"),
    "numbers_only.txt": ("skipped", "no story text found"),
    "long_word.txt": ("skipped", "no story text found"),
    "truncated.html": ("note", "no date for an incident"),
    "cp1252.txt": ("note", "read as Windows-1252"),
    "mixed_encodings.txt": ("note", "read as Windows-1252"),
    "latin1_declared_utf8.html": ("note", "read as Windows-1252"),
    "utf16_bom.txt": ("note", "read as UTF-16"),
    "utf8_bom.txt": ("stored", ""),
    "control_chars.txt": ("stored", ""),
    "bidi_and_zero_width.txt": ("note", "removed 4 invisible text-direction control(s)"),
    "script_and_handlers.html": ("note", "no date for an incident"),
    "entity_markup.html": ("note", "no date for an incident"),
    "quote_markup.txt": ("stored", ""),
    "outlet_markup.html": ("stored", ""),
    "formula_injection.html": ("stored", ""),
    "markdown_injection.txt": ("stored", ""),
    "absurd_toll_million.txt": ("note", "implausible killed toll '10 million'"),
    "absurd_toll_digits.txt": ("note", "implausible killed toll 99,999,999,999,999,999,999,999"),
    "absurd_wounded.txt": ("note", "implausible wounded toll 3,000,000"),
    "future_date.txt": ("note", "incident date 2091-01-18 is in the future"),
    "pre_1900_date.txt": ("note", "no date for an incident"),
    "no_dateline.txt": ("note", "no date for an incident"),
    "other_language_fr.txt": ("note", "no incident found"),
    "other_language_ar.txt": ("note", "no incident found"),
    "many_numbers_line.txt": ("note", "no date for an incident"),
    "duplicate_of_seed.txt": ("note", "already stored from " + str(next(SEEDS.glob("*.txt")))),
    "duplicate_a.txt": ("stored", ""),
    "duplicate_b_other_name.txt": ("note", "already stored from {folder}/duplicate_a.txt"),
    # made by the test (see hostile_folder)
    "huge_50mb.txt": ("skipped", "file too large (50 MB; the limit is 20 MB)"),
    "deeply_nested.html": ("skipped", "HTML page with no article text"),
    "fifo.txt": ("skipped", "not a regular file"),
    "broken_link.txt": ("skipped", "not a regular file"),
    NEWLINE_NAME: ("stored", ""),
}


def _stored(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    return frame.sort_values(key).reset_index(drop=True)


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    for path in HOSTILE.iterdir():
        if path.name != "README.md":
            shutil.copy(path, folder / path.name)
    # 50 MB of plausible text: never committed, made here.
    line = b"Gunmen killed three people in Mosul on Monday, police said. " * 20 + b"\n"
    with (folder / "huge_50mb.txt").open("wb") as handle:
        for _ in range(50 * 2**20 // len(line) + 1):
            handle.write(line)
    depth = 50_000
    (folder / "deeply_nested.html").write_text(
        "<html><body>" + "<div><span>" * depth + "Gunmen killed three people in Mosul on Monday." + "</span></div>" * depth
    )
    os.mkfifo(folder / "fifo.txt")  # reading it would block the ingest for ever
    (folder / "broken_link.txt").symlink_to(folder / "gone.txt")
    (folder / NEWLINE_NAME).write_text(
        "KIRKUK (AFP) Aug 8, 2018\n\nA roadside bomb killed two soldiers near Kirkuk on Sunday, the army said.\n"
    )
    assert len(EXPECTED) >= 30 and {p.name for p in folder.iterdir()} == set(EXPECTED)
    return folder


@pytest.fixture(scope="module")
def hostile_run(hostile_folder, tmp_path_factory):
    data = tmp_path_factory.mktemp("hostile-store")
    cli = [sys.executable, "-m", "loaders", "ingest", "--data", str(data)]
    seeded = subprocess.run([*cli, str(SEEDS)], capture_output=True, text=True, cwd=ROOT, check=True)
    before = Store(data).frames()
    run = subprocess.run([*cli, str(hostile_folder)], capture_output=True, text=True, cwd=ROOT, timeout=300)
    return seeded, before, run, Store(data), hostile_folder


def test_every_hostile_file_gets_its_one_line_reason(hostile_run) -> None:
    _, _, run, _, folder = hostile_run
    assert run.returncode == 3, run.stderr  # some files skipped, and said so
    lines = run.stdout.splitlines()
    for name, (outcome, words) in EXPECTED.items():
        shown = " ".join(name.split())  # a newline in a file name is not a line break in the summary
        mine = [line for line in lines if line.startswith(("skipped ", "note ")) and f"{folder}/{shown}:" in line]
        if outcome == "stored":
            assert not [m for m in mine if m.startswith("skipped")], (name, mine)
            continue
        words = words.format(folder=folder)
        assert any(line.startswith(outcome) and words in line for line in mine), (name, outcome, words, mine)
    # The file named to forge a summary line did not manage to: no line starts with its payload.
    assert not any(line.startswith("skipped seeds") for line in lines)


def test_stored_seed_rows_are_unchanged(hostile_run) -> None:
    _, before, _, store, _ = hostile_run
    after = store.frames()
    seed_ids = set(before.articles["article_id"])
    assert seed_ids
    for table, key in ((ARTICLES, "article_id"), (REPORTS, "report_id"), (QUOTES, "quote_id")):
        old = _stored(getattr(before, table.name), key)
        new = getattr(after, table.name)
        new = _stored(new[new["article_id"].isin(seed_ids)], key)
        pd.testing.assert_frame_equal(old, new)
    # and the batch went on: the readable hostile pages are stored next to them
    assert len(after.articles) > len(before.articles) + 10


def test_hostile_pages_are_stored_clean(hostile_run) -> None:
    _, _, _, store, folder = hostile_run
    frames = store.frames()
    articles = frames.articles.set_index("source")
    reports = frames.reports.merge(frames.articles[["article_id", "source"]], on="article_id").set_index("source")

    def text(name: str) -> str:
        return articles.loc[str(folder / name), "text"]

    assert not text("utf8_bom.txt").startswith("\ufeff")
    assert "\x07" not in text("control_chars.txt") and "\x1b" not in text("control_chars.txt")
    assert "\u202e" not in text("bidi_and_zero_width.txt")
    assert "café" in text("mixed_encodings.txt") and "“It was a massacre,”" in text("mixed_encodings.txt")
    assert "Abuja" in text("utf16_bom.txt")
    # markup in a page's HTML is dropped; markup written as text is kept verbatim (and escaped on display)
    scripted = text("script_and_handlers.html")
    assert "<" not in scripted and "javascript" not in scripted.lower() and "six police officers" in scripted
    assert "<script>" in text("quote_markup.txt")
    for name, kind in (
        ("absurd_toll_million.txt", "killed"),
        ("absurd_toll_digits.txt", "killed"),
        ("absurd_wounded.txt", "wounded"),
    ):
        row = reports.loc[str(folder / name)]
        assert pd.isna(row[f"{kind}_low"]) and pd.isna(row[f"{kind}_high"]), name  # the article stays, the number goes
    assert reports.loc[str(folder / "absurd_wounded.txt"), "killed_best"] == 2  # the plausible figure stays
    assert pd.isna(reports.loc[str(folder / "future_date.txt"), "date"])
    assert frames.articles["article_id"].is_unique


def test_oversized_file_is_refused_before_reading(tmp_path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: costs no disk, and must not be read
    summary = ingest_paths([big], Store(tmp_path / "d"))
    assert summary.skipped == [(str(big), "file too large (20 MB; the limit is 20 MB)")]


@pytest.mark.parametrize(
    ("value", "kept"),
    [("2021-01-22", True), ("1899-12-31", False), ("1900-01-01", True), ("2091-01-22", False), (None, True)],
)
def test_date_plausibility(value, kept) -> None:
    from datetime import date

    report = {"date": date.fromisoformat(value) if value else None, "date_precision": "day" if value else None}
    notes = plausibility.check_date(report, today=date(2026, 1, 1))
    assert (report["date"] is not None or value is None) == kept
    assert bool(notes) == (not kept)


@pytest.mark.parametrize(
    ("evidence", "count", "dropped"),
    [
        ("A car bomb killed 10 million people in Baghdad.", 10, True),
        ("A car bomb killed 10 people as 2 million fled the city.", 10, False),
        ("Gunmen killed 32 people.", 32, False),
        ("Shelling killed 150,000 people.", 150_000, True),
        ("The famine killed 2 billion.", 2, True),
        ("Fighting killed 1.5 million, the UN said.", 1, True),
    ],
)
def test_toll_plausibility(evidence, count, dropped) -> None:
    report = {"evidence": evidence, "killed_low": count, "killed_best": count, "killed_high": count}
    notes = plausibility.check_toll(report)
    assert (report["killed_best"] is None) == dropped and bool(notes) == dropped


def test_a_geocoder_error_in_one_story_does_not_abort_the_batch(tmp_path, monkeypatch) -> None:
    real = Gazetteer.geocode

    def flaky(self, query, *args, **kwargs):
        if "kirkuk" in str(query).lower():
            raise RuntimeError("gazetteer index corrupt")
        return real(self, query, *args, **kwargs)

    monkeypatch.setattr(Gazetteer, "geocode", flaky)
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("duplicate_a.txt", "cp1252.txt", "utf8_bom.txt"):
        shutil.copy(HOSTILE / name, folder / name)
    store = Store(tmp_path / "d")
    summary = ingest_paths([folder, SEEDS], store)
    failed = [note for path, note in summary.notes if path.endswith("duplicate_a.txt")]
    assert failed and "not extracted" in failed[0] and "gazetteer index corrupt" in failed[0]
    articles = store.frames().articles
    stored = set(articles["source"])
    assert {str(folder / "cp1252.txt"), str(folder / "utf8_bom.txt"), *map(str, SEEDS.iterdir())} <= stored
    assert str(folder / "duplicate_a.txt") not in stored
    assert summary.articles_added == len(articles) == 4


def test_rows_the_store_refuses_cost_only_their_own_story(tmp_path, monkeypatch) -> None:
    # Without the plausibility rule, a 23-digit toll overflows the store's integer column.
    monkeypatch.setattr("loaders.ingest.check_story", lambda article, reports: [])
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("absurd_toll_digits.txt", "duplicate_a.txt", "utf8_bom.txt"):
        shutil.copy(HOSTILE / name, folder / name)
    store = Store(tmp_path / "d")
    summary = ingest_paths([folder], store)
    refused = [note for path, note in summary.notes if path.endswith("absurd_toll_digits.txt")]
    assert refused and "not stored" in refused[0]
    assert set(store.frames().articles["source"]) == {str(folder / "duplicate_a.txt"), str(folder / "utf8_bom.txt")}
    assert summary.articles_added == 2


def test_a_rerun_is_quiet_and_a_renamed_copy_is_named(tmp_path) -> None:
    store = Store(tmp_path / "d")
    first = ingest_paths([SEEDS], store)
    again = ingest_paths([SEEDS], store)
    assert again.articles_added == 0 and again.already_stored == first.stories and again.notes == []
    copy = tmp_path / "renamed.txt"
    shutil.copy(next(SEEDS.glob("*.txt")), copy)
    renamed = ingest_paths([copy], store)
    assert renamed.articles_added == 0 and [n for _, n in renamed.notes if "already stored from" in n]
