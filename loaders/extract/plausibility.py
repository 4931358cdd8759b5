"""Plausibility rules: values an article states that cannot be right for one incident.

Articles come from the open web. A toll of "10 million" killed in one attack, a date in 2091 or
in 1850 is a typo, a hoax or a misread number: showing it would skew every total on the
dashboard. Each rule here drops the value (never the article, never the rest of the report)
and says why in one line for the ingest summary. Pure functions over the row dicts that
extract.py produces; this module never parses text for new facts and never touches the store.
"""

from __future__ import annotations

import re
from datetime import date, datetime

import pandas as pd

# Far above the deadliest single attacks on record (thousands), far below "millions", which in
# news copy is a country's war toll or a population, never one incident.
MAX_TOLL = 100_000
EARLIEST = date(1900, 1, 1)
# A dateline can be a day ahead of the server's clock (time zones); more than that is wrong.
FUTURE_SLACK_DAYS = 2

_KINDS = ("killed", "wounded")
_ENDS = ("low", "best", "high")
_HUGE = re.compile(r"\b(\d[\d,.]*)\s*(million|billion|trillion)\b", re.IGNORECASE)
_MULTIPLIER = {"million": 10**6, "billion": 10**9, "trillion": 10**12}


def _as_date(value) -> date | None:
    if value is None or (not isinstance(value, date | datetime | pd.Timestamp) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp | datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return None


def _written_huge(count: int, evidence: str) -> str | None:
    """'10 million' in the evidence when the count read is 10: the parser kept only the digits."""
    for match in _HUGE.finditer(evidence):
        digits = match.group(1).replace(",", "")
        try:
            number = float(digits)
        except ValueError:
            continue
        # '1.5 million' is read as 1 or 2 by a parser that stops at the point.
        if count in (number, int(number), round(number)) and number * _MULTIPLIER[match.group(2).lower()] > MAX_TOLL:
            return match.group(0)
    return None


def check_toll(report: dict) -> list[str]:
    """Drop killed or wounded figures that cannot be one incident's; return a note per drop."""
    notes = []
    evidence = str(report.get("evidence") or "")
    for kind in _KINDS:
        values = [report.get(f"{kind}_{end}") for end in _ENDS]
        numbers = [int(v) for v in values if v is not None and not pd.isna(v)]
        if not numbers:
            continue
        reason = None
        if max(numbers) > MAX_TOLL:
            reason = f"{max(numbers):,}"
        else:
            written = next((w for n in numbers if (w := _written_huge(n, evidence))), None)
            if written:
                reason = f"'{written}'"
        if reason:
            for end in _ENDS:
                report[f"{kind}_{end}"] = None
            notes.append(f"implausible {kind} toll {reason} for one incident (over {MAX_TOLL:,}): the number was left out")
    return notes


def check_date(report: dict, today: date | None = None) -> list[str]:
    """Drop an incident date before 1900 or in the future; return a note when dropped."""
    today = today or date.today()
    when = _as_date(report.get("date"))
    if when is None:
        return []
    if when < EARLIEST:
        problem = f"before {EARLIEST.year}"
    elif (when - today).days > FUTURE_SLACK_DAYS:
        problem = "in the future"
    else:
        return []
    report["date"] = None
    report["date_precision"] = None
    return [f"incident date {when.isoformat()} is {problem}: the date was left out"]


def check_published(article: dict, today: date | None = None) -> list[str]:
    """The same date rule for an article's publication date (from a dateline or page metadata)."""
    today = today or date.today()
    when = _as_date(article.get("published"))
    if when is None:
        return []
    if when < EARLIEST or (when - today).days > FUTURE_SLACK_DAYS:
        article["published"] = None
        return [
            f"publication date {when.isoformat()} is {'before ' + str(EARLIEST.year) if when < EARLIEST else 'in the future'}: left out"
        ]
    return []


def check_story(article: dict, reports: list[dict], today: date | None = None) -> list[str]:
    """Every rule over one story's rows, in place. Returns the notes for the ingest summary."""
    notes = check_published(article, today)
    for report in reports:
        if _as_date(report.get("date")) is None:
            # Not implausible, but the user should know why it is missing from the timeline.
            notes.append("no date for an incident (no dateline, no date in the text): stored undated")
        notes += check_toll(report) + check_date(report, today)
    return notes
