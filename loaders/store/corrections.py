"""Analysts' corrections: which fields may be corrected, how a form edit becomes corrections,
and how corrections are applied on top of the merged incidents.

A correction names one field of one incident (by its stable incident_id), the value shown when
it was made, the new value, a note, who and when. The latest correction of a field wins.
Marking an incident "not an incident" is the field DISMISSED; such incidents leave the
incidents frame (and every page) until a later correction restores them. Nothing here touches
the stored reports: re-ingesting rebuilds the same incidents and the corrections apply again.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
import pandas as pd

from loaders.store.schema import (
    CORRECTIONS,
    DATE,
    EVENT_TYPES,
    FLOAT,
    GEO_PRECISIONS,
    INCIDENTS,
    INT,
    SUB_EVENT_TYPES,
    conform,
    empty,
)

DISMISSED = "not_an_incident"
# The incident columns an analyst may correct (derived ones like source_count are not).
CORRECTABLE: tuple[str, ...] = (
    "date",
    "date_precision",
    "location",
    "country",
    "admin1",
    "latitude",
    "longitude",
    "geo_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "killed_low",
    "killed_best",
    "killed_high",
    "wounded_low",
    "wounded_best",
    "wounded_high",
)
LABELS = {c: c.replace("_", " ") for c in CORRECTABLE} | {DISMISSED: "not an incident"}


@dataclass(frozen=True)
class Author:
    """Who makes a correction: a signed-in account (name and e-mail from the sign-in provider, and
    the provider's "<issuer> <subject>" for it), or, with sign-in off, just the name the user typed."""

    name: str
    email: str = ""
    account: str = ""


def as_text(value: object) -> str:
    """How a value is stored in a correction (and shown): '' for none, ISO for dates."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp | datetime):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_value(field: str, text: str) -> object:
    """The typed value of a correction; raises ValueError with a message for the analyst."""
    text = text.strip()
    if field == DISMISSED:
        return text.lower() == "true"
    if not text:
        return None
    dtype = INCIDENTS.columns[field]
    if dtype == INT:
        number = int(float(text))
        if number < 0:
            raise ValueError(f"{LABELS[field]} cannot be negative")
        if field == "geo_precision" and number not in GEO_PRECISIONS:
            raise ValueError(f"geo precision is one of {sorted(GEO_PRECISIONS)}")
        return number
    if dtype == FLOAT:
        number = float(text)
        limit = 90 if field == "latitude" else 180
        if not -limit <= number <= limit:
            raise ValueError(f"{field} must lie between -{limit} and {limit}")
        return number
    if dtype == DATE:
        return pd.Timestamp(date.fromisoformat(text))
    if field == "event_type" and text not in EVENT_TYPES:
        raise ValueError(f"event type must be one of: {', '.join(EVENT_TYPES)}")
    if field == "sub_event_type" and text not in SUB_EVENT_TYPES:
        raise ValueError("not one of ACLED's sub-event types")
    return text


def changes(current: Mapping[str, object], edited: Mapping[str, object]) -> dict[str, str]:
    """The fields an edit changes, as text. When only a count's best figure is changed, an exact
    figure ('110 wounded') becomes the new exact figure, and a range stretches to hold it."""
    out = {
        f: as_text(edited[f]) for f in edited if f in (*CORRECTABLE, DISMISSED) and as_text(edited[f]) != as_text(current.get(f))
    }
    for kind in ("killed", "wounded"):
        best = f"{kind}_best"
        if best not in out or not out[best]:
            continue
        value = int(out[best])
        low, high = f"{kind}_low", f"{kind}_high"
        low_now = out.get(low, as_text(current.get(low)))
        high_now = out.get(high, as_text(current.get(high)))
        if low not in out and high not in out and low_now and low_now == high_now:
            out[low] = out[high] = str(value)
            continue
        if low_now and int(low_now) > value and low not in out:
            out[low] = str(value)
        if high_now and int(high_now) < value and high not in out:
            out[high] = str(value)
        if not low_now and low not in out:
            out[low] = str(value)
    return out


def correction_rows(
    incident: Mapping[str, object],
    new_values: Mapping[str, str],
    note: str,
    author: Author | str,
    when: datetime | None = None,
) -> list[dict]:
    """Rows for CORRECTIONS, checked: each value must parse for its field (ValueError if not).
    `author` is an Author, or a typed name."""
    if isinstance(author, str):
        author = Author(author)
    if not author.name.strip():
        raise ValueError("say who makes the correction")
    when = when or datetime.now()
    rows = []
    for field, text in new_values.items():
        if field not in CORRECTABLE and field != DISMISSED:
            raise ValueError(f"'{field}' cannot be corrected")
        try:
            parse_value(field, text)
        except ValueError as error:
            raise ValueError(f"{LABELS[field]}: {error}") from None
        rows.append(
            {
                "correction_id": uuid.uuid4().hex,
                "incident_id": incident["incident_id"],
                "field": field,
                "old_value": as_text(incident.get(field)) if field != DISMISSED else "false",
                "new_value": text,
                "note": note.strip(),
                "author": author.name.strip(),
                "author_email": author.email.strip() or None,
                "author_account": author.account.strip() or None,
                "made_at": pd.Timestamp(when).floor("s"),
            }
        )
    return rows


def latest(corrections: pd.DataFrame) -> pd.DataFrame:
    """The correction in force for each (incident, field): the latest made."""
    if corrections.empty:
        return corrections
    # made_at keeps seconds; within one second the order they were stored in (files sort by the time
    # they were written, rows in a file in order) says which came last. A random id must not decide.
    ordered = corrections.sort_values("made_at", kind="stable")
    return ordered.drop_duplicates(["incident_id", "field"], keep="last")


def apply_corrections(incidents: pd.DataFrame, corrections: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Incidents with corrections applied and described in `corrections`, and the dismissed ones.

    A correction whose incident no longer exists (its article was removed) is ignored; one whose
    value no longer fits the schema is skipped rather than breaking every page. Only the corrected
    rows are touched: a saved correction must show within a second on a store of 100,000 incidents.
    """
    if corrections.empty or incidents.empty:
        return incidents, empty(INCIDENTS)
    in_force = latest(corrections)
    row_of = pd.Index(incidents["incident_id"].to_numpy(dtype=object)).get_indexer(in_force["incident_id"].to_numpy(dtype=object))
    in_force = in_force.assign(position=row_of)[row_of >= 0]
    changed: dict[str, dict[int, object]] = {}  # column -> row -> value
    described: dict[int, list[str]] = {}
    for row in in_force.itertuples(index=False):
        if row.field == DISMISSED:
            continue
        try:
            value = parse_value(row.field, row.new_value or "")
        except ValueError:
            continue
        changed.setdefault(row.field, {})[row.position] = value
        note = f" ({row.note})" if row.note else ""
        described.setdefault(row.position, []).append(
            f"{LABELS[row.field]} {row.old_value or '—'} → {row.new_value or '—'}{note}, by {row.author} on {as_text(row.made_at)}"
        )
    # A corrected low above an uncorrected high (or the reverse) cannot be shown as a range:
    # that incident keeps the machine's values rather than breaking every page.
    broken: set[int] = set()
    for kind in ("killed", "wounded"):
        low, high = f"{kind}_low", f"{kind}_high"
        for r in set(changed.get(low, {})) | set(changed.get(high, {})):
            a = changed.get(low, {}).get(r, incidents[low].iat[r])
            b = changed.get(high, {}).get(r, incidents[high].iat[r])
            if a is not None and b is not None and not pd.isna(a) and not pd.isna(b) and a > b:
                broken.add(r)
    out = incidents.copy(deep=False)
    for column, values in changed.items():
        rows = [r for r in values if r not in broken]
        if rows:
            updated = out[column].copy()
            updated.iloc[rows] = pd.array([values[r] for r in rows], dtype=INCIDENTS.columns[column])
            out[column] = updated
    notes = pd.Series(pd.NA, index=out.index, dtype="string")
    shown = [r for r in described if r not in broken]
    notes.iloc[shown] = ["; ".join(described[r]) for r in shown]
    out["corrections"] = notes
    dismissed = in_force.loc[(in_force["field"] == DISMISSED) & (in_force["new_value"] == "true"), "position"].to_numpy()
    gone = np.zeros(len(out), dtype=bool)
    gone[dismissed] = True
    return out[~gone].reset_index(drop=True), out[gone].reset_index(drop=True)


def corrections_frame(rows: list[dict]) -> pd.DataFrame:
    return conform(pd.DataFrame(rows), CORRECTIONS) if rows else empty(CORRECTIONS)
