"""The store keeps incidents at write time: assignments stored with each batch, ids that stay,
compaction that bounds the files a read opens, a rebuild that agrees with the writes, and old
stores that still read. Real pages throughout (the seed and tests/resources)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from loaders.extract.stories import split_stories
from loaders.ingest import ingest_paths, story_rows
from loaders.read.pages import read_pages
from loaders.store import Store
from loaders.store.assign import Assigner, same_event
from loaders.store.corrections import correction_rows
from loaders.store.merge import merge_reports
from loaders.store.schema import REPORTS, conform
from loaders.store.store import COMPACT_WINDOW, REPLACES
from tests.conftest import RESOURCES, ROOT, SEEDS

SEED = next(SEEDS.glob("*.txt"))


def seed_stories():
    return [story for page in read_pages(SEED) for story in split_stories(page)]


def store_story(store: Store, story, gazetteer) -> int:
    article, reports, quotes = story_rows(story, gazetteer)
    return store.append([article], reports, quotes)


def copies(folder, count):
    """`count` distinct real pages: the wire texts of tests/resources, each filed under a number."""
    folder.mkdir(parents=True, exist_ok=True)
    originals = sorted(RESOURCES.glob("*.txt"))
    for i in range(count):
        original = originals[i % len(originals)]
        (folder / f"{i:04d}_{original.name}").write_text(
            f"{original.read_text()}\n\nThis copy was filed as report number {i}, the desk said.\n"
        )
    return folder


def test_the_baghdad_incident_keeps_its_id_when_a_later_report_joins(tmp_path, gazetteer):
    long_story, short_story = seed_stories()
    store = Store(tmp_path)
    store_story(store, short_story, gazetteer)
    first = store.frames().incidents
    baghdad = first[first["location"].str.contains("Baghdad", na=False)].iloc[0]
    assert baghdad.source_count == 1
    store_story(store, long_story, gazetteer)
    later = store.frames().incidents
    joined = later[later["incident_id"] == baghdad.incident_id]
    assert len(joined) == 1 and joined.iloc[0].source_count == 2
    assert (joined.iloc[0].killed_best, joined.iloc[0].wounded_best) == (32, 110)


def test_each_batch_stores_which_incident_each_report_belongs_to(seed_store):
    for batch in seed_store.batch_dirs():
        reports = pd.read_parquet(batch / "reports.parquet")
        stored = pd.read_parquet(batch / "assignments.parquet")
        assert list(stored["report_id"]) == list(reports["report_id"])
        assert stored["incident_id"].notna().all()
    incidents = seed_store.frames().incidents
    assigned = set(pd.concat(pd.read_parquet(b / "assignments.parquet") for b in seed_store.batch_dirs())["incident_id"])
    assert assigned == set(incidents["incident_id"])


def test_writes_in_many_batches_give_what_one_pass_over_all_reports_gives(tmp_path, monkeypatch, gazetteer):
    pages = copies(tmp_path / "in", 30)
    shutil.copy(SEED, pages / SEED.name)
    monkeypatch.setattr("loaders.ingest.BATCH_PAGES", 3)
    store = Store(tmp_path / "data")
    ingest_paths([pages], store, gazetteer)
    frames = store.frames()
    one_pass, _ = merge_reports(frames.reports, frames.articles)
    columns = ["incident_id", "killed_best", "wounded_best", "source_count", "article_ids", "location"]
    by_id = frames.incidents.set_index("incident_id")
    assert sorted(by_id.index) == sorted(one_pass["incident_id"])
    pd.testing.assert_frame_equal(by_id.loc[one_pass["incident_id"]].reset_index()[columns], one_pass[columns], check_dtype=False)
    # Copies of one wire story in different files are one event reported by several articles.
    assert frames.incidents["source_count"].max() > 1


def test_many_small_saves_are_compacted_and_read_the_same(tmp_path, gazetteer):
    pages = copies(tmp_path / "in", 40)
    store = Store(tmp_path / "data")
    for path in sorted(pages.iterdir()):  # one batch per page, as the browser's saves make
        ingest_paths([path], store, gazetteer)
    assert len(store.batch_dirs()) < COMPACT_WINDOW
    assert not any(
        (store.batches / n).exists()
        for d in store.batch_dirs()
        if (d / REPLACES).exists()
        for n in json.loads((d / REPLACES).read_text())
    )
    reference = Store(tmp_path / "reference")
    ingest_paths([pages], reference, gazetteer)
    ours, theirs = store.frames(), reference.frames()
    assert len(ours.articles) == len(theirs.articles) > 2 * COMPACT_WINDOW
    columns = ["killed_best", "wounded_best", "source_count", "location", "date"]
    pd.testing.assert_frame_equal(
        ours.incidents[columns].sort_values(columns).reset_index(drop=True),
        theirs.incidents[columns].sort_values(columns).reset_index(drop=True),
    )


def test_a_compaction_cut_short_leaves_a_store_that_reads_and_heals(tmp_path, gazetteer):
    pages = sorted(copies(tmp_path / "in", 24).iterdir())
    store = Store(tmp_path / "data")
    for path in pages[:-1]:
        ingest_paths([path], store, gazetteer)
    merged = next(d for d in store.batch_dirs() if (d / REPLACES).exists())
    replaced = json.loads((merged / REPLACES).read_text())
    stored = len(store.frames().articles)
    # As if the compacting process died right after renaming its batch: the old ones are back.
    for name in replaced:
        (store.batches / name).mkdir()
        for table in ("articles", "reports", "quotes", "assignments"):
            shutil.copy(merged / f"{table}.parquet", store.batches / name / f"{table}.parquet")
    frames = Store(store.root).frames()
    assert len(frames.articles) == stored and frames.articles["article_id"].is_unique
    ingest_paths([pages[-1]], Store(store.root), gazetteer)  # the next write tidies up
    assert not any((store.batches / name).exists() for name in replaced)
    assert len(Store(store.root).frames().articles) >= stored


def test_rebuild_recomputes_what_the_writes_stored_and_keeps_corrections(tmp_path, gazetteer):
    data = tmp_path / "data"
    pages = copies(tmp_path / "in", 12)
    shutil.copy(SEED, pages / SEED.name)
    store = Store(data)
    ingest_paths([pages], store, gazetteer)
    before = store.uncorrected()
    baghdad = before.incidents[before.incidents["wounded_best"] == 110].iloc[0]
    store.add_corrections(correction_rows(baghdad.to_dict(), {"wounded_best": "120"}, "later figure", "analyst"))
    run = subprocess.run(
        [sys.executable, "-m", "loaders", "rebuild", "--data", str(data)], cwd=ROOT, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    assert f"reports: {len(before.reports)}" in run.stdout
    pd.testing.assert_frame_equal(
        before.incidents.sort_values("incident_id").reset_index(drop=True),
        Store(data).uncorrected().incidents.sort_values("incident_id").reset_index(drop=True),
    )
    after = Store(data).frames()
    assert after.incidents.set_index("incident_id").loc[baghdad.incident_id, "wounded_best"] == 120


def test_a_rebuild_is_a_new_version_for_readers(tmp_path, gazetteer):
    store = Store(tmp_path)
    ingest_paths([SEEDS], store, gazetteer)
    version = store.data_version()
    store.rebuild()
    assert store.data_version() != version
    assert len(store.frames().incidents) == 2


def test_a_store_written_before_assignments_reads_and_is_upgraded_by_the_next_write(tmp_path, seed_store, gazetteer):
    old = Store(tmp_path / "old")
    for batch in seed_store.batch_dirs():
        shutil.copytree(batch, old.batches / batch.name)
        (old.batches / batch.name / "assignments.parquet").unlink()
    expected = seed_store.frames().incidents
    read = old.frames().incidents
    assert sorted(read["incident_id"]) == sorted(expected["incident_id"])
    ingest_paths([copies(tmp_path / "in", 1)], old, gazetteer)
    assert all((d / "assignments.parquet").exists() for d in old.batch_dirs())
    assert set(expected["incident_id"]) <= set(Store(old.root).frames().incidents["incident_id"])


INFERRED = "date_inferred"  # the report's day is its dateline's: the event was that day or before


def reports_frame(*rows: dict) -> pd.DataFrame:
    base = {
        "origin": "article",
        "date": pd.Timestamp("2024-03-05"),
        "date_precision": "day",
        "country": "Syria",
        "latitude": 36.2,
        "longitude": 37.15,
        "geo_precision": 2,
        "event_type": "Battles",
        "killed_best": 12,
        "evidence": "Fighters ambushed a convoy on the ring road.",
    }
    return conform(pd.DataFrame([{**base, **row} for row in rows]), REPORTS)


@pytest.mark.parametrize(
    ("first", "second", "one_event"),
    [
        ("Battles", "Explosions/Remote violence", True),  # a fight and the air strike in it
        ("Explosions/Remote violence", "Violence against civilians", True),  # a bombing, an attack on civilians
        ("Protests", "Riots", True),
        ("Battles", "Strategic developments", False),  # arrests after a clash are another event
        ("Protests", "Battles", False),
        (None, "Riots", True),  # one outlet gave no type
    ],
)
def test_compatible_event_types_do_not_block_a_merge(first, second, one_event):
    a, b = reports_frame(
        {"report_id": "a-0", "article_id": "a", "event_type": first},
        {"report_id": "b-0", "article_id": "b", "event_type": second},
    ).to_dict("records")
    assert same_event(a, b) is one_event
    incidents, _ = merge_reports(pd.DataFrame([a, b]))
    assert len(incidents) == (1 if one_event else 2)


@pytest.mark.parametrize(
    ("change", "one_event"),
    [
        ({}, True),
        ({"date": pd.Timestamp("2024-03-06"), "review": "date_inferred"}, True),  # dated by a dateline the day after
        ({"date": pd.Timestamp("2024-03-07")}, False),
        ({"date": pd.Timestamp("2024-03-01"), "date_precision": "month", "killed_best": 12}, True),  # "in March", same toll
        ({"date": pd.Timestamp("2024-03-01"), "date_precision": "month", "killed_best": 30}, False),  # another of March's events
        ({"date": pd.Timestamp("2024-03-01"), "date_precision": "month", "killed_best": None}, False),  # too vague to pick one
        ({"killed_best": 25}, True),  # the toll grew as later reports came in
        ({"killed_best": 40}, False),  # two events in one town on one day
        ({"latitude": 36.4}, True),  # 22 km north: within the 25 km of one place
        ({"latitude": 36.45}, False),  # 28 km
        ({"latitude": 36.2, "longitude": 37.43}, False),  # 25.1 km east
        ({"country": "Turkey"}, False),
        ({"article_id": "a"}, False),  # one article's two reports are two events
        ({"origin": "ACLED"}, False),
    ],
)
def test_the_index_finds_what_the_rule_says(change, one_event):
    frame = reports_frame({"report_id": "a-0", "article_id": "a"}, {"report_id": "b-0", "article_id": "b", **change})
    a, b = frame.to_dict("records")
    assert same_event(a, b) is one_event
    ids = Assigner().assign_frame(frame)
    assert (ids.iloc[0] == ids.iloc[1]) is one_event


@pytest.mark.parametrize(
    ("second", "one_event"),
    [
        ({"evidence": "Gunmen attacked a wedding party in the old town.", "killed_best": 20}, False),  # another event
        ({"evidence": "The convoy came under fire on the ring road.", "killed_best": 20}, True),  # the convoy, the road
        (
            {"evidence": "Gunmen opened fire on the passengers.", "killed_best": 13, "actor1": "Islamic State"},
            True,
        ),  # toll, perpetrator
        (
            {"evidence": "Gunmen attacked a wedding party.", "killed_best": 13, "actor1": "Islamic State"},
            False,
        ),  # toll and perpetrator, but a wedding was hit, not a convoy: another of the group's attacks
        (
            {"evidence": "Two convoys and a checkpoint were hit.", "killed_best": 13, "actor1": "Islamic State"},
            True,
        ),  # one of the things hit is the convoy
        ({"evidence": "Gunmen attacked a wedding party.", "killed_best": 13}, False),  # a similar toll alone is not enough
        (
            {
                "evidence": "The convoy came under fire.",
                "killed_best": 13,
                "date": pd.Timestamp("2024-03-06"),
                "review": INFERRED,
            },
            False,
        ),  # two, dated by a dateline a day later
        (
            {
                "evidence": "The convoy came under fire on the ring road.",
                "killed_best": 20,
                "date": pd.Timestamp("2024-03-06"),
                "review": INFERRED,
            },
            True,
        ),  # three
    ],
)
def test_a_second_report_shares_a_detail_with_the_first(second, one_event):
    frame = reports_frame(
        {"report_id": "a-0", "article_id": "a", "actor1": "Islamic State"}, {"report_id": "b-0", "article_id": "b", **second}
    )
    assert same_event(*frame.to_dict("records")) is one_event


def test_an_incident_carries_every_review_reason_of_its_reports():
    frame = reports_frame(
        {"report_id": "a-0", "article_id": "a", "review": "toll_claimed"},
        {"report_id": "b-0", "article_id": "b", "review": "tally_nearby;toll_claimed"},
    )
    incidents, _ = merge_reports(frame)
    assert incidents.iloc[0]["review"] == "toll_claimed;tally_nearby"


# The README's query, word for word: the store is standard Parquet that DuckDB reads in place.
README_QUERY = """
SELECT a.incident_id,
       max(r.killed_low) AS killed_low,
       count(DISTINCT r.article_id) AS sources
FROM read_parquet('{data}/batches/*/reports.parquet', union_by_name = true) AS r
JOIN read_parquet('{data}/batches/*/assignments.parquet') AS a USING (report_id)
GROUP BY a.incident_id
ORDER BY killed_low DESC NULLS LAST
"""


def test_duckdb_reads_the_store_in_place_as_the_readme_shows(seed_store):
    import duckdb

    readme = " ".join((ROOT / "README.md").read_text().split())
    assert " ".join(README_QUERY.replace("{data}", "data").split()) in readme
    rows = duckdb.sql(README_QUERY.format(data=seed_store.root)).fetchall()
    ours = seed_store.frames().incidents.set_index("incident_id")
    assert {i: (low, n) for i, low, n in rows} == {
        i: (row.killed_low, row.source_count) for i, row in ours[["killed_low", "source_count"]].iterrows()
    }
    assert rows[0][1:] == (42, 1) and (32, 2) in [r[1:] for r in rows]


def test_a_rebuild_cut_short_is_in_force_for_readers_and_finished_by_the_next_write(tmp_path, gazetteer):
    store = Store(tmp_path)
    ingest_paths([copies(tmp_path / "in", 6)], store, gazetteer)
    reports = store.read(REPORTS)
    # As if `rebuild` died after writing its file and before copying it into the batches: its
    # assignments (here, made up: every report its own incident) are what readers see ...
    rebuilt = pd.DataFrame({"report_id": reports["report_id"], "incident_id": "inc-rebuilt-" + reports["report_id"]})
    store.rebuilds.mkdir()
    rebuilt.to_parquet(store.rebuilds / "00000000000000000009-cutshort.parquet", index=False)
    seen = Store(tmp_path).frames().incidents
    assert set(seen["incident_id"]) == set(rebuilt["incident_id"])
    # ... and the next write finishes the job (assigns every report again under the rules it
    # runs, as the rebuild would have): the batches alone then say it, and nothing is in force.
    ingest_paths([SEEDS], Store(tmp_path), gazetteer)
    assert not Store(tmp_path).layout().rebuild_in_force
    after = Store(tmp_path).frames()
    stored = pd.concat(pd.read_parquet(d / "assignments.parquet") for d in store.batch_dirs())
    one_pass, incident_of = merge_reports(after.reports, after.articles)
    assert dict(zip(stored["report_id"], stored["incident_id"], strict=True)) == incident_of


@pytest.mark.parametrize(
    ("first", "second", "one_event"),
    [
        ({"actor1": "Islamic State"}, {"actor1": "Islamic State"}, True),
        ({"actor1": "Islamic State"}, {"actor1": None}, True),  # one outlet names no one
        ({"actor1": "Islamic State"}, {"actor1": "Taliban"}, False),  # two perpetrators, each named: two events
        ({"actor1": "Islamic State"}, {"actor1": "Islamic State West Africa Province"}, True),  # a branch, its parent
        # "at least 2" told of a day, and a report of the month: near only to a toll near 2.
        ({"killed_low": 2, "killed_best": 2}, {"date_precision": "month", "killed_best": 3}, True),
        ({"killed_low": 2, "killed_best": 2}, {"date_precision": "month", "killed_best": 17}, False),
    ],
)
def test_named_perpetrators_and_open_tolls(first, second, one_event):
    frame = reports_frame(
        {"report_id": "a-0", "article_id": "a", **first},
        {"report_id": "b-0", "article_id": "b", "date": pd.Timestamp("2024-03-01"), **second}
        if second.get("date_precision") == "month"
        else {"report_id": "b-0", "article_id": "b", **second},
    )
    assert same_event(*frame.to_dict("records")) is one_event


@pytest.mark.parametrize(
    ("first", "second", "one_event"),
    [
        # The second story, dated only by its dateline the next day, may tell of the first day's event.
        ({"review": None}, {"review": INFERRED}, True),
        ({"review": INFERRED}, {"review": INFERRED}, True),
        # A story dated by its dateline cannot tell of a day after it was filed, unless a night
        # lies between (filed late, the event just after midnight).
        ({"review": INFERRED}, {"review": None}, False),
        ({"review": INFERRED}, {"review": None, "evidence": "Fighters ambushed a convoy early on Wednesday."}, True),
        # Two days, each told in the text: two events, unless a night lies between them or the
        # reports share much (toll, perpetrator, what was hit and where).
        ({"review": None}, {"review": None, "evidence": "Fighters attacked a convoy."}, False),
        ({"review": None, "actor1": "Islamic State"}, {"review": None, "actor1": "Islamic State"}, True),
        (
            {"evidence": "Fighters ambushed a convoy on the ring road late on Tuesday."},
            {"evidence": "Fighters ambushed a convoy on the ring road early on Wednesday."},
            True,
        ),
        ({"review": None}, {"review": None, "evidence": "The convoy was hit overnight on the ring road."}, True),
        ({"review": None}, {"review": None, "evidence": "Fighters attacked a convoy on the ring road on Tuesday evening."}, True),
    ],
)
def test_days_a_day_apart_are_one_event_only_when_the_texts_allow_it(first, second, one_event):
    frame = reports_frame(
        {"report_id": "a-0", "article_id": "a", **first},
        {"report_id": "b-0", "article_id": "b", "date": pd.Timestamp("2024-03-06"), **second},
    )
    assert same_event(*frame.to_dict("records")) is one_event
    ids = Assigner().assign_frame(frame.iloc[::-1])  # whichever is stored first
    assert (ids.iloc[0] == ids.iloc[1]) is one_event


@pytest.mark.parametrize(
    ("second", "one_event"),
    [
        ("Demonstrators marched through the city to denounce fuel prices, organisers said.", True),
        ("Thousands of people protested in the city against power cuts, witnesses said.", False),
        ("Thousands of people gathered in the city, witnesses said.", True),  # says nothing of what it was about
    ],
)
def test_two_protests_about_different_things_are_two_events(second, one_event):
    frame = reports_frame(
        {
            "report_id": "a-0",
            "article_id": "a",
            "event_type": "Protests",
            "sub_event_type": "Peaceful protest",
            "killed_best": None,
            "evidence": "Thousands of people protested in the city against rising fuel prices, witnesses said.",
        },
        {
            "report_id": "b-0",
            "article_id": "b",
            "event_type": "Protests",
            "sub_event_type": "Peaceful protest",
            "killed_best": None,
            "evidence": second,
        },
    )
    assert same_event(*frame.to_dict("records")) is one_event
