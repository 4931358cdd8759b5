"""Which incident each report belongs to, decided once, when the report is stored.

The rule, report against report (`same_event` asks it of two); nothing may rule the pair out:
- both read from articles (a dataset row is one coded event already), from different articles;
- the same country, within MERGE_KM, dates that agree within their precision (two days at most
  a day apart; a month contains its days);
- a story dated by its dateline cannot tell of a later day's event (the later day told in
  another story's text), unless a night lies between them ("late on Tuesday", "early Wednesday",
  "overnight": one night's event counts as one day's below);
- compatible event types (merge.EVENT_FAMILIES: outlets call one bombing an explosion or an
  attack on civilians, one fight a battle or an air strike);
- not two different towns, each named, more than PLACE_APART_KM apart;
- not two different things hit, each named (SITES: a market and a checkpoint, a convoy and a
  training camp): one town's two bombings of a day are told apart by what they hit;
- not two demonstrations about different things, each named ("against a new tax", "over power
  cuts");
- not two different perpetrators, each named (a branch and its parent, "Islamic State" and
  "Islamic State West Africa Province", may be one);
- tolls that could be one event's as reports come in: the larger low at most TOLL_GROWTH times
  the smaller high plus TOLL_SLACK ("at least 5" has no high: it fits any larger toll);
- a report known only to the week, month or year and a dated one: only with nearly equal tolls
  ("earlier this month" says too little on its own to pick one of a month's events).
A report joins an incident only when nothing rules it out against any report in it, and when it
shares details with one of them: a nearly equal toll, the perpetrator, the sub-event type, words
that say what was hit (a market, a convoy, a wedding). It must share SHARED_SAME_DAY of them with
a report of the same day, SHARED_OTHERWISE when the dates leave more room, and SHARED_TOLD_APART
with a report whose text tells the day before or after its own with no night between them ("late
on Tuesday", "early Wednesday" may be one night's event; ACLED and UCDP code a fight over two
days as two days' events, but outlets and coders put one event a day apart often enough, 15 of
the 168 UCDP-coded articles, that a told day does not rule a merge out alone). Two events in one town
on one day are common where wars are hot; a shared detail is what tells a second report of the
first from the first report of the second. Of the incidents that qualify the report joins the one
it shares most with, the first started on a tie; if none, it starts an incident.

An `Assigner` holds the reports stored so far in an index keyed by country, a span of days and a
spatial cell, so a new report is checked only against the incidents its keys find. The loop runs
once per report (a million in a rebuild). Assigning every report again in stored order gives the
stored assignments when the rules have not changed; after a rule change `python -m loaders
rebuild` does that and stores the result.
"""

from __future__ import annotations

import dataclasses
import gc
import math
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from loaders.store.merge import MERGE_KM, NO_FAMILY, family, incident_id_of, is_article, period_days
from loaders.store.schema import GEO_TOWN, REVIEW_REASONS

# The index's keys: country, a span of BUCKET_DAYS days, a cell of CELL_DEG degrees. A report is
# filed under every span its period touches and looked up in the cells around it: ~14 lookups for
# a day report, ~80 for a month. Smaller keys mean more lookups, larger ones more candidates.
CELL_DEG = 0.5  # ~55 km of latitude: the cells above and below cover MERGE_KM
BUCKET_DAYS = 4
TOLL_GROWTH, TOLL_SLACK = 2.0, 3  # 8 then 19 killed may be one event; 3 and 30 are not
NEAR_GROWTH, NEAR_SLACK = 1.25, 1  # "nearly the same toll": 8 and 10, 20 and 24
PLACE_APART_KM = 5.0  # two different towns named, further apart than this: two places
MAX_DETAILS = 8
# Details a report must share with an incident to join it: more when the dates leave more room,
# and more again for two days each told in the text with no night between them.
SHARED_SAME_DAY, SHARED_OTHERWISE, SHARED_TOLD_APART = 2, 3, 4
# Words that say what kind of event it was or how it was reported, not which one: a "market", a
# "convoy", a "wedding" tell one event from another; "killed", "police" and "said" do not.
_COMMON = frozenset(
    """a about after against all also an and are around as at be been before being between both but by
    can could did do does during each for from had has have he her his how i if in into is it its least
    more most near new no not of off on one or other others our out over she so some such than that the
    their them then there these they this those through to under until up was we were what when where
    which while who will with would yet you
    said says told according added say saying reported reports report statement spokesman official officials
    local security sources source hospital residents witnesses ministry interior group monitoring
    killed killing kill kills dead died death deaths wounded wounding wounds injured injuring injuries
    people person civilians soldiers troops militants fighters gunmen police officers forces army military
    government attack attacks attacked attacker attackers bomb bombs bomber bombing blast blasts explosion
    exploded explosive explosives suicide strike strikes struck fire fired firing shot shooting clash clashes
    fighting fought battled battle others several least dozens scores hundreds thousands
    zero two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred
    monday tuesday wednesday thursday friday saturday sunday today yesterday tonight morning evening night
    january february march april june july august september october november december
    day days week weeks month months year years last since earlier later same ago recent recently""".split()
)
_WORD = re.compile(r"[a-z]{3,}")
# Nouns for what an attack hit or where a fight was: two reports naming only different ones tell
# two events. Settings ("village", "area", "town") say where, not what, and are left out.
SITES = frozenset(
    """market bazaar mosque church temple shrine school university college hospital clinic checkpoint station
    bus convoy camp base outpost barracks bridge road highway airport hotel restaurant cafe bakery office
    prison jail wedding funeral pitch stadium farm depot store warehouse mine crossing embassy court bank shop
    rank port pipeline refinery factory tower compound rally parliament field""".split()
)
# What a demonstration was about: the words after "against", "over", "to denounce" up to the end
# of the phrase. Two protests in one town on one day, one against a tax and one over power cuts,
# are two protests.
_CAUSE = re.compile(
    r"\b(?:against|over|about|denounc\w*|condemn\w*|protest(?:ing|s)?|demand(?:ing|s)?)\s+(?!\d)"
    r"((?:(?!(?:in|on|at|near|through|outside|after|before|and|as|when|while|against|over|about|broke|erupted|"
    r"spread|flared|turned|left|leaving|continued|began|weekend|past)\b)[a-z][a-z'-]*\s*){1,5})"
)
_DEMONSTRATIONS = family("Protests")  # protests and riots


def causes(evidence: object) -> frozenset[str]:
    """The words of what a demonstration was about ("rising fuel prices": fuel, prices, rising)."""
    if not isinstance(evidence, str):
        return frozenset()
    found = set()
    for m in _CAUSE.finditer(evidence.lower()):
        found |= set(_WORD.findall(m[1])) - _COMMON
    return frozenset(sys.intern(w) for w in found)


# The report columns the rule reads: all a writer needs to read of the reports already stored.
COLUMNS = [
    "report_id", "article_id", "origin", "date", "date_precision", "country", "latitude", "longitude", "location",
    "geo_precision", "event_type", "sub_event_type", "actor1", "killed_low", "killed_best", "killed_high",
    "evidence", "review",
]  # fmt: skip
_KM_PER_DEG = 111.32
_EARTH_KM = 6371.0
_MAX_DLAT = MERGE_KM / _KM_PER_DEG * 1.01  # latitudes further apart cannot be within MERGE_KM
_DAY = "day"
DATE_INFERRED = "date_inferred"  # the review code of a report dated by its dateline
assert DATE_INFERRED in REVIEW_REASONS
# Words that put an event at night: "late on Tuesday" and "early Wednesday" may be one event.
NIGHT_WORDS = frozenset({"evening", "night", "overnight", "midnight", "dawn", "late", "early", "nightfall"})


def _ranges(low: np.ndarray, best: np.ndarray, high: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Tolls as (low, high) arrays: "at least 5" is (5, inf); unknown is (nan, nan); a best alone
    is exact; a high is never below the low."""
    bottom = np.fmax(low, best)  # nan only when neither is given
    top = np.where(~np.isnan(high), np.fmax(high, bottom), np.where(~np.isnan(low), np.inf, bottom))
    return bottom, np.where(np.isnan(bottom), np.nan, top)


@dataclass(frozen=True, slots=True)
class _Report:
    """What the rule reads of one report (slots: a rebuild holds a million of them)."""

    article: str
    start: int
    end: int
    to_the_day: bool
    country: str
    lat: float
    lon: float
    coslat: float
    named_town: bool  # placed at a named town or site, not a region
    place: str
    family: int
    sub: str
    actor: str
    low: float
    high: float
    told: bool  # the day is told in the text, not taken from the dateline
    # Read from the evidence sentence; None until read (`_with_words`): a report registered with
    # its stored incident keeps its sentence until a new report is first compared with it.
    evidence: str | None
    night: bool | None  # the evidence speaks of a night, dawn or late hour
    details: frozenset[str] | None
    sites: frozenset[str] | None
    causes: frozenset[str] | None


def evidence_words(evidence: object) -> set[str]:
    return set(_WORD.findall(evidence.lower())) if isinstance(evidence, str) else set()


def sites(words: set[str]) -> frozenset[str]:
    """The SITES among an evidence sentence's words ("markets" as "market", "buses" as "bus")."""
    plurals = [w for w in words if w[-1] == "s"]
    found = words & SITES | ({w[:-1] for w in plurals} | {w[:-2] for w in plurals}) & SITES
    return frozenset(sys.intern(w) for w in found)


def details(words: set[str], place: str) -> frozenset[str]:
    """The words of an evidence sentence that can tell one event from another (what was hit, the
    setting), without the place's own name: up to MAX_DETAILS, longest first."""
    kept = words - _COMMON - set(_WORD.findall(place)) if words else words
    return frozenset(sys.intern(w) for w in sorted(kept, key=lambda w: (-len(w), w))[:MAX_DETAILS])


def _read_words(evidence: str | None, place: str, family_: int) -> tuple:
    """What an evidence sentence says for the rule: (night, details, sites, causes)."""
    words = evidence_words(evidence)
    return (
        not words.isdisjoint(NIGHT_WORDS),
        details(words, place),
        sites(words),
        causes(evidence) if family_ == _DEMONSTRATIONS else frozenset(),
    )


def _with_words(report: _Report) -> _Report:
    night, details_, sites_, causes_ = _read_words(report.evidence, report.place, report.family)
    return dataclasses.replace(report, evidence=None, night=night, details=details_, sites=sites_, causes=causes_)


class Assigner:
    """The incidents of the reports added so far, and the index that finds a new report's."""

    def __init__(self) -> None:
        self.incident_ids: list[str] = []  # per incident, in the order incidents were started
        self._number_of: dict[str, int] = {}  # incident id -> its number
        self._members: list[list[int]] = []  # per incident, its reports (indexed ones only)
        # Per incident, the latest first day and the earliest last day of its reports: a report
        # must overlap every one of them, so most candidates are ruled out without a loop.
        self._latest_start: list[int] = []
        self._earliest_end: list[int] = []
        self._reports: list[_Report] = []  # per indexed report
        # (country, span of days) -> cell -> the incidents filed there, in the order they were.
        self._index: dict[tuple[str, int], dict[int, list[int]]] = {}

    def __len__(self) -> int:
        return len(self.incident_ids)

    def add_frame(self, reports: pd.DataFrame, incident_ids: Iterable[str | None] | None = None) -> list[str]:
        """Add reports in stored order. With `incident_ids` (already stored assignments) they are
        registered as they are (None: assign that one); without, each is assigned. Returns each
        report's incident id."""
        n = len(reports)
        missing = [c for c in COLUMNS if c not in reports and c != "origin"]
        assert not missing, f"reports lack {missing}: the rule would assign them differently"

        def column(name: str) -> list:
            return reports[name].tolist() if name in reports else [None] * n

        def texts(name: str) -> list[str]:
            """Lower case, stripped; "" when missing."""
            if name not in reports:
                return [""] * n
            return reports[name].astype("string").str.strip().str.lower().fillna("").tolist()

        def numbers(name: str) -> np.ndarray:
            return pd.to_numeric(reports[name]).astype(float).to_numpy() if name in reports else np.full(n, np.nan)

        # Whole columns first, for what the rule reads of each report: the loop below is per report.
        start, end = period_days(reports["date"], reports["date_precision"])
        precision = reports["date_precision"].astype(object)
        to_the_day = (precision.isna() | (precision == _DAY)).to_numpy(bool)
        lat, lon = numbers("latitude"), numbers("longitude")
        geo = pd.to_numeric(reports["geo_precision"])
        named_town = (geo.notna() & (geo <= GEO_TOWN)).to_numpy(bool)
        families = [family(t) for t in column("event_type")]
        low, high = _ranges(numbers("killed_low"), numbers("killed_best"), numbers("killed_high"))
        inferred = reports["review"].astype("string").str.contains(DATE_INFERRED, regex=False) if "review" in reports else None
        told = ~inferred.fillna(False).to_numpy(bool) if inferred is not None else np.ones(n, bool)
        rows = zip(
            column("report_id"),
            column("article_id"),
            column("origin"),
            start.tolist(),
            end.tolist(),
            to_the_day.tolist(),
            reports["country"].astype("string").fillna("").tolist(),
            lat.tolist(),
            lon.tolist(),
            np.cos(np.radians(lat)).tolist(),
            named_town.tolist(),
            texts("location"),
            families,
            texts("sub_event_type"),
            texts("actor1"),
            low.tolist(),
            high.tolist(),
            told.tolist(),
            column("evidence"),
            list(incident_ids) if incident_ids is not None else [None] * n,
            strict=True,
        )
        # A rebuild makes a million small objects, none in a reference cycle: the collector's full
        # passes over them would grow with the heap and cost more than the loop itself.
        collecting = gc.isenabled()
        gc.disable()
        try:
            return [self._add(*row) for row in rows]
        finally:
            if collecting:
                gc.enable()

    def assign_frame(self, reports: pd.DataFrame) -> pd.Series:
        return pd.Series(self.add_frame(reports), index=reports.index, dtype="string")

    def _add(
        self,
        report_id: str,
        article_id: str,
        origin: object,
        start: int,
        end: int,
        to_the_day: bool,
        country: str,
        lat: float,
        lon: float,
        coslat: float,
        named_town: bool,
        place: str,
        family_: int,
        sub: str,
        actor: str,
        low: float,
        high: float,
        told: bool,
        evidence: object,
        incident_id: str | None = None,
    ) -> str:
        """One report, in stored order, as add_frame prepared it: assigned (or registered under
        `incident_id`); its incident id."""
        if incident_id is not None and pd.isna(incident_id):
            incident_id = None
        if not is_article(origin) or end < start or math.isnan(lat) or math.isnan(lon):
            return self._register(incident_id or incident_id_of(report_id), None)
        evidence = evidence if isinstance(evidence, str) else None
        # Matched now: its words are read now. A registered report's wait until a new one is
        # compared with it (an ingest registers every stored report; few are ever compared).
        if incident_id is None:
            night, details_, sites_, causes_ = _read_words(evidence, place, family_)
            evidence = None
        else:
            night = details_ = sites_ = causes_ = None
        report = _Report(
            article=article_id,
            start=start,
            end=end,
            to_the_day=to_the_day,
            country=country,
            lat=lat,
            lon=lon,
            coslat=coslat,
            named_town=named_town,
            place=place,
            family=family_,
            sub=sub,
            actor=actor,
            low=low,
            high=high,
            told=told,
            evidence=evidence,
            night=night,
            details=details_,
            sites=sites_,
            causes=causes_,
        )
        if incident_id is None:
            number = self._match(report)
            incident_id = self.incident_ids[number] if number is not None else incident_id_of(report_id)
        me = len(self._reports)
        self._reports.append(report)
        self._register(incident_id, me)
        number = self._number_of[incident_id]
        cell = _cell(math.floor(lon / CELL_DEG), math.floor(lat / CELL_DEG))
        index = self._index
        for span in range(start // BUCKET_DAYS, end // BUCKET_DAYS + 1):
            cells = index.get((report.country, span))
            if cells is None:
                cells = index[(report.country, span)] = {}
            bucket = cells.get(cell)
            if bucket is None:
                cells[cell] = [number]
            elif bucket[-1] != number:
                bucket.append(number)
        return incident_id

    def _register(self, incident_id: str, report: int | None) -> str:
        number = self._number_of.get(incident_id)
        if number is None:
            number = self._number_of[incident_id] = len(self.incident_ids)
            self.incident_ids.append(incident_id)
            self._members.append([])
            self._latest_start.append(-(2**62))
            self._earliest_end.append(2**62)
        if report is not None:
            self._members[number].append(report)
            r = self._reports[report]
            if r.start > self._latest_start[number]:
                self._latest_start[number] = r.start
            if r.end < self._earliest_end[number]:
                self._earliest_end[number] = r.end
        return incident_id

    def _match(self, r: _Report) -> int | None:
        """The incident this report is one event with (see the module's rule), or None."""
        cx, cy = math.floor(r.lon / CELL_DEG), math.floor(r.lat / CELL_DEG)
        # Cells east and west that can hold a point within MERGE_KM at this latitude.
        narrowest = math.cos(math.radians(min(abs(r.lat) + CELL_DEG, 89.0)))
        reach = max(1, math.ceil(MERGE_KM / (_KM_PER_DEG * CELL_DEG * narrowest)))
        index = self._index
        found: set[int] = set()
        for span in range(r.start // BUCKET_DAYS, r.end // BUCKET_DAYS + 1):
            cells = index.get((r.country, span))
            if not cells:
                continue
            for x in range(cx - reach, cx + reach + 1):
                for y in (cy - 1, cy, cy + 1):
                    bucket = cells.get(_cell(x, y))
                    if bucket:
                        found.update(bucket)
        best, best_score = None, 0
        reports, latest_start, earliest_end = self._reports, self._latest_start, self._earliest_end
        for number in sorted(found):
            if r.start > earliest_end[number] or r.end < latest_start[number]:
                continue  # the dates do not overlap those of every report in it
            shared, needed = 0, SHARED_SAME_DAY
            for m in self._members[number]:
                o = reports[m]
                if o.details is None:
                    o = reports[m] = _with_words(o)
                if not _compatible(r, o):
                    break
                score = _shared(r, o)
                if score > shared:
                    shared = score
                score = _needed(r, o)
                if score > needed:
                    needed = score
            else:
                # One event, not two in one place and time: it must share details with the incident.
                if shared > best_score and shared >= needed:
                    best, best_score = number, shared
        return best


def _needed(r: _Report, o: _Report) -> int:
    """How many details two reports must share to be one event: more when their dates leave room."""
    if r.to_the_day and o.to_the_day:
        if r.start == o.start or r.night or o.night:
            return SHARED_SAME_DAY  # one night's event counts as one day's
        if r.told and o.told:
            return SHARED_TOLD_APART
    return SHARED_OTHERWISE


def _cell(x: int, y: int) -> int:
    """One number for a cell (x: -360..360, y: -180..180 half degrees)."""
    return x * 1024 + y


def _compatible(r: _Report, o: _Report) -> bool:
    """Report against report: nothing rules out that they are one event."""
    if o.article == r.article or o.start > r.end or r.start > o.end or o.country != r.country:
        return False
    if r.family != NO_FAMILY and o.family != NO_FAMILY and r.family != o.family:
        return False
    dlat = o.lat - r.lat
    if abs(dlat) > _MAX_DLAT:
        return False
    # Haversine, inlined: this is the innermost check of a rebuild.
    a = math.sin(math.radians(dlat) / 2) ** 2 + r.coslat * o.coslat * math.sin(math.radians(o.lon - r.lon) / 2) ** 2
    km = 2 * _EARTH_KM * math.asin(math.sqrt(a if a < 1.0 else 1.0))
    if km > MERGE_KM:
        return False
    if r.named_town and o.named_town and r.place != o.place and km > PLACE_APART_KM:
        return False  # two towns, each named: two places
    if r.sites and o.sites and not r.sites & o.sites:
        return False  # a market and a checkpoint: two things hit
    if r.causes and o.causes and r.causes.isdisjoint(o.causes):
        return False  # one protest against a tax, one over power cuts
    if r.actor and o.actor and r.actor != o.actor and not (r.actor.startswith(o.actor) or o.actor.startswith(r.actor)):
        return False  # two perpetrators, each named: two events (a branch and its parent may be one)
    tolls = not (math.isnan(r.low) or math.isnan(o.low))
    if tolls and max(r.low, o.low) > TOLL_GROWTH * min(r.high, o.high) + TOLL_SLACK:
        return False
    if r.to_the_day and o.to_the_day and r.start != o.start:
        early, late = (r, o) if r.start < o.start else (o, r)
        if late.told and not early.told and not (early.night or late.night):
            return False  # a story dated by its dateline cannot tell of a later day's event
    if r.to_the_day != o.to_the_day and not (tolls and _near(r, o)):
        return False  # "this month" says too little to pick one of a month's events
    return True


def _near(r: _Report, o: _Report) -> bool:
    # "At least 2" is near 2 or 3, not near 17: an open toll is compared by its low.
    top = min(r.high if r.high != math.inf else r.low, o.high if o.high != math.inf else o.low)
    return max(r.low, o.low) <= NEAR_GROWTH * top + NEAR_SLACK


def _shared(r: _Report, o: _Report) -> int:
    """How many details two reports share: tolls nearly the same, the perpetrator, the sub-event
    type, the words that say what was hit."""
    return (
        (not (math.isnan(r.low) or math.isnan(o.low)) and _near(r, o))
        + (r.actor != "" and r.actor == o.actor)
        + (r.sub != "" and r.sub == o.sub)
        + len(r.details & o.details)
    )


def same_event(a: dict, b: dict) -> bool:
    """Would the store put report `b` into the incident that report `a` started?"""
    ids = Assigner().assign_frame(pd.DataFrame([a, b]))
    return bool(ids.iloc[0] == ids.iloc[1])
