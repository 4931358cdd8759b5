"""How reports of several articles become one incident: the rule's constants, and the incident
made of its reports.

The rule itself (when two reports are one event) is applied where reports are stored:
loaders/store/assign.py. Here are its parts that other code shares (MERGE_KM, the event type
families, the days a report may be about) and `incidents_from`: a columnar group-by over reports
and their stored incident ids. An incident takes the tightest range consistent with every report
(highest low, lowest high) and, as its best figure, the most specific one; the most precise date
and place; the commonest type and actors; every article, outlet and review reason. Its id comes
from its first stored report, so it stays the same as later reports join.
"""

from __future__ import annotations

import hashlib
import math

import numpy as np
import pandas as pd

from loaders.store.schema import (
    DATE_PRECISIONS,
    DEFAULTS,
    EVENT_TYPES,
    INCIDENTS,
    LIST_SEPARATOR,
    ORIGIN_ARTICLE,
    conform,
    empty,
)

MERGE_KM = 25.0
DAY_SLACK = 1  # two day reports a day apart may be one event ("overnight", a dateline the day after)

# Event types two outlets may give the same event. Wire stories of one bombing call it an attack
# on civilians or an explosion, of one fight a battle or an air strike: one family. Protests and
# riots are another. Strategic developments (arrests, agreements) merge only with their own type.
_VIOLENCE = ("Battles", "Explosions/Remote violence", "Violence against civilians")
_DEMONSTRATIONS = ("Protests", "Riots")
EVENT_FAMILIES: dict[str, int] = {
    **{t: 0 for t in _VIOLENCE},
    **{t: 1 for t in _DEMONSTRATIONS},
    "Strategic developments": 2,
}
assert set(EVENT_FAMILIES) == set(EVENT_TYPES), "every event type belongs to one family"
NO_FAMILY = -1  # type unknown: compatible with every family


def incident_id_of(first_report_id: str) -> str:
    return "inc-" + hashlib.sha256(first_report_id.encode()).hexdigest()[:12]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


_EPOCH = np.datetime64("1970-01-01", "D")


def period_days(dates: pd.Series, precisions: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """First and last day (days since 1970) each report may be about; (-1, -2), an empty period,
    when undated. A day report's period is its day and the next (DAY_SLACK), so two day reports
    overlap when they are at most a day apart."""
    day = dates.to_numpy(dtype="datetime64[D]")
    undated = np.isnat(day)
    day = np.where(undated, _EPOCH, day)
    precision = precisions.fillna("day").to_numpy(dtype=object)
    start = (day - _EPOCH).astype(np.int64)
    end = start + DAY_SLACK
    months = day.astype("datetime64[M]")
    years = day.astype("datetime64[Y]")
    weekday = ((day - _EPOCH).astype(np.int64) + 3) % 7  # 1970-01-01 was a Thursday; Monday is 0
    for name, first, last in (
        ("week", day - weekday, day - weekday + 6),
        ("month", months.astype("datetime64[D]"), (months + 1).astype("datetime64[D]") - 1),
        ("year", years.astype("datetime64[D]"), (years + 1).astype("datetime64[D]") - 1),
    ):
        mask = precision == name
        start[mask] = (first[mask] - _EPOCH).astype(np.int64)
        end[mask] = (last[mask] - _EPOCH).astype(np.int64)
    start[undated], end[undated] = -1, -2
    return start, end


def family(event_type: object) -> int:
    return EVENT_FAMILIES.get(event_type, NO_FAMILY) if isinstance(event_type, str) else NO_FAMILY


def is_article(origin: object) -> bool:
    return (origin if isinstance(origin, str) else DEFAULTS["origin"]) == ORIGIN_ARTICLE


# --- incidents from reports and their assignments ------------------------------------------


def _first_by(frame: pd.DataFrame, rank: np.ndarray) -> pd.Series:
    """Per incident, the row position with the smallest rank (ties: the earliest stored)."""
    order = np.lexsort((frame["_order"].to_numpy(), rank, frame["_group"].to_numpy()))
    groups = frame["_group"].to_numpy()[order]
    first = np.r_[True, groups[1:] != groups[:-1]]
    return pd.Series(order[first], index=groups[first])


def _mode(frame: pd.DataFrame, column: str) -> pd.Series:
    """Per incident, its commonest value of `column` (ties: the one stored first); missing when none."""
    known = frame[frame[column].notna()]
    if known.empty:
        return pd.Series(dtype="string")
    counts = known.groupby(["_group", column], sort=False, observed=True)["_order"].agg(["size", "min"]).reset_index()
    counts = counts.sort_values(["_group", "size", "min"], ascending=[True, False, True], kind="stable")
    best = counts.drop_duplicates("_group")
    return pd.Series(best[column].to_numpy(), index=best["_group"].to_numpy())


def _joined(frame: pd.DataFrame, column: str) -> pd.Series:
    """Per incident, its distinct non-empty values of `column` in stored order, joined."""
    values = frame[["_group", column]].dropna()
    values = values[values[column] != ""].drop_duplicates()
    if values.empty:
        return pd.Series(dtype="string")
    # Sorted by incident, stored order kept within each (a stable sort); then one join per
    # incident over slices of one array: a groupby().agg(join) calls Python once per group
    # through pandas, 3 s at 60,000 incidents.
    values = values.sort_values("_group", kind="stable")
    groups = values["_group"].to_numpy()
    texts = values[column].to_numpy(dtype=object)
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
    ends = np.r_[starts[1:], len(groups)]
    joined = [texts[a] if b - a == 1 else LIST_SEPARATOR.join(texts[a:b]) for a, b in zip(starts, ends, strict=True)]
    return pd.Series(joined, index=groups[starts], dtype=object)


def _counts(frame: pd.DataFrame, kind: str, n: int) -> dict[str, np.ndarray]:
    low, best, high = (frame[f"{kind}_{end}"].astype("Float64") for end in ("low", "best", "high"))
    g = frame["_group"]
    lows_max = low.groupby(g).max().reindex(range(n))
    lows_min = low.groupby(g).min().reindex(range(n))
    highs_min = high.groupby(g).min().reindex(range(n))
    highs_max = high.groupby(g).max().reindex(range(n))
    lo, hi = lows_max.copy(), highs_min.copy()
    # The reports disagree (one's low above another's high): keep the span they cover rather
    # than invent a consistent one.
    broken = (lo > hi).fillna(False)
    lo[broken], hi[broken] = lows_min[broken], highs_max[broken]
    # The most specific best figure: the narrowest range, then the largest best.
    width = (high - low).fillna(np.inf).to_numpy(dtype=float)
    has_best = best.notna().to_numpy()
    rank = np.where(has_best, width, np.inf) * 1e9 - np.where(has_best, best.fillna(0).to_numpy(dtype=float), 0)
    chosen = _first_by(frame, rank)
    best_of = pd.Series(best.to_numpy()[chosen.to_numpy()], index=chosen.index).reindex(range(n))
    best_of = best_of.where(best_of.isna() | lo.isna(), np.maximum(best_of, lo))
    best_of = best_of.where(best_of.isna() | hi.isna(), np.minimum(best_of, hi))
    return {f"{kind}_low": lo.to_numpy(), f"{kind}_best": best_of.to_numpy(), f"{kind}_high": hi.to_numpy()}


def incidents_from(reports: pd.DataFrame, incident_of: pd.Series, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """The incidents table from reports (in stored order) and each report's incident id."""
    if reports.empty:
        return empty(INCIDENTS)
    ids = incident_of.to_numpy()
    codes, uniques = pd.factorize(ids)  # groups numbered in the order their first report was stored
    frame = reports.reset_index(drop=True).assign(_group=codes, _order=np.arange(len(reports)))
    n = len(uniques)
    out: dict[str, object] = {"incident_id": uniques}
    first = _first_by(frame, np.zeros(len(frame)))
    out["origin"] = frame["origin"].fillna(DEFAULTS["origin"]).to_numpy()[first.to_numpy()]

    rank_of = {p: i for i, p in enumerate(DATE_PRECISIONS)}
    date_rank = frame["date_precision"].map(rank_of).fillna(len(DATE_PRECISIONS)).to_numpy(dtype=float)
    dated = _first_by(frame, date_rank + frame["date"].isna().to_numpy() * 10).to_numpy()
    out["date"] = frame["date"].to_numpy()[dated]
    out["date_precision"] = frame["date_precision"].to_numpy()[dated]

    placed = _first_by(frame, frame["geo_precision"].astype("Float64").fillna(9).to_numpy(dtype=float)).to_numpy()
    for column in ("location", "country", "admin1", "latitude", "longitude", "geo_precision"):
        out[column] = frame[column].to_numpy()[placed]

    kind = _mode(frame, "event_type").reindex(range(n))
    out["event_type"] = kind.to_numpy()
    # The sub-type of the first report of the chosen type, so the pair stays consistent.
    of_kind = frame[frame["event_type"].notna() & (frame["event_type"].to_numpy() == kind.reindex(frame["_group"]).to_numpy())]
    out["sub_event_type"] = of_kind.drop_duplicates("_group").set_index("_group")["sub_event_type"].reindex(range(n)).to_numpy()
    out["actor1"] = _mode(frame, "actor1").reindex(range(n)).to_numpy()
    out["actor2"] = _mode(frame, "actor2").reindex(range(n)).to_numpy()
    killed = _counts(frame, "killed", n)
    out |= killed | _counts(frame, "wounded", n)

    out["source_count"] = frame.groupby("_group")["article_id"].nunique().reindex(range(n)).to_numpy()
    out["article_ids"] = _joined(frame, "article_id").reindex(range(n)).to_numpy()
    outlet_of = {}
    if articles is not None and not articles.empty:
        outlet_of = dict(zip(articles["article_id"], articles["outlet"], strict=False))
    out["outlets"] = _joined(frame.assign(_outlet=frame["article_id"].map(outlet_of)), "_outlet").reindex(range(n)).to_numpy()

    # Evidence: the sentence of the first report whose best killed figure is the incident's.
    incident_best = pd.Series(killed["killed_best"]).reindex(frame["_group"]).to_numpy()
    matches = (frame["killed_best"].astype("Float64").to_numpy() == incident_best) & frame["killed_best"].notna().to_numpy()
    evidence_from = _first_by(frame, np.where(matches, 0, 1)).to_numpy()
    out["evidence"] = frame["evidence"].to_numpy()[evidence_from]

    reasons = frame[["_group", "review"]].dropna()
    reasons = reasons.assign(review=reasons["review"].str.split(LIST_SEPARATOR)).explode("review")
    out["review"] = _joined(reasons, "review").reindex(range(n)).to_numpy()
    return conform(pd.DataFrame(out), INCIDENTS)


def merge_reports(reports: pd.DataFrame, articles: pd.DataFrame | None = None) -> tuple[pd.DataFrame, dict[str, str]]:
    """Incidents from reports alone, assigning them in stored order as the store does when it
    writes them: for tests, and for stores written before assignments were stored."""
    from loaders.store.assign import Assigner

    if reports.empty:
        return empty(INCIDENTS), {}
    incident_of = Assigner().assign_frame(reports)
    incidents = incidents_from(reports, incident_of, articles)
    return incidents, dict(zip(reports["report_id"], incident_of, strict=True))
