"""ACLED and UCDP GED exports: values land in the right columns, precision codes map as
docs/imports.md says, re-importing adds nothing, and a malformed file stores nothing bad."""

from __future__ import annotations

import csv
from datetime import date

import pandas as pd
import pytest

from loaders.__main__ import main
from loaders.ingest import ingest_dataset, ingest_paths
from loaders.read.datasets import DatasetError, read_dataset
from loaders.store import Store
from loaders.store.merge import merge_reports
from loaders.store.schema import ARTICLES, REPORTS, conform
from tests.datasets import EVAL, GED_SAMPLE, acled_current_file, acled_eval_rows, ged_rows, read_csv, write_acled, write_ged

# The mapping as docs/imports.md states it, written out here rather than imported, so that a
# change to the code that the documentation does not follow fails.
DOC_ACLED_TIME = {"1": "day", "2": "week", "3": "month"}
DOC_ACLED_GEO = {"1": 2, "2": 3, "3": 3}
DOC_UCDP_DATE = {"1": "day", "2": "week", "3": "week", "4": "month", "5": "year"}
DOC_UCDP_WHERE = {"1": 2, "2": 3, "3": 3, "4": 3, "5": 3, "6": 4, "7": 4}
DOC_UCDP_TYPE = {"1": ("Battles", "Armed clash"), "2": ("Battles", "Armed clash"), "3": ("Violence against civilians", "Attack")}


@pytest.fixture
def acled_rows() -> list[dict]:
    return acled_eval_rows()


@pytest.fixture
def acled_file(tmp_path, acled_rows):
    return write_acled(tmp_path / "acled_export.csv", acled_rows)


def test_acled_values_land_in_their_columns(acled_file, acled_rows):
    out = read_dataset(acled_file)
    assert out.dataset == "ACLED"
    assert out.skipped == []
    assert len(out.reports) == len(acled_rows) == 160
    for row, report, article in zip(acled_rows, out.reports, out.articles, strict=True):
        assert report["origin"] == "ACLED"
        assert report["date"] == date.fromisoformat(row["_iso_date"])  # "29-Apr-20" read as 2020-04-29
        assert report["date_precision"] == DOC_ACLED_TIME[row["time_precision"]]
        assert report["geo_precision"] == DOC_ACLED_GEO[row["geo_precision"]]
        assert (report["location"], report["country"], report["admin1"]) == (row["location"], row["country"], row["admin1"])
        assert (report["latitude"], report["longitude"]) == (float(row["latitude"]), float(row["longitude"]))
        assert (report["event_type"], report["sub_event_type"]) == (row["event_type"], row["sub_event_type"])
        assert (report["actor1"], report["actor2"]) == (row["actor1"], row["actor2"] or None)
        fatalities = int(row["fatalities"])
        assert (report["killed_low"], report["killed_best"], report["killed_high"]) == (fatalities, fatalities, None)
        assert report["evidence"] == row["notes"]
        assert article["text"] == row["notes"]
        assert article["outlet"] == "ACLED"
        assert row["event_id_cnty"] in article["source"] and str(acled_file) in article["source"]
    # The rows conform to the tables as they are stored; ACLED has no wounded counts.
    reports = conform(pd.DataFrame(out.reports), REPORTS)
    assert reports[["wounded_low", "wounded_best", "wounded_high"]].isna().all().all()
    conform(pd.DataFrame(out.articles), ARTICLES)


def test_acled_legacy_layout_and_event_types(tmp_path):
    rows = acled_eval_rows(legacy=True)
    out = read_dataset(write_acled(tmp_path / "acled_africa_2016.csv", rows, legacy=True))
    assert len(out.reports) == len(rows) == 33 and out.skipped == []
    legacy_types = {
        "Battle-No change of territory": ("Battles", "Armed clash"),
        "Battle-Government regains territory": ("Battles", "Government regains territory"),
        "Remote violence": ("Explosions/Remote violence", None),
        "Violence against civilians": ("Violence against civilians", None),
    }
    for row, report in zip(rows, out.reports, strict=True):
        assert (report["event_type"], report["sub_event_type"]) == legacy_types[row["event_type"]]
        assert report["actor2"] == (row["actor2"] or None)
        assert report["date"] == date.fromisoformat(row["_iso_date"])


@pytest.mark.parametrize("code", ["1", "2", "3"])
def test_every_acled_precision_code(tmp_path, acled_rows, code):
    # The evaluation rows only use codes 1 and 2; code 3 is set on a copy of a real row.
    row = {**acled_rows[0], "time_precision": code, "geo_precision": code}
    report = read_dataset(write_acled(tmp_path / "one.csv", [row])).reports[0]
    assert (report["date_precision"], report["geo_precision"]) == (DOC_ACLED_TIME[code], DOC_ACLED_GEO[code])


# --- ACLED's current export layout (real rows of ../shared/eval, read as they are) ----------

# ACLED's actor types of a civilian side, in the current exports' text and the older numbers.
DOC_ACLED_CIVILIAN_TYPES = {"Protesters", "Civilians", "6", "7"}


def _targets_first(row: dict) -> bool:
    """docs/imports.md: civilian_targeting set, the civilian side listed first, a non-civilian second."""
    return bool(
        row["civilian_targeting"]
        and row["actor2"]
        and row["inter1"] in DOC_ACLED_CIVILIAN_TYPES
        and row["inter2"] not in DOC_ACLED_CIVILIAN_TYPES
    )


@pytest.fixture
def acled_current() -> tuple[list[dict], object]:
    path = acled_current_file()
    return read_csv(path), read_dataset(path)


def test_acled_current_layout_values(acled_current):
    rows, out = acled_current
    assert out.dataset == "ACLED" and out.skipped == [] and out.notes == []
    assert len(rows) == len(out.reports) == 30
    # What this layout holds: text actor types, civilian_targeting, tags and a Unix timestamp.
    assert {"civilian_targeting", "tags", "timestamp", "disorder_type"} <= set(rows[0])
    assert not any(r["inter1"].isdigit() for r in rows)
    for number, (row, report, article) in enumerate(zip(rows, out.reports, out.articles, strict=True), start=1):
        assert report["origin"] == "ACLED" and article["article_id"] == f"acled-{row['event_id_cnty']}"
        assert article["source"].endswith(f"(ACLED event {row['event_id_cnty']}, row {number})")
        # The date is event_date; timestamp is when ACLED last changed the row (seconds since
        # 1970), not a date of the event, and is not read.
        assert row["timestamp"].isdigit()
        assert report["date"] == article["published"] == date.fromisoformat(row["event_date"])
        assert report["date"].year == int(row["year"])
        assert report["date_precision"] == DOC_ACLED_TIME[row["time_precision"]]
        assert report["geo_precision"] == DOC_ACLED_GEO[row["geo_precision"]]
        assert (report["location"], report["country"], report["admin1"]) == (row["location"], row["country"], row["admin1"])
        assert (report["latitude"], report["longitude"]) == (float(row["latitude"]), float(row["longitude"]))
        assert (report["event_type"], report["sub_event_type"]) == (row["event_type"], row["sub_event_type"])
        # Fatalities: a floor that is also the best estimate; 0 is a count of none, not unknown.
        fatalities = int(row["fatalities"])
        assert (report["killed_low"], report["killed_best"], report["killed_high"]) == (fatalities, fatalities, None)
        # The notes are the evidence and the text; tags, actor types and the rest are not kept.
        assert report["evidence"] == article["text"] == row["notes"]
        actors = (row["actor2"], row["actor1"]) if _targets_first(row) else (row["actor1"], row["actor2"] or None)
        assert (report["actor1"], report["actor2"]) == actors
    assert sum(r["fatalities"] == "0" for r in rows) == sum(p["killed_best"] == 0 for p in out.reports) > 0
    reports = conform(pd.DataFrame(out.reports), REPORTS)
    assert reports[["wounded_low", "wounded_best", "wounded_high"]].isna().all().all()
    conform(pd.DataFrame(out.articles), ARTICLES)


def test_acled_civilian_targeting_puts_the_target_second(acled_current):
    # ACLED lists protesters first even when force is used against them; civilian_targeting says
    # they were the target, so the other side is our actor1 (perpetrator). Where ACLED already
    # lists the civilians second (attacks on civilians, mob violence) nothing moves.
    rows, out = acled_current
    flagged = [(r, p) for r, p in zip(rows, out.reports, strict=True) if r["civilian_targeting"] == "Civilian targeting"]
    swapped = [(r, p) for r, p in flagged if _targets_first(r)]
    assert len(flagged) > len(swapped) >= 1
    for row, report in swapped:
        assert row["sub_event_type"] == "Excessive force against protesters" and row["inter1"] == "Protesters"
        assert (report["actor1"], report["actor2"]) == (row["actor2"], row["actor1"])
    for row, report in flagged:
        if not _targets_first(row):
            assert row["inter2"] == "Civilians" and (report["actor1"], report["actor2"]) == (row["actor1"], row["actor2"])
    # Without the flag, protesters facing an intervention stay first, as ACLED writes them.
    for row, report in zip(rows, out.reports, strict=True):
        if row["inter1"] == "Protesters" and not row["civilian_targeting"]:
            assert report["actor1"] == row["actor1"]


def test_acled_numeric_actor_types_read_like_text(tmp_path, acled_current):
    # Older exports write actor types as numbers (6 protesters, 1 state forces); a copy of the
    # real swapped row with numbers instead of words is read the same way.
    rows, out = acled_current
    index = next(n for n, r in enumerate(rows) if _targets_first(r))
    numeric = {**rows[index], "inter1": "6", "inter2": "1"}
    path = tmp_path / "acled_numeric.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, list(rows[0]))
        writer.writeheader()
        writer.writerow(numeric)
    report = read_dataset(path).reports[0]
    assert (report["actor1"], report["actor2"]) == (out.reports[index]["actor1"], out.reports[index]["actor2"])


def test_acled_current_reimport_adds_nothing(tmp_path, acled_current):
    path = acled_current_file()
    store = Store(tmp_path / "data")
    first = ingest_dataset(path, store)
    assert (first.events_read, first.events_added, first.skipped) == (30, 30, [])
    version = store.version()
    assert read_dataset(path.read_bytes(), name="copy.csv").reports == read_dataset(path, name="copy.csv").reports
    again = ingest_dataset(path.read_bytes(), store, name="renamed export.csv")
    assert (again.events_added, again.events_already_stored) == (0, 30) and store.version() == version
    assert len(store.frames().incidents) == 30


# --- UCDP GED (the real rows committed in tests/resources/datasets/) -----------------------


def _ged_by_id() -> dict[str, tuple[dict, dict, dict]]:
    """The real GED rows read by the csv module and by the importer: id -> (row, report, article)."""
    out = read_dataset(GED_SAMPLE)
    assert out.skipped == []
    rows = ged_rows()
    return {row["id"]: (row, report, article) for row, report, article in zip(rows, out.reports, out.articles, strict=True)}


def test_ucdp_real_rows_values_and_codes():
    # The 30 real GED rows (tests/resources/README.md), read here with the csv module: each is one
    # report with the values docs/imports.md promises.
    rows = ged_rows()
    out = read_dataset(GED_SAMPLE)
    assert out.dataset == "UCDP GED" and out.skipped == []
    assert len(rows) == len(out.reports) == len(out.articles) == 30
    for number, (row, report, article) in enumerate(zip(rows, out.reports, out.articles, strict=True), start=1):
        assert report["origin"] == "UCDP GED"
        assert article["article_id"] == f"ucdp-ged-{row['id']}" and report["article_id"] == article["article_id"]
        assert article["outlet"] == "UCDP GED"
        assert article["source"] == f"{GED_SAMPLE} (UCDP GED event {row['id']}, row {number})"
        # Dates come from timestamp columns ("2026-07-28 00:00:00.000"); the day is what is kept.
        assert row["date_start"].endswith(" 00:00:00.000")
        assert report["date"] == article["published"] == date.fromisoformat(row["date_start"][:10])
        assert report["date_precision"] == DOC_UCDP_DATE[row["date_prec"]]
        assert report["geo_precision"] == DOC_UCDP_WHERE[row["where_prec"]]
        assert (report["event_type"], report["sub_event_type"]) == DOC_UCDP_TYPE[row["type_of_violence"]]
        assert (report["killed_low"], report["killed_best"], report["killed_high"]) == (
            int(row["low"]),
            int(row["best"]),
            int(row["high"]),
        )
        assert row["where_description"] in article["text"]
    # The codes the real rows carry; the others are set on copies below.
    assert {r["type_of_violence"] for r in rows} == set(DOC_UCDP_TYPE)
    assert {r["where_prec"] for r in rows} == {"1", "2", "3", "4", "5"}
    assert {r["date_prec"] for r in rows} == {"1", "2", "4"}
    # Ranges that differ, read as they are: Ethiopia 0-3-3, Niger 0-0-1, Ukraine 1-5-10.
    ranges = {r["id"]: (p["killed_low"], p["killed_best"], p["killed_high"]) for r, p in zip(rows, out.reports, strict=True)}
    assert (ranges["637667"], ranges["636426"], ranges["637352"]) == ((0, 3, 3), (0, 0, 1), (1, 5, 10))
    # The rows conform to the tables as they are stored; GED counts deaths only.
    reports = conform(pd.DataFrame(out.reports), REPORTS)
    assert reports[["wounded_low", "wounded_best", "wounded_high"]].isna().all().all()
    conform(pd.DataFrame(out.articles), ARTICLES)


def test_ucdp_candidate_flags_and_empty_ids_are_read():
    # Candidate releases write active_year as true/false (stable ones 1/0) and leave
    # conflict_dset_id empty in state-based rows; neither is kept, and neither stops a row.
    rows = ged_rows()
    assert {r["active_year"] for r in rows} == {"true", "false"}
    assert {r["type_of_violence"] for r in rows if r["conflict_dset_id"] == ""} == {"1"}
    assert b',"",' in GED_SAMPLE.read_bytes()  # written as an empty quoted field
    assert sum(r["gwnoa"] == "" for r in rows) > 0
    assert len(read_dataset(GED_SAMPLE).reports) == len(rows)


def test_ucdp_multiline_field_is_one_field():
    # Row 8 (id 637147) has a quoted where_description with two line breaks inside: it stays one
    # field of one row, and the rows after it keep their numbers (rows, not lines, are counted).
    by_id = _ged_by_id()
    row, report, article = by_id["637147"]
    assert row["where_description"].count("\n") == 2
    assert row["where_description"] in article["text"]
    assert report["location"] == "Malambo town"
    assert article["source"].endswith("(UCDP GED event 637147, row 8)")
    assert by_id["637624"][2]["source"].endswith("(UCDP GED event 637624, row 9)")
    assert GED_SAMPLE.read_bytes().count(b"\n") == 31 + 2  # header and 30 rows, and the two inside


@pytest.mark.parametrize(("column", "code"), [("where_prec", "6"), ("where_prec", "7"), ("date_prec", "3"), ("date_prec", "5")])
def test_ucdp_codes_no_real_row_carries(tmp_path, column, code):
    # No row of the real sample has these codes (a country-wide or vaguer place; a date known to
    # the week or only the year), so each is set on a copy of a real row. Like the other copies
    # with one value changed in this file, it stands only for what no real row shows.
    real = ged_rows()[11]
    report = read_dataset(write_ged(tmp_path / "ged.csv", [{**real, column: code}])).reports[0]
    if column == "where_prec":
        assert report["geo_precision"] == DOC_UCDP_WHERE[code]
    else:
        assert report["date_precision"] == DOC_UCDP_DATE[code]


def test_committed_sample_is_the_shared_file_byte_for_byte():
    shared = EVAL / "ucdp_ged_sample.csv"
    if not shared.exists():
        pytest.skip(f"{shared} is absent")
    assert GED_SAMPLE.read_bytes() == shared.read_bytes()


# The real rows' places as docs/imports.md says they are stored: id -> (country, admin1). GED's
# historical names in brackets and its admin1 kinds ("province", "oblast", ...) go; what is left
# is as GED writes it.
GED_PLACES = {
    "636206": ("Afghanistan", "Badakhshan"),
    "636673": ("Bangladesh", "Chittagong"),
    "636727": ("Bangladesh", "Chittagong"),
    "636243": ("Benin", "Atacora"),
    "636909": ("Brazil", "Amapá"),
    "636938": ("Burkina Faso", "Kuilsé"),
    "635858": ("Colombia", "Nariño"),
    "637147": ("Colombia", "Atlántico"),
    "637624": ("DR Congo", "Nord Kivu"),
    "637667": ("Ethiopia", "Oromiya"),
    "637721": ("Ethiopia", "Oromiya"),
    "637563": ("Iran", "Hormozgan"),
    "636182": ("Iraq", "Kirkūk"),
    "636688": ("Israel", "Gaza Strip"),
    "637700": ("Lebanon", "Nabatiye"),
    "636988": ("Mali", "Tombouctou"),
    "637328": ("Mexico", "Baja California"),
    "636303": ("Myanmar", "Bago"),
    "636705": ("Niger", "Dosso"),
    "636426": ("Niger", "Tillabéri"),
    "635117": ("Pakistan", "Khyber Pakhtunkwa"),
    "637359": ("Russia", "Belgorod"),
    "634625": ("Somalia", "Lower Shabelle"),
    "636865": ("South Sudan", "Jonglei"),
    "636888": ("South Sudan", "West Bahr-al-Ghazal"),
    "634124": ("Sudan", "South Kordofan"),
    "633991": ("Syria", "Deir ez Zor"),
    "637352": ("Ukraine", "Kharkiv"),
    "635941": ("Ukraine", "Sumy"),
    "636040": ("Yemen", "Abyan"),
}


def test_ucdp_places_take_the_names_other_sources_use():
    by_id = _ged_by_id()
    assert set(by_id) == set(GED_PLACES)
    for event_id, (row, report, _) in by_id.items():
        assert (report["country"], report["admin1"]) == GED_PLACES[event_id], row["adm_1"]
        assert report["location"] == row["where_coordinates"]
        assert (report["latitude"], report["longitude"]) == (float(row["latitude"]), float(row["longitude"]))
    # What GED wrote, for the record: the rules above had these to undo.
    written = {by_id[i][0]["country"] for i in ("637624", "636303", "637359", "636040")}
    assert written == {"DR Congo (Zaire)", "Myanmar (Burma)", "Russia (Soviet Union)", "Yemen (North Yemen)"}
    assert (by_id["637359"][0]["adm_1"], by_id["636673"][0]["adm_1"]) == ("Belgorod oblast", "Chittagong division")


def test_ucdp_evidence_is_the_citations_without_ged_quoting():
    # GED writes source_article as a list: each citation "office,date,headline" in double quotes,
    # ';'-separated. Those quotes are GED's syntax; the evidence keeps the citations, one per
    # source, joined by "; ", and any quotes inside a headline.
    for row, report, article in _ged_by_id().values():
        written = row["source_article"]
        assert written.startswith('"') and written.endswith('"')
        citations = [c.strip() for c in written[1:-1].split('";"')]
        assert len(citations) == int(row["number_of_sources"])
        assert report["evidence"] == "; ".join(citations)
        assert row["source_headline"] in article["text"]
    assert (
        _ged_by_id()["637563"][1]["evidence"] == "Agence France Presse,2026-07-30,US strike kills three in Qeshm: Iranian media"
    )
    # Three sources, the third headline with quotes of its own, and trailing spaces trimmed.
    evidence = _ged_by_id()["636206"][1]["evidence"]
    assert evidence.count("; ") == 2 and 'states that he was "martyred" in an attack' in evidence
    assert not evidence.startswith('"') and not evidence.endswith('"')
    assert _ged_by_id()["636673"][1]["evidence"] == (
        "SATP,2026-08-01,Bangladesh: Timeline (Terrorist Activities)-2026; International Crisis Group ,2026-08-03,Bangladesh July 2026"
    )


@pytest.mark.parametrize(
    ("written", "evidence"),
    [
        # Not in GED's quoted form (no real row is): kept as written.
        ("AFP,2020-05-02,Headline", "AFP,2020-05-02,Headline"),
        # An empty source_article: the headline is the evidence.
        ("", "a headline"),
    ],
)
def test_ucdp_evidence_written_otherwise(tmp_path, written, evidence):
    row = {**ged_rows()[11], "source_article": written, "source_headline": "a headline"}
    assert read_dataset(write_ged(tmp_path / "ged.csv", [row])).reports[0]["evidence"] == evidence


def test_ucdp_placeholder_actors_are_unknown():
    # The candidate release's one "Check dyad" row: UCDP has not identified either side yet and
    # writes the placeholder XXX70 (its code for Mexico) instead. The event goes in with its
    # place, date and deaths; its actors are unknown, not a group called "XXX70".
    row, report, article = _ged_by_id()["637328"]
    assert (row["code_status"], row["side_a"], row["side_b"], row["dyad_name"]) == (
        "Check dyad",
        "XXX70",
        "XXX70",
        "XXX70 - XXX70",
    )
    assert (report["actor1"], report["actor2"]) == (None, None)
    assert (report["country"], report["killed_best"], report["event_type"]) == ("Mexico", 2, "Battles")
    assert article["title"] == "UCDP GED 637328: sides not identified in Tijuana town, Mexico"
    assert "XXX" not in article["title"] + article["text"]
    out = read_dataset(GED_SAMPLE)
    assert "1 row(s) with unknown actors (UCDP placeholders such as 'XXX70' for sides not identified yet)" in out.notes
    # Every other row names both sides as GED writes them.
    for event_id, (row, report, _) in _ged_by_id().items():
        if event_id != "637328":
            assert row["code_status"] == "Clear"
            assert (report["actor1"], report["actor2"]) == (row["side_a"], row["side_b"])


def test_ucdp_placeholder_beside_a_named_actor_is_dropped(tmp_path):
    # No real row shows a placeholder next to a named actor in one side; this copy of a real
    # row does, to check that only the placeholder goes.
    row = {**ged_rows()[11], "side_b": "Government of Israel, XXX2"}
    report = read_dataset(write_ged(tmp_path / "ged.csv", [row])).reports[0]
    assert (report["actor1"], report["actor2"]) == ("Government of Iran", "Government of Israel")


def test_bytes_and_path_read_alike(acled_file):
    from_path = read_dataset(acled_file, name="acled.csv")
    from_bytes = read_dataset(acled_file.read_bytes(), name="acled.csv")
    assert from_bytes.reports == from_path.reports
    assert from_bytes.articles == from_path.articles


def test_cli_import_then_reimport_adds_nothing(tmp_path, acled_file, capsys):
    data = tmp_path / "data"
    ged = write_ged(tmp_path / "ged.csv")
    assert main(["ingest", str(acled_file), str(ged), "--data", str(data)]) == 0
    first = capsys.readouterr().out
    assert "dataset events: 190 (190 new, 0 already stored)" in first
    frames = Store(data).frames()
    assert frames.incidents["origin"].value_counts().to_dict() == {"ACLED": 160, "UCDP GED": 30}
    batches = Store(data).version()
    # The same rows again, under another file name: nothing is added, no batch is written.
    renamed = tmp_path / "copy of export.csv"
    renamed.write_bytes(acled_file.read_bytes())
    assert main(["ingest", str(renamed), str(ged), "--data", str(data)]) == 0
    assert "dataset events: 190 (0 new, 190 already stored)" in capsys.readouterr().out
    assert Store(data).version() == batches
    # The CLI's incidents keep each event's values.
    assert main(["show", "incidents", "--data", str(data)]) == 0
    shown = pd.read_csv(pd.io.common.StringIO(capsys.readouterr().out))
    kharwar = shown[shown["location"] == "Kharwar"].iloc[0]
    assert (kharwar["origin"], kharwar["killed_best"], kharwar["outlets"]) == ("ACLED", 15, "ACLED")


def test_each_dataset_row_is_its_own_incident(tmp_path, acled_rows):
    # Two real events on the same day in the same place stay two incidents: a dataset row is
    # already one coded event, not a report to merge.
    twin = {**acled_rows[0], "event_id_cnty": acled_rows[0]["event_id_cnty"] + "-B"}
    store = Store(tmp_path / "data")
    ingest_dataset(write_acled(tmp_path / "two.csv", [acled_rows[0], twin]), store)
    assert len(store.frames().incidents) == 2


def test_dataset_and_article_incidents_never_merge(seed_frames):
    article = seed_frames.reports.iloc[[0]]
    coded = article.assign(report_id="acled-X-0", article_id="acled-X", origin="ACLED")
    incidents, _ = merge_reports(pd.concat([article, coded], ignore_index=True))
    assert sorted(incidents["origin"]) == ["ACLED", "article"]
    assert list(incidents["source_count"]) == [1, 1]


def test_store_written_before_origin_reads_as_articles(tmp_path, seed_store):
    # A batch whose reports.parquet lacks the origin column (stores made before it existed).
    old = Store(tmp_path / "old")
    batch = old.batches / "00000000000000000001-old"
    batch.mkdir(parents=True)
    for table in ("articles", "reports", "quotes"):
        frame = pd.read_parquet(seed_store.batch_dirs()[0] / f"{table}.parquet")
        frame.drop(columns=["origin"], errors="ignore").to_parquet(batch / f"{table}.parquet", index=False)
    frames = old.frames()
    assert len(frames.reports) > 0
    assert set(frames.reports["origin"]) == {"article"} == set(frames.incidents["origin"])


# --- malformed files: a clear reason, nothing bad stored -----------------------------------


def test_unknown_header_is_refused_with_its_reason(tmp_path):
    path = tmp_path / "budget.csv"
    path.write_text("item,amount\nfuel,300\n")
    store = Store(tmp_path / "data")
    summary = ingest_paths([path], store)
    assert summary.skipped == [(str(path), "not an ACLED or UCDP GED export (its header starts: item, amount)")]
    assert store.version() == ()


def test_missing_column_named(tmp_path, acled_rows):
    path = write_acled(tmp_path / "cut.csv", acled_rows[:3])
    rows = read_csv(path)
    with path.open("w", newline="") as f:
        writer = csv.DictWriter(f, [c for c in rows[0] if c != "fatalities"], extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(DatasetError, match="looks like ACLED data but lacks the column\\(s\\) fatalities"):
        read_dataset(path)


def test_bad_values_skip_their_rows_only(tmp_path, acled_rows):
    rows = [dict(r) for r in acled_rows[:6]]
    rows[1]["fatalities"] = "many"
    rows[2]["latitude"] = "95.2"
    rows[3]["event_date"] = "sometime in May"
    rows[4]["time_precision"] = "9"
    path = write_acled(tmp_path / "bad.csv", rows)
    store = Store(tmp_path / "data")
    summary = ingest_paths([path], store)
    reasons = [reason for _, reason in summary.skipped]
    assert reasons == [
        "fatalities 'many' is not a whole number",
        "latitude '95.2' is outside -90..90",
        "event_date 'sometime in May' is not a date",
        "time_precision '9' is not one of 1-3",
    ]
    assert all(rows[n]["event_id_cnty"] in where for n, (where, _) in zip((1, 2, 3, 4), summary.skipped, strict=True))
    stored = store.frames().reports
    assert sorted(stored["article_id"]) == sorted(f"acled-{rows[n]['event_id_cnty']}" for n in (0, 5))


def test_ucdp_inconsistent_range_is_refused(tmp_path):
    # Real rows are consistent (low <= best <= high); the first is made not to be.
    real = ged_rows()
    rows = [{**real[0], "low": "9", "best": "1", "high": "2"}, real[1]]
    out = read_dataset(write_ged(tmp_path / "ged.csv", rows))
    assert [a["article_id"] for a in out.articles] == ["ucdp-ged-636673"]
    assert out.skipped == [("row 1 (UCDP GED event 636206)", "deaths low above best (low 9, best 1, high 2)")]


def test_ucdp_file_cut_inside_a_quoted_field(tmp_path):
    # The real file cut off inside row 8's multi-line where_description (an upload that stopped
    # halfway): the seven rows before it go in, the cut row is refused with its reason, and the
    # whole file later adds only the rows not yet stored.
    raw = GED_SAMPLE.read_bytes()
    cut = tmp_path / "ged_cut.csv"
    cut.write_bytes(raw[: raw.index(b"municipality of Malambo\n") + 25])
    store = Store(tmp_path / "data")
    summary = ingest_dataset(cut, store)
    assert summary.skipped == [(f"{cut} row 8", "has 27 fields, the header 49")]
    stored = store.frames().reports
    assert sorted(stored["article_id"]) == sorted(f"ucdp-ged-{r['id']}" for r in ged_rows()[:7])
    conform(stored, REPORTS)
    again = ingest_dataset(GED_SAMPLE, store)
    assert (again.events_added, again.events_already_stored) == (23, 7)


def test_ragged_and_duplicate_rows(tmp_path, acled_rows):
    path = write_acled(tmp_path / "ragged.csv", [acled_rows[0], acled_rows[1], acled_rows[0]])
    with path.open("a") as f:
        f.write("only,three,fields\n")
    out = read_dataset(path)
    assert len(out.reports) == 2
    assert [reason for _, reason in out.skipped] == [
        "the same event appears earlier in the file; the first row was kept",
        "has 3 fields, the header 31",
    ]


@pytest.mark.parametrize(("content", "reason"), [(b"", "empty file"), (bytes(range(256)) * 10, "binary file, not text")])
def test_empty_and_binary_files(tmp_path, content, reason):
    path = tmp_path / "x.csv"
    path.write_bytes(content)
    with pytest.raises(DatasetError, match=reason):
        read_dataset(path)
