"""Analysts' corrections: stored apart, applied on top of the merge, kept across re-ingests."""

from __future__ import annotations

import shutil
from datetime import datetime

import pandas as pd
import pytest

from loaders.ingest import ingest_paths
from loaders.store import Store
from loaders.store.corrections import DISMISSED, Author, changes, correction_rows
from loaders.store.store import CORRECTION_FILES_MAX
from tests.conftest import RESOURCES, SEEDS


@pytest.fixture
def store(seed_store: Store, tmp_path) -> Store:
    """A private copy of the seed store, so corrections made here stay here."""
    shutil.copytree(seed_store.root, tmp_path / "store")
    return Store(tmp_path / "store")


def incident(store: Store, place: str) -> dict:
    incidents = store.frames().incidents
    return incidents[incidents["location"] == place].iloc[0].to_dict()


def test_a_best_figure_outside_its_range_takes_the_range_along() -> None:
    row = {"wounded_low": 110, "wounded_best": 110, "wounded_high": 110, "killed_low": 32, "killed_best": 32, "killed_high": None}
    exact = {"wounded_best": "120", "wounded_low": "120", "wounded_high": "120"}
    assert changes(row, {**row, "wounded_best": 120}) == exact
    ranged = {**row, "wounded_low": 100, "wounded_high": 150}
    assert changes(ranged, {**ranged, "wounded_best": 160}) == {"wounded_best": "160", "wounded_high": "160"}
    assert changes(ranged, {**ranged, "wounded_best": 90}) == {"wounded_best": "90", "wounded_low": "90"}
    assert changes(row, {**row, "killed_best": 40}) == {"killed_best": "40"}  # 'at least 32' still holds
    assert changes(row, dict(row)) == {}


def test_correcting_the_wounded_figure(store: Store) -> None:
    baghdad = incident(store, "Baghdad")
    store.add_corrections(correction_rows(baghdad, changes(baghdad, {"wounded_best": 120}), "hospital figure", "Ana"))
    frames = store.frames()
    fixed = frames.incidents.set_index("location").loc["Baghdad"]
    assert (fixed["wounded_low"], fixed["wounded_best"], fixed["wounded_high"]) == (120, 120, 120)
    assert "wounded best 110 → 120 (hospital figure), by Ana" in fixed["corrections"]
    assert pd.isna(frames.incidents.set_index("location").loc["Mosul", "corrections"])
    assert frames.reports["wounded_best"].max() == 110  # the machine's reports are untouched
    row = frames.corrections.iloc[0]
    assert set(frames.corrections["field"]) == {"wounded_low", "wounded_best", "wounded_high"}
    assert (row["author"], row["old_value"], row["new_value"]) == ("Ana", "110", "120")


def test_the_latest_correction_wins_and_survives_re_ingesting(store: Store) -> None:
    baghdad = incident(store, "Baghdad")
    store.add_corrections(correction_rows(baghdad, {"killed_best": "30"}, "", "Ana", datetime(2026, 1, 1)))
    store.add_corrections(
        correction_rows(baghdad, {"killed_best": "35", "location": "Tayaran Square"}, "", "Ben", datetime(2026, 1, 2))
    )
    before = store.version()
    summary = ingest_paths([SEEDS, RESOURCES / "aa_pakistan_tirah_army_militant_clash.txt"], store)
    assert summary.articles_added == 1 and store.version() != before
    fixed = incident(store, "Tayaran Square")
    assert fixed["killed_best"] == 35 and fixed["incident_id"] == baghdad["incident_id"]


def test_of_two_corrections_in_one_second_the_one_saved_last_wins(store: Store) -> None:
    # A slip put right at once: both saves fall in the same second (made_at keeps seconds).
    baghdad = incident(store, "Baghdad")
    same_second = datetime(2026, 1, 1, 9, 30, 15)
    saves = [str(300 - k) for k in range(CORRECTION_FILES_MAX + 3)]  # enough files to be compacted on the way
    for killed in saves:
        store.add_corrections(correction_rows(baghdad, {"killed_best": killed}, "", "Ana", same_second))
    assert len(store.correction_files()) <= CORRECTION_FILES_MAX
    assert incident(store, "Baghdad")["killed_best"] == int(saves[-1])


def test_not_an_incident_hides_it_until_restored(store: Store) -> None:
    mosul = incident(store, "Mosul")
    store.add_corrections(
        correction_rows(mosul, {DISMISSED: "true"}, "analysis piece, not a report", "Ana", datetime(2026, 1, 1))
    )
    frames = store.frames()
    assert list(frames.incidents["location"]) == ["Baghdad"] and list(frames.dismissed["location"]) == ["Mosul"]
    store.add_corrections(correction_rows(mosul, {DISMISSED: "false"}, "restored", "Ana", datetime(2026, 1, 2)))
    assert set(store.frames().incidents["location"]) == {"Baghdad", "Mosul"}


@pytest.mark.parametrize(
    ("values", "author", "message"),
    [
        ({"killed_best": "-3"}, "Ana", "cannot be negative"),
        ({"date": "2021-02-30"}, "Ana", "date"),
        ({"event_type": "Skirmish"}, "Ana", "event type must be one of"),
        ({"latitude": "123"}, "Ana", "between -90 and 90"),
        ({"source_count": "9"}, "Ana", "cannot be corrected"),
        ({"killed_best": "30"}, " ", "say who"),
    ],
)
def test_a_bad_correction_is_refused_with_a_reason_and_nothing_stored(store: Store, values, author, message) -> None:
    with pytest.raises(ValueError, match=message):
        store.add_corrections(correction_rows(incident(store, "Baghdad"), values, "", author))
    assert store.frames().corrections.empty


def test_an_inconsistent_range_keeps_the_machine_values(store: Store) -> None:
    baghdad = incident(store, "Baghdad")
    store.add_corrections(correction_rows(baghdad, {"wounded_low": "500"}, "typo", "Ana"))
    fixed = incident(store, "Baghdad")
    assert fixed["wounded_low"] == 110 and not isinstance(fixed["corrections"], str)


def test_a_signed_in_author_is_recorded_with_e_mail_and_account(store: Store) -> None:
    baghdad = incident(store, "Baghdad")
    alice = Author("Alice Analyst", "alice@example.org", "http://127.0.0.1:9400 alice")
    store.add_corrections(correction_rows(baghdad, {"killed_best": "33"}, "ministry figure", alice))
    row = store.frames().corrections.iloc[0]
    assert (row["author"], row["author_email"], row["author_account"], row["note"]) == (
        "Alice Analyst",
        "alice@example.org",
        "http://127.0.0.1:9400 alice",
        "ministry figure",
    )
    assert "by Alice Analyst" in incident(store, "Baghdad")["corrections"]
    # A typed name (sign-in off) has no e-mail or account: empty, not made up.
    store.add_corrections(correction_rows(baghdad, {"killed_best": "34"}, "", "Ana"))
    typed = store.frames().corrections.set_index("author").loc["Ana"]
    assert pd.isna(typed["author_email"]) and pd.isna(typed["author_account"])


def test_corrections_stored_before_sign_in_still_read_and_compact(store: Store) -> None:
    """A store from before the author_email and author_account columns: its files lack them."""
    baghdad = incident(store, "Baghdad")
    old = pd.DataFrame(correction_rows(baghdad, {"wounded_best": "120"}, "hospital figure", "Ana"))
    old = old.drop(columns=["author_email", "author_account"])
    store.corrections.mkdir(parents=True, exist_ok=True)
    old.to_parquet(store.corrections / "00000000-old.parquet", index=False)
    frames = store.frames()
    assert frames.corrections["author"].tolist() == ["Ana"] and frames.corrections["author_email"].isna().all()
    assert incident(store, "Baghdad")["wounded_best"] == 120
    # New corrections beside the old file, enough to compact them into one: all still read.
    for n in range(CORRECTION_FILES_MAX):
        store.add_corrections(correction_rows(baghdad, {"killed_best": str(40 + n)}, "", Author("Alice", "a@example.org")))
    assert len(store.correction_files()) < CORRECTION_FILES_MAX
    read = store.frames().corrections
    assert len(read) == 1 + CORRECTION_FILES_MAX and set(read["author_email"].dropna()) == {"a@example.org"}
    assert incident(store, "Baghdad")["wounded_best"] == 120
