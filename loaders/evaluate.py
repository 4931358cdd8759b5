"""Measure extraction against incident descriptions coded by people outside the project.

Each row's `text` goes through the same extraction as an ingested story, with no dateline:
the coded answers are never used as input (not even the date, as an anchor). The story's
first incident is paired with the coded one; rows with no incident or several are counted.
Fields: killed exact / within 10 %, wounded exact (where coded), date exact / within a day,
country, place within 25 km, event type.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from loaders.extract.places import COUNTRY_ALIASES
from loaders.extract.reports import extract_story
from loaders.extract.stories import Story, article_id
from loaders.geo.gazetteer import default_gazetteer
from loaders.store.merge import distance_km

FIELDS = (
    "killed_exact",
    "killed_within_10pct",
    "wounded_exact",
    "date_exact",
    "date_within_1_day",
    "country",
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


@dataclass
class Result:
    rows: int = 0
    hits: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    totals: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    no_incident: int = 0
    several: int = 0
    misses: list[dict] = field(default_factory=list)

    def rate(self, name: str) -> float:
        return self.hits[name] / self.totals[name] if self.totals[name] else 0.0

    def render(self) -> str:
        lines = [f"rows: {self.rows}"]
        for name in FIELDS:
            lines.append(f"{name:22s} {self.rate(name) * 100:5.1f} %  ({self.hits[name]}/{self.totals[name]})")
        lines.append(f"no incident found: {self.no_incident}")
        lines.append(f"several incidents found: {self.several}")
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


def evaluate_rows(rows: list[dict]) -> Result:
    gazetteer = default_gazetteer()
    result = Result()
    for row in rows:
        result.rows += 1
        text = row["text"].strip()
        story = Story(article_id(text), None, None, None, None, None, row.get("id", ""), (text,))
        reports = extract_story(story, gazetteer).reports
        if not reports:
            result.no_incident += 1
        elif len(reports) > 1:
            result.several += 1
        got = reports[0] if reports else {}
        checks = _score(row, got)
        for name, ok in checks.items():
            if ok is None:
                continue
            result.totals[name] += 1
            result.hits[name] += int(ok)
        missed = [name for name, ok in checks.items() if ok is False]
        if missed:
            result.misses.append(
                {
                    "id": row.get("id"),
                    "missed": ";".join(missed),
                    "text": text,
                    "coded_killed": row.get("killed"),
                    "got_killed": got.get("killed_best"),
                    "coded_wounded": row.get("wounded"),
                    "got_wounded": got.get("wounded_best"),
                    "coded_date": row.get("event_date"),
                    "got_date": got.get("date"),
                    "coded_country": row.get("country"),
                    "got_country": got.get("country"),
                    "coded_location": row.get("location"),
                    "got_location": got.get("location"),
                    "coded_event_type": row.get("event_type"),
                    "got_event_type": got.get("event_type"),
                }
            )
    return result


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
    """Country names compared by ISO code: "Democratic Republic of Congo" is GeoNames' "DR Congo"."""
    if not name:
        return None
    return COUNTRY_ALIASES.get(name) or default_gazetteer().country_code(name) or name.casefold()


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


def evaluate_file(path: Path, report_dir: Path | None = None) -> Result:
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
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
