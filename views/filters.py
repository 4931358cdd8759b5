"""The one filter every page shares, its URL form and its plain-English description.

`Filter` is a frozen value. The URL is its public spelling (parameter names below never
change without a deprecation): `from_query_params` parses a URL's parameters, never raising on
junk (each problem becomes a notice and that field keeps its default); `to_query_params` leaves
defaults out so links stay short; `apply` narrows the frames; `describe` says it in English for
captions and exports. This module never imports streamlit: pages get a Filter, not the URL.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from loaders.store import Frames
from loaders.store.schema import (
    EVENT_TYPES,
    GEO_PRECISIONS,
    LIST_SEPARATOR,
    ORIGIN_ACLED,
    ORIGIN_ARTICLE,
    ORIGIN_UCDP,
    ORIGINS,
)

# URL parameter name -> Filter field. Repeatable ones hold tuples.
P_FROM, P_TO, P_COUNTRY, P_ADMIN1, P_TYPE, P_ACTOR, P_OUTLET, P_PRECISION, P_MIN_KILLED, P_TEXT = (
    "from",
    "to",
    "country",
    "admin1",
    "type",
    "actor",
    "outlet",
    "precision",
    "min_killed",
    "q",
)
P_ORIGIN = "origin"
P_REVIEW = "review"  # review=1: only incidents that carry a reason for a second look
REPEATABLE = {
    P_COUNTRY: "countries",
    P_ADMIN1: "admin1",
    P_TYPE: "event_types",
    P_ACTOR: "actors",
    P_OUTLET: "outlets",
    P_ORIGIN: "origins",
}
# Repeatable parameters whose values come from a fixed list: anything else gets a notice.
CLOSED_VALUES = {P_TYPE: (tuple(EVENT_TYPES), "event type"), P_ORIGIN: (ORIGINS, "origin")}
PARAMS = (P_FROM, P_TO, P_COUNTRY, P_ADMIN1, P_TYPE, P_ACTOR, P_OUTLET, P_PRECISION, P_MIN_KILLED, P_TEXT, P_ORIGIN, P_REVIEW)
# How an origin reads in a sentence.
ORIGIN_WORDS = {ORIGIN_ARTICLE: "news articles", ORIGIN_ACLED: "ACLED", ORIGIN_UCDP: "UCDP GED"}
# Streamlit's own parameters: not ours, so not worth a notice.
STREAMLIT_PARAMS = frozenset({"embed", "embed_options"})
MAX_TEXT = 200  # a search longer than this is almost certainly a pasted paragraph, not a query


def _canonical(values: Iterable) -> tuple:
    # Sorted and deduplicated so that two filters selecting the same things are equal (and
    # their URLs identical), whatever order the values were picked in.
    return tuple(sorted(set(values)))


@dataclass(frozen=True)
class Filter:
    date_from: date | None = None
    date_to: date | None = None
    countries: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    precisions: tuple[int, ...] = ()
    min_killed: int = 0
    text: str = field(default="")
    origins: tuple[str, ...] = ()  # ORIGINS: news articles, ACLED, UCDP GED
    review: bool = False  # only incidents with review reasons (schema.REVIEW_REASONS)

    def __post_init__(self) -> None:
        for name in ("countries", "admin1", "event_types", "actors", "outlets", "origins"):
            object.__setattr__(self, name, _canonical(v.strip() for v in getattr(self, name) if v and v.strip()))
        object.__setattr__(self, "precisions", _canonical(int(p) for p in self.precisions))
        object.__setattr__(self, "text", " ".join(self.text.split())[:MAX_TEXT])
        object.__setattr__(self, "min_killed", max(0, int(self.min_killed)))

    @property
    def is_default(self) -> bool:
        return self == Filter()

    # --- URL -------------------------------------------------------------------------------

    @classmethod
    def from_query_params(cls, params: Mapping[str, str | list[str] | tuple[str, ...]]) -> tuple[Filter, list[str]]:
        """Parse URL parameters. Returns the filter and one notice per thing that was ignored."""
        notices: list[str] = []
        values: dict[str, object] = {}

        def all_of(key: str) -> list[str]:
            raw = params.get(key, [])
            items = [raw] if isinstance(raw, str) else list(raw)
            return [v for v in (str(i).strip() for i in items) if v]

        def one_of(key: str) -> str | None:
            items = all_of(key)
            if len(items) > 1:
                notices.append(f"URL parameter '{key}' was given {len(items)} times; using the last ({items[-1]!r}).")
            return items[-1] if items else None

        for key in params:
            if key not in PARAMS and key not in STREAMLIT_PARAMS:
                notices.append(f"Ignored unknown URL parameter '{key}'.")

        for key, name in REPEATABLE.items():
            items = all_of(key)
            if key in CLOSED_VALUES:
                allowed, what = CLOSED_VALUES[key]
                unknown = [v for v in items if v not in allowed]
                if unknown:
                    notices.append(f"Ignored unknown {what}(s) {', '.join(map(repr, unknown))}.")
                items = [v for v in items if v in allowed]
            values[name] = tuple(items)

        precisions = []
        for raw in all_of(P_PRECISION):
            try:
                code = int(raw)
            except ValueError:
                code = None
            if code in GEO_PRECISIONS:
                precisions.append(code)
            else:
                notices.append(f"Ignored geo precision {raw!r}: use 1 to {max(GEO_PRECISIONS)}.")
        values["precisions"] = tuple(precisions)

        for key, name in ((P_FROM, "date_from"), (P_TO, "date_to")):
            raw = one_of(key)
            if raw is None:
                continue
            try:
                values[name] = date.fromisoformat(raw)
            except ValueError:
                notices.append(f"Ignored '{key}={raw}': dates are written YYYY-MM-DD.")
        if values.get("date_from") and values.get("date_to") and values["date_from"] > values["date_to"]:
            notices.append(f"Ignored the date range: 'from' ({values['date_from']}) is after 'to' ({values['date_to']}).")
            values.pop("date_from"), values.pop("date_to")

        raw = one_of(P_MIN_KILLED)
        if raw is not None:
            if raw.isascii() and raw.isdigit() and int(raw) < 10**9:  # "²".isdigit() is True too
                values["min_killed"] = int(raw)
            else:
                notices.append(f"Ignored 'min_killed={raw}': it takes a whole number of 0 or more.")

        raw = one_of(P_REVIEW)
        if raw is not None:
            if raw in ("1", "0"):
                values["review"] = raw == "1"
            else:
                notices.append(f"Ignored '{P_REVIEW}={raw}': use review=1 for the incidents to review.")

        raw = one_of(P_TEXT)
        if raw is not None:
            if len(raw) > MAX_TEXT:
                notices.append(f"The search text was cut to its first {MAX_TEXT} characters.")
            values["text"] = raw
        return cls(**values), notices  # type: ignore[arg-type]

    def to_query_params(self) -> dict[str, str | list[str]]:
        """The URL form: repeatable parameters as lists, defaults left out."""
        out: dict[str, str | list[str]] = {}
        if self.date_from:
            out[P_FROM] = self.date_from.isoformat()
        if self.date_to:
            out[P_TO] = self.date_to.isoformat()
        for key, name in REPEATABLE.items():
            if getattr(self, name):
                out[key] = list(getattr(self, name))
        if self.precisions:
            out[P_PRECISION] = [str(p) for p in self.precisions]
        if self.min_killed:
            out[P_MIN_KILLED] = str(self.min_killed)
        if self.text:
            out[P_TEXT] = self.text
        if self.review:
            out[P_REVIEW] = "1"
        return out

    # --- English ---------------------------------------------------------------------------

    def describe(self) -> str:
        """One sentence, for captions and exports: 'All incidents' or what narrows them."""
        if self.is_default:
            return "All incidents"
        parts = ["Incidents"]
        if self.date_from and self.date_to:
            parts.append(f"from {self.date_from} to {self.date_to}")
        elif self.date_from:
            parts.append(f"from {self.date_from} on")
        elif self.date_to:
            parts.append(f"up to {self.date_to}")
        if self.countries or self.admin1:
            places = ", ".join(self.countries)
            if self.admin1:
                places += (" " if places else "") + f"(region {_or(self.admin1)})"
            parts.append(f"in {places}")
        if self.event_types:
            parts.append(f"of type {_or(self.event_types)}")
        if self.actors:
            parts.append(f"involving {_or(self.actors)}")
        if self.outlets:
            parts.append(f"reported by {_or(self.outlets)}")
        if self.precisions:
            parts.append(f"located to {_or([GEO_PRECISIONS[p] for p in self.precisions])}")
        if self.min_killed:
            parts.append(f"with at least {self.min_killed} killed (best estimate)")
        if self.text:
            parts.append(f'mentioning "{self.text}" in evidence or quotes')
        if self.review:
            parts.append("flagged for review")
        if self.origins:
            parts.append(f"(source: {_or([ORIGIN_WORDS.get(o, o) for o in self.origins])})")
        return " ".join(parts)

    # --- frames ----------------------------------------------------------------------------

    def apply(self, frames: Frames) -> Frames:
        """Incidents that pass every condition, and the quotes about them that match the search.

        A quote tied to no incident is kept only while no incident-level condition is set (it
        cannot be placed, dated or counted), and still has to match the search.
        """
        if self.is_default:
            return frames  # nothing narrows them: the frames are shared read-only, no copy is needed
        incidents = frames.incidents
        quotes = frames.quotes
        keep = pd.Series(True, index=incidents.index)
        if self.date_from or self.date_to:
            start, end = period_bounds(incidents)
            if self.date_from:
                keep &= (end >= pd.Timestamp(self.date_from)).fillna(False)
            if self.date_to:
                keep &= (start <= pd.Timestamp(self.date_to)).fillna(False)
        for name, column in (
            ("countries", "country"),
            ("admin1", "admin1"),
            ("event_types", "event_type"),
            ("origins", "origin"),
        ):
            if getattr(self, name):
                keep &= incidents[column].isin(getattr(self, name)).fillna(False)
        if self.actors:
            keep &= (incidents["actor1"].isin(self.actors) | incidents["actor2"].isin(self.actors)).fillna(False)
        if self.outlets:
            pattern = (
                f"(?:^|{re.escape(LIST_SEPARATOR)})(?:{'|'.join(map(re.escape, self.outlets))})(?:{re.escape(LIST_SEPARATOR)}|$)"
            )
            keep &= incidents["outlets"].str.contains(pattern, regex=True).fillna(False)
        if self.precisions:
            keep &= incidents["geo_precision"].isin(self.precisions).fillna(False)
        if self.min_killed:
            best = incidents["killed_best"].fillna(incidents["killed_low"])
            keep &= (best >= self.min_killed).fillna(False)
        if self.review:
            keep &= (incidents["review"].fillna("") != "").to_numpy()

        quote_match = pd.Series(True, index=quotes.index)
        if self.text:
            quote_match = _contains(quotes, ("text", "speaker", "speaker_role"), self.text)
            quoted = quotes.loc[quote_match, "incident_id"].dropna().unique()
            keep &= _contains(incidents, ("evidence", "location"), self.text) | _isin(incidents["incident_id"], quoted)
        kept = incidents[keep]
        # Look the (few) quoted incident ids up among the kept ones, not the other way round:
        # isin() with a million-value lookup list is slow on arrow strings.
        quoted_ids = quotes["incident_id"].dropna().unique()
        kept_quoted = kept["incident_id"][_isin(kept["incident_id"], quoted_ids)]
        tied = pd.Series(_isin(quotes["incident_id"], kept_quoted.unique()), index=quotes.index)
        untied_ok = quotes["incident_id"].isna() & (replace(self, text="") == Filter())
        kept_quotes = quotes[quote_match & (tied | untied_ok)]
        return replace(frames, incidents=kept.reset_index(drop=True), quotes=kept_quotes.reset_index(drop=True))


def _isin(column: pd.Series, values) -> np.ndarray:
    """column.isin(values) for a string column and many values. pandas' own makes one Python
    object per value before it asks Arrow; Arrow alone takes a few milliseconds."""
    if len(values) == 0:
        return np.zeros(len(column), dtype=bool)
    found = pc.is_in(
        pa.array(column.to_numpy(dtype=object, na_value=None), type=pa.string()),
        value_set=pa.array(list(values), type=pa.string()),
    )
    return np.asarray(found.fill_null(False), dtype=bool)


def _or(values: Iterable[str]) -> str:
    values = list(values)
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + " or " + values[-1]


def _contains(frame: pd.DataFrame, columns: Iterable[str], text: str) -> pd.Series:
    hit = pd.Series(False, index=frame.index)
    for column in columns:
        hit |= frame[column].str.contains(text, case=False, regex=False).fillna(False)
    return hit


def period_bounds(incidents: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """First and last day an incident may have happened, from its date and date precision.

    A 'December 2020' incident overlaps a range that starts on 15 December; comparing only its
    stored date (the 1st) would drop it.
    """
    start = incidents["date"]
    end = start.copy()
    precision = incidents["date_precision"].fillna("day")
    week = precision == "week"
    end[week] = start[week] + pd.Timedelta(days=6)
    month = precision == "month"
    end[month] = start[month] + pd.offsets.MonthEnd(0)
    year = precision == "year"
    end[year] = start[year] + pd.offsets.YearEnd(0)
    return start, end
