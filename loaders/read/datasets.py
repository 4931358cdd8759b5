"""Coded event datasets: ACLED and UCDP GED CSV exports mapped into our tables.

A file is recognised by its header columns, not its name. Each dataset row becomes one report
(origin "ACLED" or "UCDP GED") and one articles row that records the file, the dataset and the
event id as its source. The article id is derived from the dataset and the event id, so
importing the same file again (or a renamed copy, or a later export that repeats the event)
adds nothing. A row whose date, numbers or coordinates cannot be read is left out with its
reason; a file that is not one of these exports raises `DatasetError` with a one-line reason.
The mapping and why it was chosen: docs/imports.md.

This module never writes the store (ingest.py does) and never geocodes: datasets bring their
own coordinates.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from loaders.read.pages import ReadError, decode
from loaders.store.schema import (
    EVENT_TYPES,
    GEO_COUNTRY,
    GEO_REGION,
    GEO_TOWN,
    ORIGIN_ACLED,
    ORIGIN_UCDP,
)

# A full UCDP GED release is about 250 MB; ACLED's global export is larger. Past this, split it.
MAX_DATASET_BYTES = 1_000_000_000


class DatasetError(ReadError):
    """A file that is not an ACLED or UCDP GED export we can read; str(error) is the reason."""


class RowError(ValueError):
    """One row that cannot be imported; str(error) says which value and why."""


@dataclass
class DatasetRows:
    """What one export holds, as rows of our tables (quotes: datasets have none)."""

    dataset: str  # the origin: "ACLED" or "UCDP GED"
    source: str
    rows_read: int = 0
    articles: list[dict] = field(default_factory=list)
    reports: list[dict] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (row label, reason)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Dataset:
    name: str  # also the reports' origin
    required: frozenset[str]
    event_id: str  # the column that identifies an event within the dataset
    map_row: Callable[[dict[str, str], Counter], tuple[dict, dict]]  # (article fields, report fields)


# --- reading values ------------------------------------------------------------------------


def _text(row: dict[str, str], column: str) -> str | None:
    value = (row.get(column) or "").strip()
    return value or None


def _count(row: dict[str, str], column: str) -> int | None:
    raw = _text(row, column)
    if raw is None:
        return None
    try:
        number = float(raw)
    except ValueError:
        raise RowError(f"{column} {raw!r} is not a whole number") from None
    if number != int(number) or number < 0:
        raise RowError(f"{column} {raw!r} is not a whole number of 0 or more")
    return int(number)


def _coordinate(row: dict[str, str], column: str, limit: float) -> float | None:
    raw = _text(row, column)
    if raw is None:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise RowError(f"{column} {raw!r} is not a number") from None
    if not -limit <= value <= limit:
        raise RowError(f"{column} {raw!r} is outside -{limit:g}..{limit:g}")
    return value


_DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y-%m-%d %H:%M:%S.%f",  # UCDP GED: "2020-01-02 00:00:00.000"
    "%Y-%m-%d %H:%M:%S",
    "%d-%b-%y",  # ACLED exports of 2019-2020: "29-Apr-20"
    "%d-%b-%Y",
    "%d %B %Y",  # ACLED's current export: "29 April 2020"
    "%d/%m/%Y",  # older ACLED spreadsheets, day first
)


def _date(row: dict[str, str], column: str) -> date:
    raw = _text(row, column)
    if raw is None:
        raise RowError(f"{column} is empty")
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    raise RowError(f"{column} {raw!r} is not a date")


def _code(row: dict[str, str], column: str, codes: dict[int, object]):
    raw = _text(row, column)
    if raw is None:
        return None
    try:
        code = int(float(raw))
    except ValueError:
        code = None
    if code not in codes:
        raise RowError(f"{column} {raw!r} is not one of {min(codes)}-{max(codes)}")
    return codes[code]


def _safe_id(value: str) -> str:
    # Article ids are joined with ";" in the incidents table; keep them to plain characters.
    return re.sub(r"[^\w.-]+", "_", value)


# --- ACLED ---------------------------------------------------------------------------------

# ACLED time_precision: 1 the day is known, 2 a day within a week or so, 3 only the month.
ACLED_DATE_PRECISION = {1: "day", 2: "week", 3: "month"}
# ACLED geo_precision: 1 the named town itself, 2 near a town or a small part of a region
# (coded at the nearest town), 3 only a larger region (coded at its capital).
ACLED_GEO_PRECISION = {1: GEO_TOWN, 2: GEO_REGION, 3: GEO_REGION}
# Event types of ACLED's exports before 2019, onto the current taxonomy. "Riots/Protests"
# does not say which of the two it was, so it gets no type (see docs/imports.md).
ACLED_LEGACY_TYPES: dict[str, tuple[str | None, str | None]] = {
    "battle-no change of territory": ("Battles", "Armed clash"),
    "battle-government regains territory": ("Battles", "Government regains territory"),
    "battle-non-state actor overtakes territory": ("Battles", "Non-state actor overtakes territory"),
    "remote violence": ("Explosions/Remote violence", None),
    "violence against civilians": ("Violence against civilians", None),
    "strategic development": ("Strategic developments", None),
    "non-violent transfer of territory": ("Strategic developments", "Non-violent transfer of territory"),
    "headquarters or base established": ("Strategic developments", "Headquarters or base established"),
    "riots/protests": (None, None),
}
_TYPE_BY_LOWER = {t.lower(): t for t in EVENT_TYPES}


def acled_event_type(event_type: str | None, sub_event_type: str | None, unknown: Counter) -> tuple[str | None, str | None]:
    if event_type is None:
        return None, None
    key = event_type.strip().lower()
    if key in _TYPE_BY_LOWER:
        main = _TYPE_BY_LOWER[key]
        subs = {s.lower(): s for s in EVENT_TYPES[main]}
        sub = subs.get((sub_event_type or "").strip().lower())
        if sub_event_type and sub is None:
            unknown[f"sub-event type {sub_event_type!r}"] += 1
        return main, sub
    if key in ACLED_LEGACY_TYPES:
        if key == "riots/protests":
            unknown[f"event type {event_type!r} (riot or protest: stored without a type)"] += 1
        return ACLED_LEGACY_TYPES[key]
    unknown[f"event type {event_type!r}"] += 1
    return None, None


# ACLED actor types of a civilian side: current exports write them as text ("Protesters"), the
# exports of 2019-2023 as the codebook's numbers (6 protesters, 7 civilians).
_ACLED_CIVILIAN_TYPES = {"protesters", "civilians", "6", "7"}


def acled_actors(row: dict[str, str]) -> tuple[str | None, str | None]:
    """(perpetrator, target). ACLED lists protesters first even when force is used against them
    (excessive force against protesters: actor1 the protesters, actor2 the forces). Its
    civilian_targeting column says the civilian side was the target; when that side is actor1
    and actor2 is not civilian, actor2 is the perpetrator and the two change places."""
    actor1, actor2 = _text(row, "actor1"), _text(row, "actor2")
    if _text(row, "civilian_targeting") and actor2:
        first, second = ((_text(row, c) or "").lower() for c in ("inter1", "inter2"))
        if first in _ACLED_CIVILIAN_TYPES and second not in _ACLED_CIVILIAN_TYPES:
            return actor2, actor1
    return actor1, actor2


def map_acled(row: dict[str, str], unknown: Counter) -> tuple[dict, dict]:
    event_id = _text(row, "event_id_cnty")
    day = _date(row, "event_date")
    fatalities = _count(row, "fatalities")
    event_type, sub_event_type = acled_event_type(_text(row, "event_type"), _text(row, "sub_event_type"), unknown)
    location, country = _text(row, "location"), _text(row, "country")
    notes = _text(row, "notes")
    actor1, actor2 = acled_actors(row)
    report = {
        "date": day,
        "date_precision": _code(row, "time_precision", ACLED_DATE_PRECISION),
        "location": location,
        "country": country,
        "admin1": _text(row, "admin1"),
        "latitude": _coordinate(row, "latitude", 90),
        "longitude": _coordinate(row, "longitude", 180),
        "geo_precision": _code(row, "geo_precision", ACLED_GEO_PRECISION),
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": actor1,
        "actor2": actor2,
        # ACLED counts conservatively: its figure is a floor and our best estimate, with no
        # ceiling. It has no wounded counts.
        "killed_low": fatalities,
        "killed_best": fatalities,
        "killed_high": None,
        "evidence": notes,
    }
    article = {
        "title": f"ACLED {event_id}: {event_type or 'event'} in {', '.join(p for p in (location, country) if p)}",
        "published": day,
        "text": notes or "",
    }
    return article, report


ACLED = Dataset(
    name=ORIGIN_ACLED,
    required=frozenset(
        {"event_id_cnty", "event_date", "event_type", "actor1", "country", "location", "latitude", "longitude", "fatalities"}
    ),
    event_id="event_id_cnty",
    map_row=map_acled,
)


# --- UCDP GED ------------------------------------------------------------------------------

# UCDP date_prec: 1 exact day, 2 within 2-6 days, 3 within a week, 4 within 8-30 days or the
# month, 5 only the year.
UCDP_DATE_PRECISION = {1: "day", 2: "week", 3: "week", 4: "month", 5: "year"}
# UCDP where_prec: 1 the exact place (a town or village: its coordinates), 2 within about 25 km
# of a known point, 3 a second-order administrative area, 4 a first-order one, 5 a line (road,
# river) or an area between administrative units, 6 the country, 7 international waters or
# airspace, or vaguer.
UCDP_GEO_PRECISION = {1: GEO_TOWN, 2: GEO_REGION, 3: GEO_REGION, 4: GEO_REGION, 5: GEO_REGION, 6: GEO_COUNTRY, 7: GEO_COUNTRY}
# UCDP type_of_violence onto ACLED's taxonomy. GED says who fought, not how: a state-based
# (1) or non-state (2) event is an armed clash, one-sided violence (3) an attack on civilians.
UCDP_EVENT_TYPES = {
    1: ("Battles", "Armed clash"),
    2: ("Battles", "Armed clash"),
    3: ("Violence against civilians", "Attack"),
}
_ADMIN_SUFFIX = re.compile(
    r"\s+(?:province|governorate|state|region|district|county|department|prefecture|oblast|division)$", re.I
)
_HISTORIC_NAME = re.compile(r"\s*\([^)]*\)\s*$")
# UCDP's candidate (monthly) releases name a side it has not identified yet by a placeholder,
# "XXX" and a country code ("XXX70"), with code_status "Check dyad": an unknown actor, not a name.
_UCDP_PLACEHOLDER = re.compile(r"\bXXX\d*\b")


def ucdp_side(value: str | None) -> tuple[str | None, bool]:
    """A GED side without its placeholders, and whether it had any ("XXX70" alone: None, True).
    A side can list several actors, comma-separated ("Government of Israel, Government of United
    States of America"); a side without placeholders is kept as written."""
    if value is None:
        return None, False
    parts = [p.strip() for p in value.split(",")]
    names = [p for p in parts if p and not _UCDP_PLACEHOLDER.fullmatch(p)]
    if len(names) == len([p for p in parts if p]):
        return value, False
    return ", ".join(names) or None, True


def ucdp_citations(value: str | None) -> str | None:
    """GED's source_article as citations joined by "; ". GED writes each citation in double quotes,
    ';'-separated ('"AFP,2020-05-02,Headline";"BBC,2020-05-03,Headline"'); those quotes are its
    list syntax, not part of the text, and go. A value not written that way is kept as is."""
    if value is None or len(value) < 2 or not (value.startswith('"') and value.endswith('"')):
        return value
    citations = [c.strip() for c in value[1:-1].split('";"')]
    return "; ".join(c for c in citations if c) or None


def map_ucdp(row: dict[str, str], unknown: Counter) -> tuple[dict, dict]:
    event_id = _text(row, "id")
    day = _date(row, "date_start")
    low, best, high = _count(row, "low"), _count(row, "best"), _count(row, "high")
    for a, b, names in ((low, best, "low above best"), (best, high, "best above high"), (low, high, "low above high")):
        if a is not None and b is not None and a > b:
            raise RowError(f"deaths {names} (low {low}, best {best}, high {high})")
    event_type, sub_event_type = _code(row, "type_of_violence", UCDP_EVENT_TYPES) or (None, None)
    # GED writes "Kabul province", "Kharkiv oblast" and "DR Congo (Zaire)": keep the names the
    # other sources use.
    admin1 = _text(row, "adm_1")
    admin1 = _ADMIN_SUFFIX.sub("", admin1) if admin1 else None
    country = _text(row, "country")
    country = _HISTORIC_NAME.sub("", country) or country if country else None
    location = _text(row, "where_coordinates") or _text(row, "where_description")
    sources = ucdp_citations(_text(row, "source_article"))
    headline = _text(row, "source_headline")
    (side_a, placeholder_a), (side_b, placeholder_b) = ucdp_side(_text(row, "side_a")), ucdp_side(_text(row, "side_b"))
    if placeholder_a or placeholder_b:
        unknown["actors (UCDP placeholders such as 'XXX70' for sides not identified yet)"] += 1
    report = {
        "date": day,
        "date_precision": _code(row, "date_prec", UCDP_DATE_PRECISION),
        "location": location,
        "country": country,
        "admin1": admin1,
        "latitude": _coordinate(row, "latitude", 90),
        "longitude": _coordinate(row, "longitude", 180),
        "geo_precision": _code(row, "where_prec", UCDP_GEO_PRECISION),
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": side_a,
        "actor2": side_b,
        "killed_low": low,
        "killed_best": best,
        "killed_high": high,
        "evidence": sources or headline,
    }
    dyad = _text(row, "dyad_name")
    if dyad is None or _UCDP_PLACEHOLDER.search(dyad):
        dyad = " - ".join(s or "side not identified" for s in (side_a, side_b)) if side_a or side_b else "sides not identified"
    article = {
        "title": f"UCDP GED {event_id}: {dyad} in {', '.join(p for p in (location, country) if p)}",
        "published": day,
        "text": "\n\n".join(t for t in (headline, sources, _text(row, "where_description")) if t),
    }
    return article, report


UCDP_GED = Dataset(
    name=ORIGIN_UCDP,
    required=frozenset(
        {"id", "type_of_violence", "side_a", "side_b", "country", "latitude", "longitude", "date_start", "date_prec"}
        | {"where_prec", "best", "low", "high"}
    ),
    event_id="id",
    map_row=map_ucdp,
)

DATASETS: tuple[Dataset, ...] = (ACLED, UCDP_GED)


# --- files ---------------------------------------------------------------------------------


def detect_dataset(header: list[str]) -> Dataset:
    """The dataset whose required columns the header has (compared in lower case)."""
    columns = {h.strip().lower() for h in header}
    for dataset in DATASETS:
        if dataset.required <= columns:
            return dataset
    nearest = min(DATASETS, key=lambda d: len(d.required - columns))
    missing = sorted(nearest.required - columns)
    if len(missing) < len(nearest.required) / 2:
        raise DatasetError(f"looks like {nearest.name} data but lacks the column(s) {', '.join(missing)}")
    shown = ", ".join(h for h in header[:6] if h)
    raise DatasetError(f"not an ACLED or UCDP GED export (its header starts: {shown or 'nothing'})")


def read_dataset(source: Path | str | bytes, name: str | None = None) -> DatasetRows:
    """Read an ACLED or UCDP GED CSV export, from a path or from bytes (an upload named `name`)."""
    if isinstance(source, bytes):
        raw, label = source, name or "upload"
    else:
        path = Path(source)
        label = name or str(path)
        size = path.stat().st_size
        if size > MAX_DATASET_BYTES:
            raise DatasetError(f"file too large ({size / 1e6:.0f} MB; the limit is {MAX_DATASET_BYTES / 1e6:.0f} MB): split it")
        raw = path.read_bytes()
    if len(raw) > MAX_DATASET_BYTES:
        raise DatasetError(f"file too large ({len(raw) / 1e6:.0f} MB; the limit is {MAX_DATASET_BYTES / 1e6:.0f} MB): split it")
    try:
        text, encoding_notes = decode(raw)
    except ReadError as error:
        raise DatasetError(str(error)) from None
    first_line = text.split("\n", 1)[0]
    # Spreadsheets saved in some locales separate with ";" or tabs.
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise DatasetError("empty file") from None
    except csv.Error as error:
        raise DatasetError(f"not a readable CSV file ({error})") from None
    dataset = detect_dataset(header)
    columns = [h.strip().lower() for h in header]
    out = DatasetRows(dataset=dataset.name, source=label, notes=list(encoding_notes))
    unknown: Counter = Counter()
    seen: set[str] = set()
    try:
        for number, values in enumerate(reader, start=1):
            if not any(v.strip() for v in values):
                continue
            out.rows_read += 1
            where = f"row {number}"
            if len(values) != len(columns):
                out.skipped.append((where, f"has {len(values)} fields, the header {len(columns)}"))
                continue
            row = dict(zip(columns, values, strict=True))
            event_id = _text(row, dataset.event_id)
            if event_id is None:
                out.skipped.append((where, f"{dataset.event_id} is empty"))
                continue
            where = f"row {number} ({dataset.name} event {event_id})"
            if event_id in seen:
                out.skipped.append((where, "the same event appears earlier in the file; the first row was kept"))
                continue
            try:
                article_fields, report_fields = dataset.map_row(row, unknown)
            except RowError as error:
                out.skipped.append((where, str(error)))
                continue
            seen.add(event_id)
            article_id = f"{_slug(dataset.name)}-{_safe_id(event_id)}"
            out.articles.append(
                {
                    "article_id": article_id,
                    "outlet": dataset.name,
                    "author": None,
                    "dateline_place": None,
                    "source": f"{label} ({dataset.name} event {event_id}, row {number})",
                    **article_fields,
                }
            )
            out.reports.append(
                {"report_id": f"{article_id}-0", "article_id": article_id, "origin": dataset.name, **report_fields}
            )
    except csv.Error as error:
        # A broken quote mid-file: keep nothing, so no half-file is stored without anyone noticing.
        raise DatasetError(f"CSV broken near row {out.rows_read + 1} ({error}); nothing imported") from None
    out.notes += [f"{n} row(s) with unknown {what}" for what, n in unknown.most_common()]
    return out


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
