"""Dates in news text: datelines, and the date an incident happened.

Wire stories date events relative to their dateline or publication date ("on Thursday" in a
story datelined Friday 22 Jan 2021 is 21 Jan; "in December" is December 2020; "the night before
last" two days back). Every date found carries a precision from schema.DATE_PRECISIONS. A date
that tells when something was said or another thing happened ("police said on Friday", "at his
funeral on Sunday", "in reply to Saturday's raid") is marked `aside`: it dates the telling or
another event, not the sentence's act. Pure functions; nothing here reads files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Named agencies, and any short capitalised credit in brackets ("(AA)", "(Xinhua)").
AGENCIES = r"AFP|AP|Reuters|UPI|IANS|ANI|PTI|dpa|DPA|Xinhua|Anadolu|Bernama|EFE|Kyodo|Yonhap|TASS|RIA|Sputnik|ANSA|Al Jazeera|CNN|BBC|[A-Z]{2,6}"

_MONTH = r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"

# "Baghdad (AFP) Jan 22, 2021", "KABUL, Afghanistan (AP) —", "MOGADISHU, March 3 (Reuters) -"
_DATELINE = re.compile(
    rf"^(?P<place>[A-Z][A-Za-z'’.\- ]{{1,40}}?)(?:,\s*(?P<region>[A-Z][A-Za-z.\- ]{{1,30}}?))?"
    rf"(?:,?\s+{_MONTH}\s+{_DAY})?\s*\((?P<agency>{AGENCIES})\)"
    rf"\s*(?:{_MONTH.replace('month', 'month2')}\s+(?P<day2>[0-3]?\d),?\s+{_YEAR})?\s*(?:[-—–:]+\s*)?(?P<rest>.*)$",
    re.S,
)


@dataclass(frozen=True)
class Dateline:
    place: str
    agency: str
    date: date | None
    rest: str  # text after the dateline on the same line: often the story's first sentence


# "BEIRUT: Air strikes ..." — a shouted place and a colon or dash open the story.
# Shouted labels that open a link or a section, not a story: "READ ALSO: ...", "BREAKING: ...".
_LABEL_WORDS = re.compile(
    r"\b(?:READ|ALSO|SEE|RELATED|WATCH|BREAKING|UPDATE|UPDATED|EXCLUSIVE|ANALYSIS|OPINION|EDITORIAL|PHOTOS?|VIDEO|LIVE|SPECIAL|REPORT"
    r"|NEWS|MORE|SOURCE|SOURCES|NOTE|WARNING|ADVERTISEMENT|SPONSORED|TAGS|FOCUS|FEATURE|INTERVIEW)\b"
)
_SHOUTED = re.compile(
    r"^(?P<place>[A-Z]{3,}(?:[ \-][A-Z]{3,}){0,2})(?:,\s*[A-Z][A-Za-z ]+)?\s*(?::|—|–|--)\s+(?P<rest>[A-Z\"“].{40,})$", re.S
)


def parse_dateline(line: str) -> Dateline | None:
    m = _DATELINE.match(line.strip())
    if m and m["rest"] and not re.match(r"[A-Z0-9\"“‘'(\[]", m["rest"]):
        # "The Hill Defence Force (HDF) shot dead nine soldiers", "... (HDF), a rebel group, said": a
        # body and its acronym, not a dateline (a dateline's story starts with a capital).
        m = None
    if not m:
        shouted = _SHOUTED.match(line.strip())
        if shouted and not _LABEL_WORDS.search(shouted["place"]):
            return Dateline(place=shouted["place"].title(), agency="", date=None, rest=shouted["rest"].strip())
        return None
    when = None
    if m["month2"]:
        when = _make_date(int(m["year"]), _month(m["month2"]), int(m["day2"]))
    place = m["place"].strip()
    # Wire datelines shout the place ("KABUL"); store it as a name is written.
    if place.isupper():
        place = place.title()
    return Dateline(place=place, agency=m["agency"], date=when, rest=m["rest"].strip())


@dataclass(frozen=True)
class DateMention:
    date: date
    precision: str  # day / week / month / year
    start: int
    # "said": the day something was said ("police said on Friday"); "other": the day of a funeral, a
    # hearing or an earlier event ("in reply to Saturday's raid"); "": the day of the act told.
    aside: str = ""


# Words just before a date that make it the day something was said: "police said on Friday",
# "told AFP on Monday", "in a statement Thursday", "reported today that".
_SAID_BEFORE = re.compile(
    r"(?:\b(?:said|says|told(?:\s+[\w.]+){0,3}?|reported|announced|confirm(?:ed|ing)(?:\s+the\s+\w+)?|stated|added|claimed|tweeted|wrote|declared|"
    r"(?:statement|interview|press\s+conference|briefing|tweet)(?:\s+[\w.]+){0,2}?))\s+(?:(?:on|late|early|last)\s+)?$",
    re.I,
)
# ... or, when the date opens the sentence, just after it: "On 7 August, the agency reported that",
# "On Monday, police said" (but "gunmen attacked on Monday, police said" dates the attack).
_SAID_AFTER = re.compile(
    r"\s*,?\s*(?:[\w.'’\-]+\s+){0,4}?(?:said|says|reported|told|announced|stated|confirmed|claimed|tweeted|wrote)\b", re.I
)
# A date of a ceremony, a hearing or a prior event: "at her burial on Nov. 4", "in reply to
# Saturday's raid", "revenge for Monday's killing".
_OTHER_EVENT_BEFORE = re.compile(
    r"\b(?:funeral|burial|interment|wake|ceremony|memorial|vigil|hearing|trial|meeting|visit|release)(?:\s+[\w.]+){0,3}?\s+(?:on\s+|held\s+)?$"
    r"|\b(?:response|reply|retaliation|reprisal|revenge|reaction)\s+(?:to|for)\s+(?:the\s+)?$",
    re.I,
)
# ... unless the ceremony is what was hit: "a suicide bomber blew himself up at a funeral in Kabul on
# Saturday" dates the bombing.
_CEREMONY_HIT = re.compile(
    r"\b(?:attack\w*|bomb\w*|blew\s+(?:him|her)self\s+up|struck|hit|stormed|targeting|opened\s+fire)"
    r"(?:\s+(?:at|on|near|inside|outside|during))?\s+(?:a|an|the|his|her|their)\s+(?:[\w-]+\s+)?"
    r"(?:funeral|burial|wake|ceremony|memorial|vigil|meeting)\b",
    re.I,
)


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


_EXPLICIT_PATTERNS = [
    # 21 January 2021, on 21 Jan. 2021, the 24th of March 2019
    re.compile(rf"\b{_DAY}\s+(?:(?i:of)\s+)?{_MONTH},?\s+{_YEAR}\b"),
    # January 21, 2021
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),
    # 2021-01-21
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
]
# 11/27/2016 or 27/11/2016: the part over 12 is the day; when both could be months the
# month comes first, as in US usage and the summaries of US-run databases (GTD).
_SLASHED = re.compile(r"(?<![\d/])(?P<first>[0-3]?\d)/(?P<second>[0-3]?\d)/(?P<year>(?:19|20)\d\d)\b")


def _slashed_date(m: re.Match) -> date | None:
    first, second, year = int(m["first"]), int(m["second"]), int(m["year"])
    month, day = (second, first) if first > 12 else (first, second)
    return _make_date(year, month, day)


_NO_YEAR = r"(?![\d,]*\s*(?:19|20)\d\d)"
_WEEKDAY_NAME = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# "on the evening of", "in the early hours of": a part of the day before the date.
_DAY_PART = r"(?:(?i:the\s+)?(?i:(?:early\s+)?(?:morning|afternoon|evening|night|early\s+hours|hours))\s+(?i:of)\s+)"
# What may open a day without its year: "on", "since", "from", a part of the day, or the weekday
# itself ("Friday, February 12", "Wednesday, September 21st").
_DAY_OPENER = rf"(?:(?i:on|since|from)\s+(?:(?i:the)\s+)?{_DAY_PART}?(?:{_WEEKDAY_NAME},?\s+(?:(?i:the)\s+)?)?|{_DAY_PART}(?:{_WEEKDAY_NAME},?\s+)?|{_WEEKDAY_NAME},?\s+(?:(?i:the)\s+)?)"
_DAY_MONTH = (
    re.compile(rf"\b{_DAY_OPENER}{_DAY}\s+(?:(?i:of)\s+)?{_MONTH}{_NO_YEAR}"),
    re.compile(rf"\b{_DAY_OPENER}{_MONTH}\s+{_DAY}\b{_NO_YEAR}"),
)
_MONTH_YEAR = re.compile(rf"\b(?i:in|during|since|early|late|mid-?)\s+(?:(?i:early|late)\s+|(?i:mid)-?)?{_MONTH}\s+{_YEAR}\b")
_MONTH_ONLY = re.compile(rf"\b(?i:in|during|early|late|mid-?)\s+(?:(?i:early|late)\s+|(?i:mid)-?)?{_MONTH}(?!\s*\d)\b")
_YEAR_ONLY = re.compile(r"\b(?i:in|during)\s+(?:(?i:early|late)\s+|(?i:mid)-?)?(?P<year>(?:19|20)\d\d)\b")
_WEEKDAY = re.compile(
    rf"\b(?:(?i:on|late|early|overnight|since)\s+)?(?:(?i:last|this|past)\s+)?"
    rf"(?P<weekday>{_WEEKDAY_NAME})(?:'s|’s)?\b"
)
_RELATIVE = {
    re.compile(r"\b(?:the\s+)?(?:night|day)\s+before\s+(?:last|yesterday)\b", re.I): (2, "day"),
    re.compile(r"\b(?:yesterday|last night)\b", re.I): (1, "day"),
    re.compile(r"\b(?:today|tonight|this (?:morning|afternoon|evening))\b", re.I): (0, "day"),
}
_LAST_UNIT = re.compile(r"\b(?:last|earlier this|this|past)\s+(?P<unit>week|month|year)\b", re.I)
_COUNT_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10}
# "two days ago", "a week ago", "a month ago": counted back from the story's date.
_AGO = re.compile(r"\b(?P<n>\d{1,2}|an?|one|two|three|four|five|six|seven|ten)\s+(?P<unit>day|week|month)s?\s+ago\b", re.I)


_UNSET = date.min


def find_dates(sentence: str, anchor: date | None, latest: date | None = _UNSET) -> list[DateMention]:
    """Every date the sentence names, resolved against `anchor` (the dateline), in text order.

    `latest` is the last day an event can fall on: the publication date, so "on 28 December" in a
    story of 3 January is last year's. It is the anchor unless the anchor is only an event's day
    the text names (then None: later days of that year stay in it).
    """
    latest = anchor if latest is _UNSET else latest
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match, when: date | None, precision: str) -> None:
        if when is None or any(s < m.end() and m.start() < e for s, e in taken):
            return
        taken.append((m.start(), m.end()))
        before = sentence[: m.start()]
        said = _SAID_BEFORE.search(before) or (not before.strip(" \"“'(") and _SAID_AFTER.match(sentence, m.end()))
        other = _OTHER_EVENT_BEFORE.search(before) and not _CEREMONY_HIT.search(before)
        aside = "other" if other else "said" if said else ""
        found.append(DateMention(when, precision, m.start(), aside))

    for pattern in _EXPLICIT_PATTERNS:
        for m in pattern.finditer(sentence):
            month = int(m["mnum"]) if "mnum" in m.groupdict() and m["mnum"] else _month(m["month"])
            add(m, _make_date(int(m["year"]), month, int(m["day"])), "day")
    for m in _SLASHED.finditer(sentence):
        add(m, _slashed_date(m), "day")
    for m in _MONTH_YEAR.finditer(sentence):
        add(m, date(int(m["year"]), _month(m["month"]), 1), "month")
    for m in _YEAR_ONLY.finditer(sentence):
        add(m, date(int(m["year"]), 1, 1), "year")
    if anchor is not None:
        for m in (m for pattern in _DAY_MONTH for m in pattern.finditer(sentence)):
            when = _make_date(anchor.year, _month(m["month"]), int(m["day"]))
            if when and latest is not None and when > latest + timedelta(days=1):
                when = _make_date(anchor.year - 1, when.month, when.day)
            add(m, when, "day")
        for m in _WEEKDAY.finditer(sentence):
            back = (anchor.weekday() - WEEKDAYS.index(m["weekday"].lower())) % 7
            add(m, anchor - timedelta(days=back), "day")
        for pattern, (days, precision) in _RELATIVE.items():
            for m in pattern.finditer(sentence):
                add(m, anchor - timedelta(days=days), precision)
        for m in _AGO.finditer(sentence):
            n, unit = _COUNT_WORDS.get(m["n"].lower()) or int(m["n"]), m["unit"].lower()
            if unit == "day":
                add(m, anchor - timedelta(days=n), "day")
            elif unit == "week":
                back = anchor - timedelta(days=7 * n)
                add(m, back - timedelta(days=back.weekday()), "week")
            else:
                month_index = anchor.year * 12 + anchor.month - 1 - n
                add(m, date(month_index // 12, month_index % 12 + 1, 1), "month")
        for m in _MONTH_ONLY.finditer(sentence):
            month = _month(m["month"])
            year = anchor.year if month <= anchor.month or latest is None else anchor.year - 1
            add(m, date(year, month, 1), "month")
        for m in _LAST_UNIT.finditer(sentence):
            unit, last = m["unit"].lower(), m.group(0).lower().startswith(("last", "past"))
            if unit == "year":
                add(m, date(anchor.year - 1 if last else anchor.year, 1, 1), "year")
            elif unit == "month":
                month_start = anchor.replace(day=1)
                add(m, (month_start - timedelta(days=1)).replace(day=1) if last else month_start, "month")
            else:
                start = anchor - timedelta(days=anchor.weekday())
                add(m, start - timedelta(days=7) if last else start, "week")
    return sorted(found, key=lambda d: d.start)


def parse_iso_date(value: str | None) -> date | None:
    if not value:
        return None
    m = re.match(r"((?:19|20)\d\d)-(\d\d)-(\d\d)", value)
    return _make_date(int(m[1]), int(m[2]), int(m[3])) if m else None


def find_anchor_date(text: str) -> date | None:
    """A page's own date when no dateline gives one: its first full date."""
    for pattern in _EXPLICIT_PATTERNS:
        m = pattern.search(text[:2000])
        if m:
            month = int(m["mnum"]) if "mnum" in m.groupdict() and m["mnum"] else _month(m["month"])
            return _make_date(int(m["year"]), month, int(m["day"]))
    m = _SLASHED.search(text[:2000])
    return _slashed_date(m) if m else None
