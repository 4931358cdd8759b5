"""Dataset files for tests.

UCDP GED (CC BY 4.0): 30 real rows of the UCDP Candidate Events Dataset 26.0.7, committed
byte-exact as tests/resources/datasets/ucdp_ged_candidate_v26_0_7_sample.csv (provenance, attribution and
citations in tests/resources/README.md). Tests read it with the csv module and write their
expectations from the documented mapping.

ACLED rows may not be redistributed, so nothing of ACLED is committed. ACLED's export of 2020 and
its older Africa layout are rebuilt at test time from the shared evaluation file
(../shared/eval/acled_events.csv: its columns plus the untouched source values in
`source_fields`) and written to a temporary folder; ACLED's current export layout is read as it
is from ../shared/eval/acled_current_sample.csv. Tests using either skip when it is absent.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import RESOURCES, ROOT

EVAL = ROOT.parent / "shared" / "eval"
EVAL_ACLED = EVAL / "acled_events.csv"
EVAL_ACLED_CURRENT = EVAL / "acled_current_sample.csv"
# The same bytes as ../shared/eval/ucdp_ged_sample.csv, under a name that says what it is.
GED_SAMPLE = RESOURCES / "datasets" / "ucdp_ged_candidate_v26_0_7_sample.csv"

# UCDP GED's columns, in its order: the same in stable releases since 23.1 and in the candidate
# releases.
GED_COLUMNS = (
    "id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,conflict_name,"
    "dyad_dset_id,dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,side_b_dset_id,side_b_new_id,side_b,"
    "number_of_sources,source_article,source_office,source_date,source_headline,source_original,where_prec,"
    "where_coordinates,where_description,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,country_id,"
    "region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,"
    "best,high,low,gwnoa,gwnob"
).split(",")


def ged_rows() -> list[dict]:
    """The real GED rows, as the csv module reads them: column -> value, in file order."""
    return read_csv(GED_SAMPLE)


def write_ged(path: Path, rows: list[dict] | None = None) -> Path:
    """The real GED sample copied to `path`; with `rows`, those rows (column -> value) in GED's layout."""
    if rows is None:
        shutil.copyfile(GED_SAMPLE, path)
        return path
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(GED_COLUMNS)
        for row in rows:
            writer.writerow([row.get(c, "") for c in GED_COLUMNS])
    return path


def acled_current_file() -> Path:
    """ACLED's current export layout, real rows (../shared/eval only: never copied into the project)."""
    if not EVAL_ACLED_CURRENT.exists():
        pytest.skip(f"{EVAL_ACLED_CURRENT} is absent (ACLED rows cannot be shipped with the project)")
    return EVAL_ACLED_CURRENT


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
