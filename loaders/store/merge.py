"""Reports of the same event, from several articles, become one incident.

Two reports are one event when their dates agree within their precision (days at most one
apart; a month or year that contains the other's day), they lie within MERGE_KM of each other
in the same country, their event types agree (or one is unknown), and they come from
different articles, and are both read from articles: a dataset row (ACLED, UCDP GED) is already
one coded event, so it becomes one incident of its own, and reports of different origins never
merge, so a dataset and the articles can be compared side by side. The incident keeps the tightest range consistent with every report
(highest low, lowest high) and, as its best figure, the most specific one: an exact count
before an open-ended one. Its id is derived from its first stored report, so it is stable as
later reports join. Computed from reports on every read; never edited by hand.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict

import pandas as pd

from loaders.store.schema import DEFAULTS, INCIDENTS, LIST_SEPARATOR, ORIGIN_ARTICLE, conform, empty

MERGE_KM = 25.0


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


def _period(day: pd.Timestamp, precision: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    if precision == "year":
        return pd.Timestamp(day.year, 1, 1), pd.Timestamp(day.year, 12, 31)
    if precision == "month":
        return pd.Timestamp(day.year, day.month, 1), pd.Timestamp(day.year, day.month, 1) + pd.offsets.MonthEnd(0)
    if precision == "week":
        return day - pd.Timedelta(days=day.weekday()), day - pd.Timedelta(days=day.weekday()) + pd.Timedelta(days=6)
    return day - pd.Timedelta(days=1), day + pd.Timedelta(days=1)


def _origin(report: dict) -> str:
    origin = report.get("origin")
    return origin if isinstance(origin, str) else DEFAULTS["origin"]


def _same_event(a: dict, b: dict) -> bool:
    if a["article_id"] == b["article_id"]:
        return False
    if _origin(a) != ORIGIN_ARTICLE or _origin(b) != ORIGIN_ARTICLE:
        return False
    if pd.isna(a["date"]) or pd.isna(b["date"]):
        return False
    a0, a1 = _period(a["date"], a["date_precision"] or "day")
    b0, b1 = _period(b["date"], b["date_precision"] or "day")
    if a0 > b1 or b0 > a1:
        return False
    if a["country"] != b["country"]:
        return False
    if pd.isna(a["latitude"]) or pd.isna(b["latitude"]):
        return False
    if distance_km(a["latitude"], a["longitude"], b["latitude"], b["longitude"]) > MERGE_KM:
        return False
    return pd.isna(a["event_type"]) or pd.isna(b["event_type"]) or a["event_type"] == b["event_type"]


def _width(low, high) -> float:
    if pd.isna(low) or pd.isna(high):
        return math.inf
    return float(high - low)


def _combine_counts(group: list[dict], kind: str) -> dict:
    lows = [r[f"{kind}_low"] for r in group if not pd.isna(r[f"{kind}_low"])]
    highs = [r[f"{kind}_high"] for r in group if not pd.isna(r[f"{kind}_high"])]
    low = max(lows) if lows else None
    high = min(highs) if highs else None
    if low is not None and high is not None and low > high:
        # The reports disagree: keep the span they cover rather than invent a consistent one.
        low, high = min(lows), max(highs)
    bests = [r for r in group if not pd.isna(r[f"{kind}_best"])]
    best = None
    if bests:
        specific = min(bests, key=lambda r: (_width(r[f"{kind}_low"], r[f"{kind}_high"]), -r[f"{kind}_best"]))
        best = specific[f"{kind}_best"]
        if low is not None:
            best = max(best, low)
        if high is not None:
            best = min(best, high)
    return {f"{kind}_low": low, f"{kind}_best": best, f"{kind}_high": high}


def group_reports(reports: pd.DataFrame) -> list[list[dict]]:
    """Reports in store order, grouped into events."""
    groups: list[list[dict]] = []
    # Candidates are looked up by country and month so the merge stays near linear.
    buckets: dict[tuple, list[int]] = defaultdict(list)
    for row in reports.to_dict("records"):
        if _origin(row) != ORIGIN_ARTICLE:
            # A coded dataset row is one event already; skipping the search also keeps a
            # 300,000-row import linear.
            groups.append([row])
            continue
        keys = _bucket_keys(row)
        match = None
        for key in keys:
            for g in buckets.get(key, ()):
                if all(_same_event(row, other) for other in groups[g]):
                    match = g
                    break
            if match is not None:
                break
        if match is None:
            groups.append([row])
            match = len(groups) - 1
        else:
            groups[match].append(row)
        for key in keys:
            if match not in buckets[key]:
                buckets[key].append(match)
    return groups


def _bucket_keys(row: dict) -> list[tuple]:
    if pd.isna(row["date"]):
        return [("nodate", row["report_id"])]
    d = row["date"]
    precision = row["date_precision"]
    if precision == "year":
        return [(row["country"], d.year)]
    months = {
        (d.year, d.month),
        ((d - pd.Timedelta(days=7)).year, (d - pd.Timedelta(days=7)).month),
        ((d + pd.Timedelta(days=7)).year, (d + pd.Timedelta(days=7)).month),
    }
    return [(row["country"], y, m) for y, m in sorted(months)] + [(row["country"], d.year)]


def merge_reports(reports: pd.DataFrame, articles: pd.DataFrame | None = None) -> tuple[pd.DataFrame, dict[str, str]]:
    """The incidents table, and each report's incident_id (for tying quotes to incidents)."""
    if reports.empty:
        return empty(INCIDENTS), {}
    outlet_of = {}
    if articles is not None and not articles.empty:
        outlet_of = dict(zip(articles["article_id"], articles["outlet"].fillna(""), strict=False))
    rows = []
    for group in group_reports(reports):
        best_place = min(group, key=lambda r: r["geo_precision"] if not pd.isna(r["geo_precision"]) else 9)
        precise_date = min(
            group,
            key=lambda r: (
                ["day", "week", "month", "year"].index(r["date_precision"]) if isinstance(r["date_precision"], str) else 9
            ),
        )
        killed = _combine_counts(group, "killed")
        evidence_from = next((r for r in group if r["killed_best"] == killed["killed_best"]), group[0])
        actors = Counter(r["actor1"] for r in group if isinstance(r["actor1"], str))
        targets = Counter(r["actor2"] for r in group if isinstance(r["actor2"], str))
        article_ids = list(dict.fromkeys(r["article_id"] for r in group))
        outlets = [o for o in dict.fromkeys(outlet_of.get(a, "") for a in article_ids) if o]
        typed = next((r for r in group if isinstance(r["event_type"], str)), group[0])
        rows.append(
            {
                "incident_id": "inc-" + hashlib.sha256(group[0]["report_id"].encode()).hexdigest()[:12],
                "origin": _origin(group[0]),
                "date": precise_date["date"],
                "date_precision": precise_date["date_precision"],
                **{k: best_place[k] for k in ("location", "country", "admin1", "latitude", "longitude", "geo_precision")},
                "event_type": typed["event_type"],
                "sub_event_type": typed["sub_event_type"],
                "actor1": actors.most_common(1)[0][0] if actors else None,
                "actor2": targets.most_common(1)[0][0] if targets else None,
                **killed,
                **_combine_counts(group, "wounded"),
                "source_count": len(article_ids),
                "article_ids": LIST_SEPARATOR.join(article_ids),
                "outlets": LIST_SEPARATOR.join(outlets),
                "evidence": evidence_from["evidence"],
                "_report_ids": [r["report_id"] for r in group],
            }
        )
    frame = pd.DataFrame(rows)
    incident_of = {rid: iid for iid, rids in zip(frame["incident_id"], frame["_report_ids"], strict=True) for rid in rids}
    return conform(frame, INCIDENTS), incident_of
