"""Measure extraction against incidents coded by people outside the project.

Each row's `text` is read as a page and goes through the same extraction as an ingested story.
The coded answers are never input (not even the date, as an anchor); a `published` column is:
it is the article's own publication date, which a real page carries, and it is used exactly as
an HTML page's metadata date is. The story's first incident is paired with the coded one (the
lead's event); the best-matching incident of the article is scored as well, and how many
incidents each article gave is counted. Fields: killed exact / within 10 %, wounded exact
(where coded), date exact / within a day, country, admin1 (where coded), place within 25 km,
event type. For each field, the misses that carry a review flag (`review`, REVIEW_REASONS
codes) are counted: a miss a person was told to look at costs less than a silent one.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from loaders.extract.places import COUNTRY_ALIASES
from loaders.extract.stories import Story, article_id, split_stories
from loaders.geo.gazetteer import default_gazetteer, loose, normalise
from loaders.ingest import checked_story_rows
from loaders.read.pages import Page
from loaders.store.merge import distance_km
from loaders.store.schema import LIST_SEPARATOR, REVIEW_REASONS

FIELDS = (
    "killed_exact",
    "killed_within_10pct",
    "wounded_exact",
    "date_exact",
    "date_within_1_day",
    "country",
    "admin1",
    "place_within_25km",
    "event_type",
)


# Coded event types from older ACLED releases and from GTD, and the ACLED types that match
# them. GTD's attack types cut across ACLED's: an armed assault is a battle or violence against
# civilians depending on the target, so either is accepted; "Unknown" is not scored.
_EXPLOSIONS, _BATTLES, _VAC = "Explosions/Remote violence", "Battles", "Violence against civilians"
CODED_TYPES: dict[str, tuple[str, ...]] = {
    "Battle-No change of territory": (_BATTLES,),
    "Battle-Government regains territory": (_BATTLES,),
    "Battle-Non-state actor overtakes territory": (_BATTLES,),
    "Remote violence": (_EXPLOSIONS,),
    "Riots/Protests": ("Riots", "Protests"),
    "Bombing/Explosion": (_EXPLOSIONS,),
    "Armed Assault": (_BATTLES, _VAC),
    "Assassination": (_VAC, _EXPLOSIONS, _BATTLES),
    "Hostage Taking (Kidnapping)": (_VAC,),
    "Hostage Taking (Barricade Incident)": (_VAC,),
    "Facility/Infrastructure Attack": (_EXPLOSIONS, "Strategic developments", _VAC, "Riots"),
    "Unarmed Assault": (_VAC,),
    "Unknown": (),
}
# The review codes that bear on each field: a flag that warns of this kind of error.
_TOLL_FLAGS = ("toll_claimed", "tally_nearby")
_PLACE_FLAGS = ("place_ambiguous", "place_coarse")
FLAGS_ON: dict[str, tuple[str, ...]] = {
    "killed_exact": _TOLL_FLAGS,
    "killed_within_10pct": _TOLL_FLAGS,
    "wounded_exact": _TOLL_FLAGS,
    "date_exact": ("date_inferred",),
    "date_within_1_day": ("date_inferred",),
    "country": _PLACE_FLAGS,
    "admin1": _PLACE_FLAGS,
    "place_within_25km": _PLACE_FLAGS,
}
# Where each coder keeps the first-level region in `source_fields`: ACLED, UCDP, GTD.
ADMIN1_KEYS = ("admin1", "location_adm1_name", "provstate")
# Words that say what kind of region a name is: UCDP's "Chin state" is GeoNames' "Chin".
_REGION_KIND_WORDS = re.compile(
    r"\b(?:state|province|region|governorate|division|department|prefecture|oblast|county|district|territory"
    r"|municipality|federal|capital|autonomous|special|administrative|union|muhafazat|wilayah|wilayat|velayat|ostan)\b",
    re.I,
)


@dataclass
class _Score:
    hits: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    totals: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))

    def add(self, checks: dict[str, bool | None]) -> None:
        for name, ok in checks.items():
            if ok is not None:
                self.totals[name] += 1
                self.hits[name] += int(ok)

    def rate(self, name: str) -> float:
        return self.hits[name] / self.totals[name] if self.totals[name] else 0.0

    def cell(self, name: str) -> str:
        if not self.totals[name]:
            return "    — (not coded)"
        return f"{self.rate(name) * 100:5.1f} %  ({self.hits[name]}/{self.totals[name]})"


@dataclass
class Result:
    rows: int = 0
    first: _Score = field(default_factory=_Score)
    best: _Score = field(default_factory=_Score)
    incidents_per_article: Counter = field(default_factory=Counter)
    # field -> misses of the first incident; how many carry a flag bearing on the field, or any flag,
    # and each code's count among them.
    missed: Counter = field(default_factory=Counter)
    flagged: Counter = field(default_factory=Counter)
    flagged_any: Counter = field(default_factory=Counter)
    flagged_by_code: dict[str, Counter] = field(default_factory=dict)
    # Hits that carry a flag bearing on the field anyway: a flag on everything would tell a reader nothing.
    hit_flagged: Counter = field(default_factory=Counter)
    misses: list[dict] = field(default_factory=list)

    @property
    def hits(self) -> dict[str, int]:
        return self.first.hits

    @property
    def totals(self) -> dict[str, int]:
        return self.first.totals

    @property
    def no_incident(self) -> int:
        return self.incidents_per_article[0]

    @property
    def several(self) -> int:
        return sum(n for k, n in self.incidents_per_article.items() if k > 1)

    def rate(self, name: str) -> float:
        """The first incident's score: the figure the accuracy floors pin."""
        return self.first.rate(name)

    def best_rate(self, name: str) -> float:
        return self.best.rate(name)

    def render(self) -> str:
        lines = [f"rows: {self.rows}", f"{'field':22s} {'first incident':24s} best-matching incident"]
        for name in FIELDS:
            lines.append(f"{name:22s} {self.first.cell(name):24s} {self.best.cell(name)}")
        lines.append(f"no incident found: {self.no_incident}")
        lines.append(f"several incidents found: {self.several}")
        spread = ", ".join(
            f"{k if k < 5 else '5+'}: {n}"
            for k, n in sorted(
                Counter(min(k, 5) for k in self.incidents_per_article.elements()).items(),
            )
        )
        lines.append(f"incidents per article: {spread}")
        lines.append("review flags on the first incident (a flag bearing on the field; any flag):")
        for name in FIELDS:
            if not self.first.totals[name]:
                continue
            codes = ", ".join(f"{c} {n}" for c, n in sorted(self.flagged_by_code.get(name, Counter()).items()))
            lines.append(
                f"  {name:20s} {self.flagged[name]:3d} of {self.missed[name]:3d} misses flagged"
                f"{f' ({codes})' if codes else ''}, {self.flagged_any[name]} with any flag;"
                f" {self.hit_flagged[name]} of {self.first.hits[name]} hits flagged"
            )
        return "\n".join(lines)


def _int(value: str) -> int | None:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


def _float(value: str) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _reports(row: dict) -> list[dict]:
    """The row's text read as a page, as ingest reads one: its stories' reports, in order."""
    text = row["text"].strip()
    page = Page(source=row.get("id", ""), text=text, kind="text", published=(row.get("published") or None))
    # Too short or unpunctuated to pass for prose, a description is still measured as one paragraph.
    stories = split_stories(page) or [_one_paragraph(page)]
    gazetteer = default_gazetteer()
    # The step ingest takes for each story: extraction, then the plausibility rules.
    return [report for story in stories for report in (checked_story_rows(story, gazetteer)[0] or ({}, [], []))[1]]


def _one_paragraph(page: Page) -> Story:
    published = _date(page.published)
    return Story(
        article_id=article_id(page.text),
        title=None,
        author=None,
        outlet=None,
        dateline_place=None,
        date=published,
        source=page.source,
        paragraphs=(page.text,),
        date_source="page" if published else None,
    )


def evaluate_rows(rows: list[dict]) -> Result:
    result = Result()
    for row in rows:
        result.rows += 1
        reports = _reports(row)
        result.incidents_per_article[len(reports)] += 1
        got = reports[0] if reports else {}
        checks = _score(row, got)
        result.first.add(checks)
        scored = [_score(row, r) for r in reports] or [checks]
        result.best.add(max(scored, key=lambda c: sum(1 for ok in c.values() if ok)))
        codes = [c for c in (got.get("review") or "").split(LIST_SEPARATOR) if c in REVIEW_REASONS]
        for name, ok in checks.items():
            bearing = [c for c in codes if c in FLAGS_ON.get(name, ())]
            if ok is False:
                result.missed[name] += 1
                result.flagged[name] += bool(bearing)
                result.flagged_any[name] += bool(codes)
                result.flagged_by_code.setdefault(name, Counter()).update(bearing)
            elif ok:
                result.hit_flagged[name] += bool(bearing)
        missed = [name for name, ok in checks.items() if ok is False]
        if missed:
            result.misses.append(
                {
                    "id": row.get("id"),
                    "missed": ";".join(missed),
                    "incidents": len(reports),
                    "review": got.get("review"),
                    "text": row["text"].strip(),
                    "coded_killed": row.get("killed"),
                    "got_killed": got.get("killed_best"),
                    "got_killed_range": f"{got.get('killed_low')}-{got.get('killed_high')}" if got else None,
                    "coded_wounded": row.get("wounded"),
                    "got_wounded": got.get("wounded_best"),
                    "coded_date": row.get("event_date"),
                    "published": row.get("published"),
                    "got_date": got.get("date"),
                    "got_date_precision": got.get("date_precision"),
                    "coded_country": row.get("country"),
                    "got_country": got.get("country"),
                    "coded_admin1": coded_admin1(row),
                    "got_admin1": got.get("admin1"),
                    "coded_location": row.get("location"),
                    "got_location": got.get("location"),
                    "coded_event_type": row.get("event_type"),
                    "got_event_type": got.get("event_type"),
                    "evidence": got.get("evidence"),
                    "others": " | ".join(
                        f"{r.get('killed_best')} {r.get('date')} {r.get('location')}, {r.get('country')}" for r in reports[1:]
                    ),
                }
            )
    return result


def coded_admin1(row: dict) -> str | None:
    try:
        fields = json.loads(row.get("source_fields") or "{}")
    except ValueError:
        return None
    if not isinstance(fields, dict):
        return None
    return next((str(fields[k]) for k in ADMIN1_KEYS if fields.get(k)), None)


def _score(row: dict, got: dict) -> dict[str, bool | None]:
    killed, wounded = _int(row.get("killed")), _int(row.get("wounded"))
    got_killed = got.get("killed_best")
    # A description with no toll that yields none got the count right (0 killed).
    got_killed = 0 if got_killed is None else got_killed
    got_wounded = got.get("wounded_best")
    got_wounded = 0 if got_wounded is None else got_wounded
    checks: dict[str, bool | None] = {
        "killed_exact": None if killed is None else got_killed == killed,
        "killed_within_10pct": None if killed is None else abs(got_killed - killed) <= max(0.1 * killed, 0),
        "wounded_exact": None if wounded is None else got_wounded == wounded,
    }
    coded_date = _date(row.get("event_date"))
    got_date = got.get("date")
    if coded_date is None:
        checks["date_exact"] = checks["date_within_1_day"] = None
    else:
        exact = got_date is not None and got.get("date_precision") == "day" and got_date == coded_date
        checks["date_exact"] = exact
        checks["date_within_1_day"] = got_date is not None and abs((got_date - coded_date).days) <= 1
    checks["country"] = None if not row.get("country") else _country(got.get("country")) == _country(row.get("country"))
    admin1 = coded_admin1(row)
    checks["admin1"] = None if not admin1 else same_region(admin1, row.get("country"), got.get("admin1"))
    lat, lon = _float(row.get("latitude")), _float(row.get("longitude"))
    if lat is None or lon is None:
        checks["place_within_25km"] = None
    else:
        checks["place_within_25km"] = (
            got.get("latitude") is not None and distance_km(lat, lon, got["latitude"], got["longitude"]) <= 25
        )
    accepted = CODED_TYPES.get(row.get("event_type") or "", (row.get("event_type"),))
    checks["event_type"] = None if not row.get("event_type") or not accepted else got.get("event_type") in accepted
    return checks


def _country(name: str | None) -> str | None:
    """Country names compared by ISO code: "Democratic Republic of Congo" is GeoNames' "DR Congo".

    UCDP writes a former name or alias in brackets ("Myanmar (Burma)", "DR Congo (Zaire)") and
    sometimes the state's formal style ("Kingdom of eSwatini (Swaziland)"): the name outside the
    brackets is the country, without its style; the one inside a fallback.
    """
    if not name:
        return None
    bracketed = re.fullmatch(r"\s*(?P<name>[^()]+?)\s*\((?P<alias>[^()]+)\)\s*", name)
    outside, alias = (bracketed["name"], [bracketed["alias"]]) if bracketed else (name, [])
    styled = re.sub(
        r"^(?:the\s+)?(?:(?:Kingdom|Republic|State|Sultanate|Emirate|Principality|Federation|Commonwealth)\s+of\s+(?:the\s+)?)",
        "",
        outside,
        flags=re.I,
    )
    candidates = list(dict.fromkeys([outside, styled, *alias]))
    for candidate in candidates:
        code = COUNTRY_ALIASES.get(candidate) or default_gazetteer().country_code(candidate)
        if code:
            return code
    return candidates[0].casefold()


def region_key(name: str | None) -> str | None:
    """A first-level region's name compared loosely: kind words dropped ("Chin state" is "Chin"),
    transliterations folded ("Ar Raqqah" is "Raqqa", "Hilmand" is "Helmand")."""
    if not name:
        return None
    key = _REGION_KIND_WORDS.sub(" ", normalise(name))
    key = re.sub(r"\b(?:and|va|wa|of|the)\b", " ", key)
    key = loose(normalise(key))
    # The consonants alone: vowels, y and h are where romanisations of one name differ.
    return re.sub(r"(.)\1", r"\1", re.sub(r"[aeiouyh]", "", key)) or key or None


def same_region(coded: str, country: str | None, got: str | None) -> bool:
    """Whether the report's admin1 is the coded first-level region.

    The coded name is looked up among the coded country's regions: UCDP's "Arbil province" is
    GeoNames' "Erbil". Where the coder's first level is GeoNames' second (the Philippines'
    provinces lie inside GeoNames' regions), the report's admin1 must be the region that holds it.
    """
    if not got:
        return False
    if region_key(coded) == region_key(got):
        return True
    code = _country(country) if country else None
    plain = _REGION_KIND_WORDS.sub(" ", coded).strip()
    found = default_gazetteer().geocode(
        plain, country_codes=code if code and len(code) == 2 else None, features=("admin1", "admin2")
    )
    if found is None:
        return False
    holder = found.raw["name"] if found.raw["feature"] == "admin1" else found.raw["admin1"]
    return region_key(holder) == region_key(got)


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


def evaluate_file(path: Path, report_dir: Path | None = None) -> Result:
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        if "text" not in (reader.fieldnames or []):
            raise ValueError(
                f"{path} has no 'text' column (its header starts: {', '.join((reader.fieldnames or [])[:4]) or 'nothing'}): "
                "evaluate reads coded descriptions in the layout of ../shared/eval/README.md; "
                "an ACLED or UCDP GED export goes into the store with `python -m loaders ingest`"
            )
        rows = list(reader)
    result = evaluate_rows(rows)
    if report_dir is not None:
        report_dir.mkdir(parents=True, exist_ok=True)
        out = report_dir / f"{Path(path).stem}-misses.csv"
        with open(out, "w", newline="", encoding="utf-8") as f:
            if result.misses:
                writer = csv.DictWriter(f, fieldnames=list(result.misses[0]))
                writer.writeheader()
                writer.writerows(result.misses)
    return result
