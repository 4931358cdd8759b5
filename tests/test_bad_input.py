"""Bad input is named in the summary with its reason; the rest of the batch is stored."""

from __future__ import annotations

import shutil
import subprocess
import sys

from loaders.ingest import ingest_paths
from loaders.store import Store
from tests.conftest import ROOT, SEEDS

NO_INCIDENT = (
    "Ministers met in Geneva on Tuesday to discuss the trade agreement and the budget for next year. "
    "The talks were described as constructive by both delegations, and a further round is planned."
)


def _batch(folder):
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (folder / "no_article.html").write_text("<html><head><title>Home</title></head><body><nav>Home | About</nav></body></html>")
    (folder / "latin1.txt").write_bytes(
        (
            "Gunmen killed three villagers in an attack near Maiduguri on Monday, police said. " * 3 + "Caf\xe9 owners fled."
        ).encode("cp1252")
    )
    (folder / "no_incident.txt").write_text(NO_INCIDENT)
    shutil.copy(next(SEEDS.glob("*.txt")), folder / "seed.txt")


def test_each_bad_file_named_with_reason_and_the_rest_stored(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _batch(folder)
    store = Store(tmp_path / "data")
    summary = ingest_paths([folder], store)
    reasons = dict(summary.skipped)
    assert reasons[str(folder / "empty.txt")] == "empty file"
    assert "binary" in reasons[str(folder / "binary.txt")]
    assert "no article" in reasons[str(folder / "no_article.html")]
    notes = summary.notes
    assert any(path.endswith("latin1.txt") and "UTF-8" in note for path, note in notes)
    assert any(path.endswith("no_incident.txt") and "no incident" in note for path, note in notes)
    frames = store.frames()
    assert {"Iraq", "Nigeria"} <= set(frames.incidents["country"])  # the seed and the cp1252 page went in


def test_cli_exit_code_names_skipped_files(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _batch(folder)
    run = subprocess.run(
        [sys.executable, "-m", "loaders", "ingest", str(folder), "--data", str(tmp_path / "d")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode == 3
    assert "skipped" in run.stdout and "empty.txt: empty file" in run.stdout
    clean = subprocess.run(
        [sys.executable, "-m", "loaders", "ingest", str(SEEDS), "--data", str(tmp_path / "d2")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert clean.returncode == 0


def test_a_failed_ingest_keeps_what_was_stored(tmp_path):
    store = Store(tmp_path / "data")
    ingest_paths([SEEDS], store)
    before = store.frames().incidents.copy()
    ingest_paths([tmp_path / "missing-folder"], store)
    after = store.frames().incidents
    assert after.equals(before)
