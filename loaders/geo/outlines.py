"""Country outlines shipped with the app, and the one-off script that builds them.

Provenance: Natural Earth 1:110m admin-0 countries (public domain, naturalearthdata.com), as
bundled in the PyPI package `pyogrio==0.13.0` at
`pyogrio/tests/fixtures/naturalearth_lowres/naturalearth_lowres.shp`. pyogrio and pyshp are
build-time tools only: install them into a throwaway venv and run

    /tmp/venv/bin/python -m loaders.geo.outlines [path/to/naturalearth_lowres.shp]

which writes `loaders/geo/resources/countries_110m.geojson` (committed). The app itself only reads
that GeoJSON with the standard library, so neither package is a runtime dependency.
"""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path

RESOURCE = Path(__file__).resolve().parent / "resources" / "countries_110m.geojson"
# 2 decimals is ~1 km at the equator: finer than a 1:110m outline is accurate, and it keeps the file small.
DECIMALS = 2


def _round_ring(ring: list) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in ring:
        point = [round(x, DECIMALS), round(y, DECIMALS)]
        if not out or out[-1] != point:  # rounding collapses neighbours; drop the repeats
            out.append(point)
    return out


def _round_geometry(geometry: dict) -> dict:
    if geometry["type"] == "Polygon":
        polygons = [geometry["coordinates"]]
    else:
        polygons = geometry["coordinates"]
    rounded = [[_round_ring(r) for r in polygon] for polygon in polygons]
    rounded = [[r for r in polygon if len(r) >= 4] for polygon in rounded]
    rounded = [p for p in rounded if p]
    return {"type": "MultiPolygon", "coordinates": rounded}


def build(shapefile: Path | None = None, out: Path = RESOURCE) -> Path:
    """Convert the Natural Earth shapefile to a compact GeoJSON (name + iso_a3 only)."""
    import shapefile as pyshp  # pyshp: build time only

    if shapefile is None:
        import pyogrio  # build time only: the package that ships the fixture

        shapefile = Path(pyogrio.__file__).parent / "tests/fixtures/naturalearth_lowres/naturalearth_lowres.shp"
    features = []
    with pyshp.Reader(str(shapefile), encoding="ISO-8859-1") as reader:
        for shape_record in reader.iterShapeRecords():
            record = shape_record.record.as_dict()
            geometry = _round_geometry(shape_record.shape.__geo_interface__)
            if not geometry["coordinates"]:
                continue
            features.append(
                {
                    "type": "Feature",
                    "properties": {"name": record["name"], "iso_a3": record["iso_a3"]},
                    "geometry": geometry,
                }
            )
    collection = {
        "type": "FeatureCollection",
        "source": "Natural Earth 1:110m admin-0 countries (public domain), via pyogrio 0.13.0 test fixtures",
        "features": features,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(collection, separators=(",", ":")), encoding="utf-8")
    return out


@cache
def country_outlines() -> dict:
    """The shipped GeoJSON FeatureCollection (read once per process)."""
    return json.loads(RESOURCE.read_text(encoding="utf-8"))


if __name__ == "__main__":
    path = build(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
    print(f"wrote {path} ({path.stat().st_size:,} bytes)")
