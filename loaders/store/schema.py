"""The tables' schema: column names, dtypes and allowed values, written once.

Every other module refers to the names defined here. `conform` is called where data
enters the store and where it leaves it, so a frame that reaches a page always has the
columns and dtypes below. This module never reads files or parses text.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

# ACLED's event taxonomy (codebook 2023): event type -> its sub-event types.
EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}
SUB_EVENT_TYPES: tuple[str, ...] = tuple(s for subs in EVENT_TYPES.values() for s in subs)

DATE_PRECISIONS: tuple[str, ...] = ("day", "week", "month", "year")

# Where a report came from: read from a news article by the loaders, or a row of a coded
# dataset (docs/imports.md). Incidents are merged only within one origin, so a dataset's
# events and the articles' incidents can be compared side by side.
ORIGIN_ARTICLE, ORIGIN_ACLED, ORIGIN_UCDP = "article", "ACLED", "UCDP GED"
ORIGINS: tuple[str, ...] = (ORIGIN_ARTICLE, ORIGIN_ACLED, ORIGIN_UCDP)

# geo_precision codes: smaller is more exact.
GEO_SITE, GEO_TOWN, GEO_REGION, GEO_COUNTRY = 1, 2, 3, 4
GEO_PRECISIONS: dict[int, str] = {
    GEO_SITE: "named site or neighbourhood",
    GEO_TOWN: "town or city",
    GEO_REGION: "region",
    GEO_COUNTRY: "country",
}

# Why a person should look at a report (and the incident it joins) before briefing from it. Stored
# as ";"-joined codes in the `review` column; empty when nothing calls for a second look.
REVIEW_REASONS: dict[str, str] = {
    "toll_claimed": "toll only claimed by one side",
    "tally_nearby": "a tally over a period stands near the toll",
    "place_ambiguous": "place name could be more than one place",
    "place_coarse": "located only to a region or country",
    "date_inferred": "date inferred from the publication date",
}

STR = "string"
INT = "Int64"
FLOAT = "Float64"
DATE = "datetime64[s]"
BOOL = "boolean"

COUNT_COLUMNS = ("killed_low", "killed_best", "killed_high", "wounded_low", "wounded_best", "wounded_high")
_COUNTS = {c: INT for c in COUNT_COLUMNS}
_PLACE = {
    "location": STR,
    "country": STR,
    "admin1": STR,
    "latitude": FLOAT,
    "longitude": FLOAT,
    "geo_precision": INT,
}
_EVENT = {
    "event_type": STR,
    "sub_event_type": STR,
    "actor1": STR,
    "actor2": STR,
}


@dataclass(frozen=True)
class Table:
    name: str
    columns: dict[str, str]
    key: str

    @property
    def names(self) -> list[str]:
        return list(self.columns)


ARTICLES = Table(
    "articles",
    {
        "article_id": STR,
        "title": STR,
        "outlet": STR,
        "author": STR,
        "dateline_place": STR,
        "published": DATE,
        "source": STR,  # the file path or URL the page came from
        "text": STR,
    },
    key="article_id",
)

REPORTS = Table(
    "reports",
    {
        "report_id": STR,
        "article_id": STR,
        "origin": STR,
        "date": DATE,
        "date_precision": STR,
        **_PLACE,
        **_EVENT,
        **_COUNTS,
        "evidence": STR,
        "review": STR,  # REVIEW_REASONS codes, LIST_SEPARATOR-joined
    },
    key="report_id",
)

INCIDENTS = Table(
    "incidents",
    {
        "incident_id": STR,
        "origin": STR,
        "date": DATE,
        "date_precision": STR,
        **_PLACE,
        **_EVENT,
        **_COUNTS,
        "source_count": INT,
        "article_ids": STR,  # ";"-joined, in the order the articles were stored
        "outlets": STR,  # ";"-joined, for the outlet filter
        "evidence": STR,
        "review": STR,  # REVIEW_REASONS codes of any of its reports, LIST_SEPARATOR-joined
        "corrections": STR,  # analysts' corrections applied to this row, in plain words; empty when none
    },
    key="incident_id",
)

QUOTES = Table(
    "quotes",
    {
        "quote_id": STR,
        "article_id": STR,
        "report_id": STR,  # the report the quote concerns, when the story ties it to one
        "incident_id": STR,  # filled on read, from the merge
        "speaker": STR,
        "speaker_role": STR,
        "text": STR,
        "partial": BOOL,
    },
    key="quote_id",
)

# An analyst's override of one field of one incident. Stored apart from what the loaders
# produced and applied on top of the merge (loaders/store/corrections.py); never edits a report.
CORRECTIONS = Table(
    "corrections",
    {
        "correction_id": STR,
        "incident_id": STR,
        "field": STR,  # an incident column, or DISMISSED
        "old_value": STR,  # as shown when the correction was made
        "new_value": STR,  # empty: the value is cleared
        "note": STR,
        "author": STR,  # the signed-in account's name from the sign-in provider; with sign-in off, the name typed
        # Added with sign-in: empty in older stores and for typed names. The account is the provider's
        # "<issuer> <subject>", which stays when an e-mail address changes hands.
        "author_email": STR,
        "author_account": STR,
        "made_at": DATE,
    },
    key="correction_id",
)

# Which incident each report belongs to, decided when the report was stored (loaders/store/assign.py)
# and written in the same batch, so an incident is a group-by on read, never a re-merge.
ASSIGNMENTS = Table("assignments", {"report_id": STR, "incident_id": STR}, key="report_id")

TABLES: dict[str, Table] = {t.name: t for t in (ARTICLES, REPORTS, INCIDENTS, QUOTES, CORRECTIONS)}
LIST_SEPARATOR = ";"
# Filled in where a value is missing, e.g. stores written before the column existed.
DEFAULTS: dict[str, object] = {"origin": ORIGIN_ARTICLE}


class SchemaError(ValueError):
    """A frame that does not fit its table; the message lists every problem."""


def empty(table: Table) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=d) for c, d in table.columns.items()})


def conform(frame: pd.DataFrame, table: Table) -> pd.DataFrame:
    """Return `frame` with exactly the table's columns, in order, in its dtypes.

    Missing columns are added empty; unknown ones dropped. Values outside the allowed sets
    raise SchemaError (checked lazily: all problems in one message).
    """
    out = pd.DataFrame(index=frame.index)
    for column, dtype in table.columns.items():
        values = frame[column] if column in frame.columns else pd.Series(pd.NA, index=frame.index)
        if column in DEFAULTS:
            values = values.fillna(DEFAULTS[column])
        if dtype == DATE:
            out[column] = pd.to_datetime(values, errors="coerce").astype(DATE)
        elif dtype in (INT, FLOAT):
            out[column] = pd.to_numeric(values, errors="coerce").astype(dtype)
        else:
            out[column] = values.astype(dtype)
    _check(out, table)
    return out.reset_index(drop=True)


def _check(frame: pd.DataFrame, table: Table) -> None:
    problems: list[str] = []

    def outside(column: str, allowed) -> None:
        if column not in frame.columns:
            return
        # The distinct values, not every row: isin() on a string column walks it in Python.
        bad = set(frame[column].dropna().unique()) - set(allowed)
        if bad:
            problems.append(f"{table.name}.{column}: not allowed {sorted(map(str, bad))[:5]}")

    outside("event_type", EVENT_TYPES)
    outside("sub_event_type", SUB_EVENT_TYPES)
    outside("date_precision", DATE_PRECISIONS)
    outside("geo_precision", GEO_PRECISIONS)
    outside("origin", ORIGINS)
    if "review" in frame.columns:
        codes = {code for value in frame["review"].dropna().unique() for code in str(value).split(LIST_SEPARATOR)}
        outside_codes = sorted(codes - set(REVIEW_REASONS) - {""})
        if outside_codes:
            problems.append(f"{table.name}.review: not allowed {outside_codes[:5]}")
    for column in COUNT_COLUMNS:
        if column in frame.columns and (frame[column].dropna() < 0).any():
            problems.append(f"{table.name}.{column}: negative count")
    for kind in ("killed", "wounded"):
        low, high = f"{kind}_low", f"{kind}_high"
        if low in frame.columns and high in frame.columns:
            both = frame[[low, high]].dropna()
            if (both[low] > both[high]).any():
                problems.append(f"{table.name}.{kind}: low above high")
    if table.key in frame.columns and frame[table.key].isna().any():
        problems.append(f"{table.name}.{table.key}: missing key")
    if problems:
        raise SchemaError("; ".join(problems))
