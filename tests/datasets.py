"""Dataset files for tests, built at test time.

ACLED rows may not be redistributed, so ACLED-format files are rebuilt from the shared
evaluation file (../shared/eval/acled_events.csv: its columns plus the untouched source values
in `source_fields`) and written to a temporary folder; tests using them skip when that file is
absent.

UCDP GED is CC BY 4.0, but no real GED rows could be found in the public repositories the
project's search tools index (full releases there are Git LFS pointers), so the UCDP rows below
are CONSTRUCTED in GED's 49-column layout (version 24.1) to exercise every precision and
violence code; they describe no real event. Replace them with a real sample when one is at hand.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tests.conftest import RESOURCES, ROOT

EVAL_ACLED = ROOT.parent / "shared" / "eval" / "acled_events.csv"
# 30 real rows of the UCDP Candidate Events Dataset 26.0.7 (CC BY 4.0; tests/resources/README.md).
GED_SAMPLE = RESOURCES / "datasets" / "ucdp_ged_candidate_v26_0_7_sample.csv"

# UCDP GED 24.1's columns, in its order.
GED_COLUMNS = (
    "id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,conflict_name,"
    "dyad_dset_id,dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,side_b_dset_id,side_b_new_id,side_b,"
    "number_of_sources,source_article,source_office,source_date,source_headline,source_original,where_prec,"
    "where_coordinates,where_description,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,country_id,"
    "region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,"
    "best,high,low,gwnoa,gwnob"
).split(",")

# Constructed rows (see the module docstring): one per where_prec 1-7, date_prec 1-5 spread over
# them, each type_of_violence, and GED's ways of naming countries and provinces.
_GED_BASE = {
    "year": "2020",
    "active_year": "1",
    "code_status": "Clear",
    "number_of_sources": "1",
    "event_clarity": "1",
    "region": "Asia",
}
GED_ROWS: list[dict] = [
    {
        **_GED_BASE,
        "id": "900001",
        "relid": "TEST-2020-1-1",
        "type_of_violence": "1",
        "dyad_name": "Government of Afghanistan - Taleban",
        "side_a": "Government of Afghanistan",
        "side_b": "Taleban",
        "source_article": "Constructed source, 2020-05-02",
        "source_headline": "Constructed headline one",
        "where_prec": "1",
        "where_coordinates": "Kabul town",
        "where_description": "Kabul city",
        "adm_1": "Kabul province",
        "adm_2": "Kabul district",
        "latitude": "34.528",
        "longitude": "69.172",
        "country": "Afghanistan",
        "date_prec": "1",
        "date_start": "2020-05-01 00:00:00.000",
        "date_end": "2020-05-01 00:00:00.000",
        "deaths_a": "2",
        "deaths_b": "3",
        "deaths_civilians": "0",
        "deaths_unknown": "0",
        "best": "5",
        "high": "7",
        "low": "5",
    },
    {
        **_GED_BASE,
        "id": "900002",
        "relid": "TEST-2020-2-1",
        "type_of_violence": "2",
        "dyad_name": "Group A - Group B",
        "side_a": "Group A",
        "side_b": "Group B",
        "source_article": "Constructed source, 2020-06-10",
        "where_prec": "2",
        "where_coordinates": "Kandahar town",
        "adm_1": "Kandahar province",
        "latitude": "31.61",
        "longitude": "65.71",
        "country": "Afghanistan",
        "date_prec": "2",
        "date_start": "2020-06-03 00:00:00.000",
        "date_end": "2020-06-07 00:00:00.000",
        "best": "12",
        "high": "12",
        "low": "10",
    },
    {
        **_GED_BASE,
        "id": "900003",
        "relid": "TEST-2020-3-1",
        "type_of_violence": "3",
        "dyad_name": "Group A - Civilians",
        "side_a": "Group A",
        "side_b": "Civilians",
        "source_headline": "Constructed headline three",
        "where_prec": "3",
        "where_coordinates": "Beni territory",
        "adm_1": "Nord-Kivu province",
        "adm_2": "Beni territory",
        "latitude": "0.49",
        "longitude": "29.47",
        "country": "DR Congo (Zaire)",
        "region": "Africa",
        "date_prec": "3",
        "date_start": "2020-07-06 00:00:00.000",
        "date_end": "2020-07-12 00:00:00.000",
        "best": "4",
        "high": "4",
        "low": "4",
    },
    {
        **_GED_BASE,
        "id": "900004",
        "relid": "TEST-2020-1-2",
        "type_of_violence": "1",
        "side_a": "Government of Yemen (North Yemen)",
        "side_b": "Group C",
        "source_article": "Constructed source four",
        "where_prec": "4",
        "where_coordinates": "Marib governorate",
        "adm_1": "Marib governorate",
        "latitude": "15.46",
        "longitude": "45.32",
        "country": "Yemen (North Yemen)",
        "region": "Middle East",
        "date_prec": "4",
        "date_start": "2020-08-01 00:00:00.000",
        "date_end": "2020-08-31 00:00:00.000",
        "best": "30",
        "high": "45",
        "low": "25",
    },
    {
        **_GED_BASE,
        "id": "900005",
        "relid": "TEST-2020-1-3",
        "type_of_violence": "1",
        "side_a": "Government of Afghanistan",
        "side_b": "Taleban",
        "source_article": "Constructed source five",
        "where_prec": "5",
        "where_coordinates": "Kabul-Jalalabad highway",
        "latitude": "34.45",
        "longitude": "69.95",
        "country": "Afghanistan",
        "date_prec": "5",
        "date_start": "2020-01-01 00:00:00.000",
        "date_end": "2020-12-31 00:00:00.000",
        "best": "2",
        "high": "2",
        "low": "2",
    },
    {
        **_GED_BASE,
        "id": "900006",
        "relid": "TEST-2020-3-2",
        "type_of_violence": "3",
        "side_a": "Group A",
        "side_b": "Civilians",
        "source_article": "Constructed source six",
        "where_prec": "6",
        "where_coordinates": "Afghanistan",
        "latitude": "33.0",
        "longitude": "66.0",
        "country": "Afghanistan",
        "date_prec": "1",
        "date_start": "2020-09-09 00:00:00.000",
        "date_end": "2020-09-09 00:00:00.000",
        "best": "1",
        "high": "1",
        "low": "1",
    },
    {
        **_GED_BASE,
        "id": "900007",
        "relid": "TEST-2020-1-4",
        "type_of_violence": "1",
        "side_a": "Government of Yemen (North Yemen)",
        "side_b": "Group C",
        "source_article": "Constructed source seven",
        "where_prec": "7",
        "where_coordinates": "Red Sea",
        "latitude": "15.0",
        "longitude": "41.5",
        "country": "Yemen (North Yemen)",
        "region": "Middle East",
        "date_prec": "1",
        "date_start": "2020-10-10 00:00:00.000",
        "date_end": "2020-10-10 00:00:00.000",
        "best": "3",
        "high": "3",
        "low": "3",
    },
]


def ged_rows() -> list[dict]:
    """The real GED rows, as the csv module reads them: column -> value, in file order."""
    return read_csv(GED_SAMPLE)


def write_ged(path: Path, rows: list[dict] = GED_ROWS) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(GED_COLUMNS)
        for row in rows:
            writer.writerow([row.get(c, "") for c in GED_COLUMNS])
    return path


# ACLED's export layout of 2020 (the one the evaluation rows were taken from), in its order.
ACLED_COLUMNS = (
    "data_id,iso,event_id_cnty,event_id_no_cnty,event_date,year,time_precision,event_type,sub_event_type,"
    "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,region,country,admin1,admin2,admin3,"
    "location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,timestamp,iso3"
).split(",")
# ACLED's older layout (Africa files up to 2017): upper case, "ally" actors, no sub-event type.
ACLED_LEGACY_COLUMNS = (
    "GWNO,EVENT_ID_CNTY,EVENT_ID_NO_CNTY,EVENT_DATE,YEAR,TIME_PRECISION,EVENT_TYPE,ACTOR1,ALLY_ACTOR_1,INTER1,"
    "ACTOR2,ALLY_ACTOR_2,INTER2,INTERACTION,COUNTRY,ADMIN1,ADMIN2,ADMIN3,LOCATION,LATITUDE,LONGITUDE,"
    "GEO_PRECISION,SOURCE,NOTES,FATALITIES"
).split(",")


def acled_eval_rows(legacy: bool = False) -> list[dict]:
    """The evaluation file's ACLED rows of one layout, as the export's column -> value."""
    if not EVAL_ACLED.exists():
        pytest.skip(f"{EVAL_ACLED} is absent (ACLED rows cannot be shipped with the project)")
    marker = "AschHarwood" if legacy else "RPanlilio"
    out = []
    with EVAL_ACLED.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if marker not in row["origin"]:
                continue
            fields = json.loads(row["source_fields"])
            out.append(
                {
                    **fields,
                    # The 2020 export's own date string ("29-Apr-20"); the legacy rows keep only
                    # the evaluation file's ISO date.
                    "event_date": fields.get("event_date") or row["event_date"],
                    "event_type": row["event_type"],
                    "actor1": row["actor"],
                    "country": row["country"],
                    "location": row["location"],
                    "latitude": row["latitude"],
                    "longitude": row["longitude"],
                    "notes": row["text"],
                    "fatalities": row["killed"],
                    "_iso_date": row["event_date"],
                }
            )
    return out


def write_acled(path: Path, rows: list[dict], legacy: bool = False) -> Path:
    columns = ACLED_LEGACY_COLUMNS if legacy else ACLED_COLUMNS
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([row.get(c.lower(), "") for c in columns])
    return path


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))
