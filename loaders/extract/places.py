"""Places named in a story, resolved with the story's context to coordinates.

A place counts when the text introduces it as one ("in Baghdad", "near Mosul", "in Kharwar
district, Logar", "30 km north of Kabul", the dateline). Context decides between same-named
places: the dateline's country and countries named in the story come first, and a place found
only far from that context is rejected rather than guessed. A place the gazetteer lacks
("Tayaran Square" in "the capital's Tayaran Square") falls back to the enclosing place with a
coarser geo_precision. Vaguer phrasing ("near", "km from") also coarsens the precision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.geo.gazetteer import Gazetteer, loose, normalise
from loaders.store.schema import GEO_COUNTRY, GEO_SITE

# Arabic articles join a name ("Deir ez-Zor", "Ras al-Ain", "Dar es Salaam").
_NAME_WORD = r"(?:(?!Local\s+[Gg]overnment\b)[A-Z][\w'’\-]*|(?:al|el)[- ][A-Z][\w'’\-]*|(?:ez|es|ed|ad|ar|as|an|at|az|ash|ul)-[A-Z][\w'’\-]*)"
_JOIN = r"(?:\s+(?:al|el|ad|ash|as|az|ez|ed|ul|bin|ibn|de|du|da|do|dos|del|des|di|la|le|los|las|of|and)\s+|\s+|-)"
_NAME = rf"{_NAME_WORD}(?:{_JOIN}{_NAME_WORD}){{0,3}}"
_KIND = r"districts?|provinces?|governorates?|regions?|states?|county|city|township|tehsil|subdivision|town|village|hamlet|area|neighbou?rhood|square|market|camp|municipality|prefecture|department|locality|commune|sub-?district|valley|road|highway|streets?|avenue|boulevard|colony|subdivision|(?i:local\s+government\s+areas?)"
_DIRECTION = r"(?:central|northern|southern|eastern|western|north-?eastern|north-?western|south-?eastern|south-?western|north|south|east|west|downtown|rural|restive)"
_LEAD = (
    r"in|near|at|outside(?:\s+of)?|around|from|into|across|inside|to|towards?|targeting|over|on\s+the\s+outskirts\s+of|north\s+of"
    r"|south\s+of|east\s+of|west\s+of|(?:north|south|east|west)-?(?:east|west)?\s+of|close\s+to|village\s+of|town\s+of|city\s+of"
    r"|district\s+of|province\s+of|region\s+of|state\s+of|governorate\s+of|county\s+of|area\s+of|municipality\s+of|community\s+of"
    # "air strikes on Ariha", "an attack on Baidoa": what was struck.
    r"|(?:air\s*)?strikes?\s+on|airstrikes?\s+on|attacks?\s+on|raids?\s+on|shelling\s+(?:on|of)|bombardment\s+of|assault\s+on"
)
_PLACE = re.compile(
    rf"(?P<distance>\b\d+\s*(?:kms?|kilomet(?:er|re)s?|miles?)\s+(?:\(\d+\s*\w+\)\s+)?(?:(?:north|south|east|west)(?:-?(?:east|west))?\s+)?(?:of|from)\s+)?"
    rf"\b(?P<lead>{_LEAD})\s+(?:the\s+)?(?:(?:centre|center|heart|edge|outskirts|suburbs?|vicinity|limits|countryside|(?:{_DIRECTION})\s+(?:part|side|outskirts|countryside|suburbs?|desert))\s+of\s+(?:the\s+)?)?"
    rf"(?:(?P<capital>capital)(?:'s|’s)\s+)?(?:(?:provincial\s+|regional\s+|state\s+)?capital(?:\s+city)?,?\s+)?(?:{_DIRECTION}\s+)?(?:(?:{_KIND})\s+of\s+)?"
    rf"(?P<name>{_NAME})(?:'s|’s)?(?:\s+(?P<kind>{_KIND})\b(?:\s*\([A-Z]{{2,6}}\))?)?"
    # "the Shayma neighbourhood of Mosul": the enclosing place follows.
    rf"(?:\s+of\s+(?P<parent>{_NAME})(?:\s+(?:{_KIND})\b)?|\s+(?!(?:{_LEAD}|of)\b)\w+)?"
    # The region after a comma, or the admin hierarchy in brackets: "Binga (Lisala, Mongala)".
    rf"(?:,\s*(?P<qualifier>{_NAME})(?:\s+(?:{_KIND}))?(?:\s+of\s+(?P<qparent>{_NAME})(?:\s+(?:{_KIND}))?)?|\s*\((?P<hierarchy>[^()]{{3,90}})\))?"
)
NOT_PLACES = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "islamic state", "is", "isis", "isil", "the", "he", "she", "they", "it", "this", "that", "a", "an",
    "un", "afp", "ap", "reuters", "god", "allah", "covid", "christmas", "ramadan", "eid", "no",
}  # fmt: skip
_ORGANISATION = re.compile(
    r"\s+(?:party|parties|group|movement|brigades?|division|battalion|regiment|army|forces|militias?|front|council|"
    r"committee|union|association|company|corporation|bank|university|school|hospital|ministry|government)\b",
    re.I,
)
# What a person owns: "found in Duarte's car", "outside Ali's house".
_BELONGINGS = re.compile(
    r"(?:'s|’s)\s+(?:own\s+)?(?:car|truck|vehicle|van|house|home|shop|office|body|phone|family|wife|husband|son|daughter|brother|sister"
    r"|father|mother|farm|bag|motorcycle|residence|compound)\b",
    re.I,
)
# Capitalised words of institutions that happen to name some region ("Police" in Poland).
_INSTITUTIONS = {
    "police", "army", "military", "government", "forces", "security", "president", "minister", "ministry",
    "court", "prison", "national", "federal", "union", "council", "party", "customs", "navy", "guard",
}  # fmt: skip
_REGION_KINDS = ("province", "governorate", "region", "state", "provinces", "governorates", "regions", "states")
_SITE_KINDS = ("square", "market", "neighbourhood", "neighborhood", "road", "camp")
# A street or a neighbourhood bears a name, often a person's or another town's: it is where the
# story says (its qualifier), never a town of that name found elsewhere.
_NOT_A_TOWN_KINDS = ("neighbourhood", "neighborhood", "street", "streets", "avenue", "boulevard", "road", "highway", "colony")
_VAGUE_LEADS = ("near", "outside", "around", "close", "on the outskirts", "north", "south", "east", "west")


def same_name(a: str, b: str) -> bool:
    """Two spellings of one name: transliterations folded, a hyphenated compound as one word."""
    return loose(normalise(a)) == loose(normalise(b)) or loose(normalise(a.replace("-", ""))) == loose(
        normalise(b.replace("-", ""))
    )


@dataclass(frozen=True)
class Place:
    written: str
    latitude: float
    longitude: float
    country_code: str
    country: str
    admin1: str | None
    geo_precision: int
    start: int = 0
    ambiguous: bool = False  # other places bear the name and nothing in the text chose between them


@dataclass(frozen=True)
class _Candidate:
    name: str
    qualifier: str | None
    kind: str | None
    vague: bool
    start: int


# A name followed by what kind of place it is needs no preposition: "Khost city, Khost",
# "clashes in the south of Dand district", "Dharkenley district".
_NAMED_KIND = re.compile(
    rf"\b(?P<name>{_NAME})\s+(?P<kind>district|province|governorate|region|state|county|city|town|village|municipality"
    rf"|prefecture|department|commune|sub-?district|subdivision|township|L\.?G\.?A\b|locality|(?i:local\s+government\s+area))\b"
    rf"(?:\s+(?:centre|center|headquarters))?(?:\s*\((?P<hierarchy>[^()]{{3,90}})\)|,\s*(?P<qualifier>{_NAME})(?:\s+(?:{_KIND}))?)?"
)
_DISTRICT_KINDS = (
    "local government area",
    "local government areas",
    "districts",
    "tehsil",
    "district",
    "county",
    "municipality",
    "commune",
    "subdistrict",
    "sub-district",
    "subdivision",
    "township",
    "lga",
    "l.g.a",
    "department",
    "locality",
    "prefecture",
)


def _qualifier_of(hierarchy: str | None, qualifier: str | None) -> str | None:
    """ACLED's bracketed admin hierarchy "Binga (Lisala, Mongala)" kept whole, narrowest first."""
    if not hierarchy:
        return qualifier
    parts = [re.sub(rf"\s+(?:{_KIND}|LGA)$", "", p.strip(), flags=re.I) for p in hierarchy.split(",")]
    # A part that is only a kind or its abbreviation ("(LGA)") names nothing.
    parts = [p for p in parts if re.fullmatch(_NAME, p) and not re.fullmatch(rf"(?:{_KIND}|LGA|L\.G\.A\.?)", p, flags=re.I)]
    return ", ".join(parts) if parts else qualifier


# An administrative level written with a capital as part of the name: "Sin Tet Village", "Rakhine State".
_CAPITAL_KIND = re.compile(
    r"^(?P<name>.+?)\s+(?P<kind>Village|Hamlet|Township|District|Province|State|Governorate|Region|County|Tehsil)$"
)
# A site named after its town: "near Benghazi University", "at Kandahar Airport" happened in that town.
_SITE_OF_TOWN = re.compile(
    r"^(?P<name>.+?)\s+(?:University|Hospital|(?:International\s+)?Airport|Stadium|Mosque|Cathedral|Prison|Port|Harbou?r"
    r"|Bridge|(?:Air\s+)?Base|Airbase|Market|Bazaar|Checkpoint|Refinery|Dam)$"
)
# Further levels after the first comma, each named with its kind: ", Sittwe District, Rakhine State",
# or bare: ", Carmen, Bohol" (a number after a level's name, "Zone 3", is part of it).
_MORE_LEVELS = re.compile(rf"(?:\s+\d+)?,\s*(?P<level>{_NAME})(?:\s+(?i:{_KIND}))?\b(?!\s+(?i:said|says|told|reported))")


def _levels_after(sentence: str, position: int) -> list[str]:
    levels = []
    while m := _MORE_LEVELS.match(sentence, position):
        levels.append(re.sub(rf"\s+(?:{_KIND})$", "", m["level"], flags=re.I))
        position = m.end()
    return levels


def find_place_names(sentence: str) -> list[_Candidate]:
    out: list[_Candidate] = []
    spans: list[tuple[int, int]] = []
    for m in _PLACE.finditer(sentence):
        name = re.sub(r"(?:'s|’s)$", "", m["name"])
        # "Mandalay Region's Madaya Township", "Iraq's Anbar Province": the owner encloses it.
        owner, _, owned = name.rpartition("'s ") if "'s " in name else name.rpartition("’s ")
        if owner and owned:
            name = owned
        if name.casefold() in NOT_PLACES or re.fullmatch(_KIND, name.casefold()):
            continue  # a kind alone ("at Camp 7", "the Village") names no place
        site_of_town = _SITE_OF_TOWN.match(name)
        if site_of_town and site_of_town["name"].casefold() not in NOT_PLACES:
            name = site_of_town["name"]
        written_kind = _CAPITAL_KIND.match(name)
        if written_kind and written_kind["name"].casefold() not in NOT_PLACES and not m["kind"]:
            name = written_kind["name"]
        if _ORGANISATION.match(sentence, m.end("name")):
            continue  # "in Ennahda party", "in Tawhid Brigade": a body, not a place
        if _BELONGINGS.match(sentence, m.start("name") + len(re.sub(r"(?:'s|’s)$", "", m["name"]))):
            continue  # "in Duarte's car": a person's, not a place
        lead = m["lead"].lower()
        if lead in ("targeting", "over") and re.match(r"\s*[a-z]", sentence[m.end("name") :]):
            continue  # "targeting Somali forces", "over Kurdish fighters": people, not a place
        vague = bool(m["distance"]) or lead.startswith(_VAGUE_LEADS)
        qualifier = _qualifier_of(m["hierarchy"], m["qualifier"])
        if m["qualifier"]:
            # "in Sin Tet Village, Minbya Township, Sittwe District, Rakhine State": the whole chain,
            # narrowest first, as the geocoder reads qualifiers.
            first = re.sub(rf"\s+(?:{_KIND})$", "", m["qualifier"], flags=re.I)
            qualifier = ", ".join([first, *_levels_after(sentence, m.end())])
        if m["qparent"] and m["qparent"].casefold() not in NOT_PLACES:
            qualifier = f"{qualifier}, {m['qparent']}"  # "Kuta, Shiroro Local Government Area of Niger State"
        if m["parent"] and m["parent"].casefold() not in NOT_PLACES:
            qualifier = f"{m['parent']}, {qualifier}" if qualifier else m["parent"]
        if m["capital"] and not qualifier:
            qualifier = "the capital"
        if owner and owned and owner.casefold() not in NOT_PLACES:
            qualifier = f"{qualifier}, {owner}" if qualifier else owner
        kind = m["kind"] or (written_kind["kind"] if written_kind and name == written_kind["name"] else None)
        lead_kind = re.match(r"(region|state|governorate|county|district|province|municipality)\s+of$", lead)
        kind = kind or (lead_kind[1] if lead_kind else None)
        out.append(_Candidate(name, qualifier, (kind or "").lower() or None, vague, m.start("name")))
        spans.append((m.start("name"), m.end("name")))
    for m in _NAMED_KIND.finditer(sentence):
        name = m["name"]
        if name.casefold() in NOT_PLACES or any(s <= m.start("name") < e for s, e in spans):
            continue
        kind = m["kind"].lower().replace(".", "")
        out.append(_Candidate(name, _qualifier_of(m["hierarchy"], m["qualifier"]), kind, False, m.start("name")))
    return sorted(out, key=lambda c: c.start)


class PlaceResolver:
    """Resolves candidate names against the gazetteer within one story's context."""

    def __init__(self, gazetteer: Gazetteer, context_codes: list[str], capital: str | None = None, placed: bool = False):
        """`placed`: the story names a country as a place (by its name, not a demonym): then a town
        abroad must be a large city, not merely the only town of its name."""
        self.gazetteer = gazetteer
        self.context = [c for c in dict.fromkeys(context_codes) if c]
        self.capital = capital
        self.placed = placed

    def resolve(self, candidate: _Candidate) -> Place | None:
        g = self.gazetteer
        qualifier = self.capital if candidate.qualifier == "the capital" else candidate.qualifier
        site = candidate.kind in _SITE_KINDS
        shift = 1 if candidate.vague else 0
        codes = self.context or None
        # A named region outranks the countries a story mentions: "(Ansongo, Gao)" is in Mali even
        # when "Burkinabe forces" did it.
        # A bracketed hierarchy "(Ansongo, Gao)" names the regions itself: it is read worldwide.
        qualifier_codes = None if qualifier and "," in qualifier else codes
        # "Yangi Qala district" is the district before a town of that name; "Seno province" the region.
        features = (
            ("admin2", "admin1")
            if candidate.kind in _DISTRICT_KINDS
            else ("admin1", "admin2")
            if candidate.kind in _REGION_KINDS
            else None
        )
        if candidate.kind in _NOT_A_TOWN_KINDS and not qualifier:
            return None
        query = f"{candidate.name}, {qualifier}" if qualifier else candidate.name
        location = None
        if features:
            scope = qualifier_codes if qualifier else codes
            if qualifier and scope:
                # The qualifier's own country among the story's: "Wamba LGA of Nasarawa State" is Nigerian
                # though a Congolese town and territory bear the name too.
                scope = [c for c in scope if g.geocode(qualifier, country_codes=c) is not None] or scope
            # The story's first country before the others it mentions.
            location = (scope and g.geocode(query, country_codes=scope[0], features=features)) or g.geocode(
                query, country_codes=scope, features=features
            )
            if location is not None and not same_name(location.raw["name"], candidate.name):
                location = None  # the qualifier's stand-in: decided below, like any qualified name
        if location is None and qualifier:
            location = g.geocode(query, country_codes=qualifier_codes)
            if (
                codes
                and qualifier_codes is not None
                and g.geocode(qualifier, country_codes=codes) is None
                and g.geocode(qualifier, features=("admin1", "admin2")) is not None
            ):
                # A region the qualifier names outside the story's countries, holding a place of the
                # name, is where it is: "in Carmen, Bohol" is in the Philippines.
                abroad = g.geocode(query)
                if abroad is not None and same_name(abroad.raw["name"], candidate.name):
                    location = abroad
            if (
                location is not None
                and codes
                and qualifier_codes is None
                and location.raw["country_code"] not in codes
                and (same_name(location.raw["name"], candidate.name) or g.geocode(qualifier) is None)
                and not self._names_a_region_of(qualifier, location.raw["country_code"])
            ):
                # Read worldwide, the hierarchy enclosed nothing: the story's countries decide. When it
                # names a region of the town's own country ("Saylac town (Zeylac, Awdal)"), it did enclose
                # it, whatever other country the story mentions ("against Israel's recognition").
                location = g.geocode(query, country_codes=codes)
            if (
                location is not None
                and not same_name(location.raw["name"], candidate.name)
                and candidate.kind is None
                and g.country_code(qualifier.strip()) is not None
            ):
                # "in Morelos, Mexico": the state of that very name, not a city known by it as well.
                region = self._region_of_the_name(candidate.name, location)
                if region is not location:
                    return self._place(candidate.name, region, candidate.start, shift, chosen=False)
            if location is not None and not same_name(location.raw["name"], candidate.name):
                # The qualifier's place stands in for a site or village the gazetteer lacks.
                return self._place(f"{candidate.name}, {qualifier}", location, candidate.start, shift)
            if location is not None:
                # A region named with it chose the place; a country alone ("Carmen, Philippines") did not.
                chosen = g.country_code(qualifier.split(",")[-1].strip()) is None
                if not chosen and location.raw["feature"] == "city" and candidate.kind is None:
                    location = self._region_of_the_name(candidate.name, location)
                return self._place(candidate.name, location, candidate.start, shift, site=site, chosen=chosen)
        if location is None and candidate.kind in _REGION_KINDS:
            # Called a region, it is one: a region of that name abroad beats a town of that name
            # in the story's country ("near a well in Gedo and Hiraan regions", said by Ethiopians).
            location = g.geocode(candidate.name, features=features)
        if location is None and codes:
            location = g.geocode(candidate.name, country_codes=codes)
            if location is not None and location.raw["feature"] == "city" and location.raw["population"] < 5_000:
                # A hamlet in a country the story merely mentions ("the US dollar") loses to a city
                # of 100,000 or more of that very name: "clashes in Tripoli" is not Tripoli, Iowa.
                big = g.geocode(candidate.name, features=("city",), loose_match=False)
                if big is not None and big.raw["population"] >= 100_000 and big.raw["country_code"] not in codes:
                    location = big
        if location is None and features and (not codes or candidate.kind in _REGION_KINDS):
            # A region named as one ("in Bari and Nugaal regions") is believable anywhere; a district
            # of a name abroad, in a story set elsewhere, is a guess.
            location = g.geocode(candidate.name, features=features)
        if location is None:
            found = g.geocode(candidate.name, exactly_one=False) or []
            # Outside the story's countries (or with none known) only a country, a region, a large
            # town or a name no other place bears is believable; a village of a common name abroad
            # is a guess.
            # A name no other place bears is believable even abroad ("Jarabulus" in a story of Turkish guards).
            # Abroad (the story names other countries) it must also be a town of some size, and no
            # more than a guess when the story names its countries as places ("in Nigeria").
            unique = (
                bool(found) and _only_place(found) and (not codes or found[0].raw["population"] >= 10_000 and not self.placed)
            )
            own_name = bool(found) and same_name(found[0].raw["name"], candidate.name)
            big = bool(found) and found[0].raw["population"] >= 100_000 and (own_name or not self.placed)
            if found and (found[0].raw["feature"] != "city" or big or unique):
                # (A large city abroad known by this as another name is no more than a guess when
                # the story names its countries as places: "at Dube border" in a story set in Nigeria.)
                location = found[0]
            elif found:
                # A hamlet's own name loses to a large city known by that name too ("Habana").
                location = next(
                    (
                        f
                        for f in found
                        if f.raw["feature"] == "city"
                        and f.raw["population"] >= 100_000
                        and (not self.placed or same_name(f.raw["name"], candidate.name))
                    ),
                    None,
                )
        if location is None:
            if " and " in candidate.name:
                # "in Tripoli and Benghazi", "in Bari and Nugaal regions": the first of the pair.
                first = candidate.name.split(" and ")[0]
                return self.resolve(_Candidate(first, candidate.qualifier, candidate.kind, candidate.vague, candidate.start))
            return None
        if location.raw["feature"] == "city" and candidate.kind is None:
            location = self._region_of_the_name(candidate.name, location)
        return self._place(candidate.name, location, candidate.start, shift, site=site, chosen=False)

    def _names_a_region_of(self, qualifier: str, code: str) -> bool:
        """A part of the qualifier is, by that very name, a region of the country `code`."""
        for part in (p.strip() for p in qualifier.split(",")):
            region = self.gazetteer.geocode(part, country_codes=code, features=("admin1", "admin2"), loose_match=False)
            if part and region is not None and same_name(region.raw["name"], part):
                return True
        return False

    def _region_of_the_name(self, name: str, town):
        """A region of the country named exactly so, when the town bearing the name lies outside it.

        "clashes in Guerrero" are in the Mexican state, not in a village of that name in Coahuila;
        "in Kandahar" stays the city, which lies in its province.
        """
        region = self.gazetteer.geocode(
            name, country_codes=town.raw["country_code"], features=("admin1", "admin2"), loose_match=False
        )
        if region is None or not same_name(region.raw["name"], name):
            return town
        # Outside it means in another first-level region: a district's seat town may lack its district.
        if not town.raw["admin1"] or same_name(town.raw["admin1"], region.raw["admin1"] or region.raw["name"]):
            return town
        return region

    def _place(self, written: str, location, start: int, shift: int, site: bool = False, chosen: bool = True) -> Place:
        """`chosen`: a qualifier ("Town, Province") picked the place; otherwise the name alone did."""
        raw = location.raw
        precision = GEO_SITE if site and raw["feature"] == "city" and raw["name"] == written else raw["geo_precision"]
        precision = min(GEO_COUNTRY, precision + shift) if precision < GEO_COUNTRY else GEO_COUNTRY
        lat, lon = location.point[0], location.point[1]
        ambiguous = not chosen and raw["feature"] == "city" and self._several(written, raw)
        return Place(written, lat, lon, raw["country_code"], raw["country"], raw["admin1"], precision, start, ambiguous)

    def _several(self, name: str, raw: dict) -> bool:
        """Other towns of this name in the chosen one's country, or abroad when the story names no country."""
        codes = [raw["country_code"]] if self.context else None
        same = self.gazetteer.geocode(name, exactly_one=False, country_codes=codes, features=("city",), loose_match=False) or []
        return len({(o.raw["country_code"], o.raw["admin1"]) for o in same}) > 1

    def places_in(self, sentence: str) -> list[Place]:
        found = []
        for candidate in find_place_names(sentence):
            place = self.resolve(candidate)
            if place is not None:
                found.append(place)
        return found

    def place_named(self, name: str) -> Place | None:
        return self.resolve(_Candidate(name, None, None, False, 0))

    def country_place(self, code: str) -> Place | None:
        name = self.gazetteer.country_name(code)
        location = self.gazetteer.geocode(name, features=("country",), loose_match=False) if name else None
        return self._place(name, location, 0, 0) if location else None


def _only_place(found: list) -> bool:
    """One town bears the name (a district or region named for it, in its country, adds no doubt)."""
    first = found[0].raw
    return all(other.raw["country_code"] == first["country_code"] and other.raw["feature"] != "city" for other in found[1:])


# Demonyms that do not follow from the country's name by rule (Iraq -> Iraqi, Syria -> Syrian).
DEMONYMS = {
    "Afghan": "AF", "Somali": "SO", "Sudanese": "SD", "Congolese": "CD", "Lebanese": "LB", "Filipino": "PH",
    "Turkish": "TR", "Iranian": "IR", "Ukrainian": "UA", "Burkinabe": "BF", "Nigerien": "NE", "Malian": "ML",
    "Chadian": "TD", "Cameroonian": "CM", "Mozambican": "MZ", "Palestinian": "PS", "Egyptian": "EG",
    "Ethiopian": "ET", "Kenyan": "KE", "Libyan": "LY", "Yemeni": "YE", "Pakistani": "PK", "Indian": "IN",
    "Israeli": "IL", "Syrian": "SY", "Iraqi": "IQ", "Nigerian": "NG", "Russian": "RU", "Colombian": "CO",
    "Mexican": "MX", "Burmese": "MM", "Bangladeshi": "BD", "Saudi": "SA", "Kurdish": None, "American": "US",
    "British": "GB", "French": "FR", "Chinese": "CN", "Tunisian": "TN", "Algerian": "DZ", "Moroccan": "MA",
}  # fmt: skip
COUNTRY_ALIASES = {
    "US": "US", "U.S.": "US", "United States": "US", "UK": "GB", "Britain": "GB", "DR Congo": "CD", "DRC": "CD",
    "Democratic Republic of Congo": "CD", "Democratic Republic of the Congo": "CD", "Ivory Coast": "CI",
    "Burma": "MM", "Gaza": "PS", "West Bank and Gaza Strip": "PS", "Gaza Strip": "PS", "West Bank": "PS", "Syria": "SY", "Russia": "RU", "Palestine": "PS",
}  # fmt: skip


def countries_named(text: str, gazetteer: Gazetteer, demonyms: bool = True) -> list[str]:
    """ISO codes of the countries a text names (by name or demonym), most mentioned first.

    Without `demonyms`, only the countries named as places ("in Nigeria", not "Nigerian troops").
    """
    counts: dict[str, int] = {}
    for m in re.finditer(r"\b[A-Z][a-z]+(?:\s+(?:of\s+the\s+|of\s+)?[A-Z][a-z]+){0,3}|\bU\.?S\.?\b|\bUK\b|\bDRC\b", text):
        phrase = m.group(0)
        if re.match(r"\s+(?:State|Province|Region|Governorate|District|County|Department)\b", text[m.end() :]) or re.search(
            r"\s(?:State|Province|Region|Governorate|District|County|Department)$", phrase
        ):
            continue  # "Niger State" is a Nigerian state, not the country Niger
        words = phrase.split()
        for size in range(len(words), 0, -1):  # the longest country name inside the phrase
            for i in range(len(words) - size + 1):
                part = " ".join(words[i : i + size])
                code = COUNTRY_ALIASES.get(part) or (DEMONYMS.get(part) if demonyms else None) or gazetteer.country_code(part)
                if code:
                    counts[code] = counts.get(code, 0) + 1
                    break
            else:
                continue
            break
    if not counts and demonyms:
        # No country named: the regions named say where ("in Buea town (Fako, Sud-Ouest)"), the
        # longest part of a capitalised phrase that names one ("the Mexicali Municipal Police").
        for m in re.finditer(r"\b[A-Z][\w'’\-]+(?:(?:\s+(?:del|de|la|al|el|du|des|of))?\s+[A-Z][\w'’\-]+){0,2}", text):
            if _STREET_AFTER.match(text, m.end()) or _STREET_IN.search(m.group(0)):
                continue  # "Pino and Cedro streets", "Lopez Mateos Boulevard": a street's name, not a region's
            words = m.group(0).split()
            spans = [(i, n) for n in range(len(words), 0, -1) for i in range(len(words) - n + 1)]
            for i, n in spans:
                part = " ".join(words[i : i + n])
                if part.casefold() in NOT_PLACES | _COMMON_WORDS or part.split()[0].casefold() in _INSTITUTIONS:
                    continue
                if i > 1 and words[i - 1] in _NAME_PARTICLES and words[i - 2].casefold() not in _KIND_HEADS:
                    continue  # "Lomas del Tolima" is named for Tolima, not in it; "Estado de Guerrero" is Guerrero
                found = gazetteer.region_countries(part)
                if found and len(found) <= 3:  # a name of regions in a dozen countries tells nothing
                    for code in found:
                        counts[code] = counts.get(code, 0) + 1
                    break
    return sorted(counts, key=lambda c: -counts[c])


_NAME_PARTICLES = {"del", "de", "la", "el", "du", "des"}
# The head words of "Estado de Guerrero", "Provincia del Chaco": what follows their particle is the region.
_KIND_HEADS = {
    "estado", "municipio", "provincia", "departamento", "región", "region", "distrito", "ciudad", "département",
    "province", "région", "commune", "state",
}  # fmt: skip
_STREET_IN = re.compile(r"\b(?:Streets?|Avenues?|Boulevard|Road|Highway|Bridge|Neighbou?rhoods?|Colon(?:y|ia)|Subdivision)\b")
_STREET_AFTER = re.compile(r"\s+(?:streets?|avenues?|boulevard|road|neighbou?rhoods?|colon(?:y|ia)|subdivision|bridge)\b", re.I)
# Capitalised words of ordinary English (a sentence's first word, a title's) that name regions somewhere.
_COMMON_WORDS = {
    "central", "north", "south", "east", "west", "northern", "southern", "eastern", "western", "upper", "lower", "middle",
    "will", "may", "capital", "coast", "lake", "river", "mountain", "new", "old", "great", "grand", "saint", "san", "santa",
    "sources", "source", "video", "photo", "update", "breaking", "read", "also", "more", "about", "after", "before", "during",
    "while", "since", "when", "where", "there", "here", "this", "that", "these", "those", "what", "who", "one", "two",
}  # fmt: skip
