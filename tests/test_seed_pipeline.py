"""The seed article end to end: what the pipeline issue promises, checked on the stored tables."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pandas as pd

from loaders.store.merge import distance_km
from tests.conftest import ROOT, SEEDS

BAGHDAD = (33.3406, 44.4009)
MOSUL = (36.335, 43.1189)


def _near(frame: pd.DataFrame, point: tuple[float, float], km: float) -> pd.DataFrame:
    keep = [distance_km(r.latitude, r.longitude, *point) <= km for r in frame.itertuples()]
    return frame[keep]


def test_one_baghdad_incident_merged_from_both_stories(seed_frames):
    incidents = seed_frames.incidents
    baghdad = _near(incidents, BAGHDAD, 15)
    baghdad = baghdad[baghdad["date"] == pd.Timestamp("2021-01-21")]
    assert len(baghdad) == 1
    row = baghdad.iloc[0]
    assert (row.killed_low, row.killed_best) == (32, 32)
    assert row.wounded_best == 110
    assert row.source_count == 2
    assert "Islamic State" in row.actor1
    assert row.country == "Iraq"
    assert (row.event_type, row.sub_event_type) == ("Explosions/Remote violence", "Suicide bomb")
    assert "32" in row.evidence


def test_one_mosul_strike_in_december_2020(seed_frames):
    mosul = _near(seed_frames.incidents, MOSUL, 40)
    assert len(mosul) == 1
    row = mosul.iloc[0]
    assert row.killed_best == 42
    assert (row.date.year, row.date.month, row.date_precision) == (2020, 12, "month")
    assert "coalition" in row.actor1 and "US-led" in row.actor1
    assert row.geo_precision >= 2  # "near Mosul" is vaguer than Mosul itself


def test_only_iraqi_incidents_and_nothing_from_headline_lists(seed_frames):
    incidents = seed_frames.incidents
    assert 2 <= len(incidents) <= 4
    assert set(incidents["country"]) == {"Iraq"}
    # Related-headline lists (Poland, Latvia, missiles) and the donation appeal never become text.
    stored = " ".join(seed_frames.articles["text"])
    for furniture in ("Northrop", "SpaceDaily", "paypal", "Disqus", "Copyright", "Related Links", "file image"):
        assert furniture not in stored


def test_quotes_with_speakers_and_roles(seed_frames):
    quotes = seed_frames.quotes
    by = quotes.groupby("speaker")
    assert {"Jack Watling", "Marsin Alshamary", "Alex Mello"} <= set(by.groups)
    watling_role = quotes.loc[quotes.speaker == "Jack Watling", "speaker_role"].iloc[0]
    assert "Royal United Services Institute" in watling_role
    alshamary_role = quotes.loc[quotes.speaker == "Marsin Alshamary", "speaker_role"].iloc[0]
    assert "Brookings" in alshamary_role
    assert quotes.loc[quotes.speaker == "Alex Mello", "partial"].all()
    official = quotes[quotes.speaker.str.contains("US official")]
    assert len(official) == 2  # "a top US official ... told AFP" and "the US official said"
    clean = quotes[quotes.text.str.contains("no one is clean")]
    assert list(clean.speaker) == ["Jack Watling"]
    # Section subheads ("- 'Gap to exploit' -") and boilerplate are not quotes.
    assert not quotes.text.str.contains("Thanks for being here|Gap to exploit|Share this", regex=True).any()
    assert quotes["incident_id"].notna().all()


def test_second_ingest_adds_nothing(seed_store):
    before = {name: len(frame) for name, frame in vars(seed_store.frames()).items()}
    batches = seed_store.version()
    from loaders.ingest import ingest_paths

    summary = ingest_paths([SEEDS], seed_store)
    assert summary.articles_added == 0 and summary.already_stored == 2
    assert seed_store.version() == batches
    assert {name: len(frame) for name, frame in vars(seed_store.frames()).items()} == before


def test_cli_ingest_then_show(tmp_path):
    data = tmp_path / "data"
    run = [sys.executable, "-m", "loaders"]
    ingest = subprocess.run([*run, "ingest", str(SEEDS), "--data", str(data)], capture_output=True, text=True, cwd=ROOT)
    assert ingest.returncode == 0, ingest.stderr
    assert "stories: 2" in ingest.stdout
    shown = subprocess.run([*run, "show", "incidents", "--data", str(data)], capture_output=True, text=True, cwd=ROOT)
    header = next(csv.reader(io.StringIO(shown.stdout)))  # every cell quoted (loaders/store/formats.py)
    for column in ("date", "date_precision", "location", "country", "admin1", "latitude", "longitude", "geo_precision",
                   "event_type", "sub_event_type", "actor1", "actor2", "killed_low", "killed_best", "killed_high",
                   "wounded_low", "wounded_best", "wounded_high", "source_count", "article_ids", "evidence"):  # fmt: skip
        assert column in header
    quotes = subprocess.run(
        [*run, "show", "quotes", "--data", str(data), "--format", "json"], capture_output=True, text=True, cwd=ROOT
    )
    assert "Jack Watling" in {q["speaker"] for q in json.loads(quotes.stdout)}
