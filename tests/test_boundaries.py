"""The map's boundaries file (built at setup from a pinned wheel) and the label points it holds."""

from __future__ import annotations

import numpy as np
import pytest

from loaders.geo.boundaries import BoundariesMissing, boundaries, contains, country_codes, label_point

try:
    DATA = boundaries()
except BoundariesMissing:  # make setup builds it; a bare checkout without it still runs the rest
    DATA = None
needs_file = pytest.mark.skipif(DATA is None, reason="boundaries not built: make setup")


def test_a_label_point_sits_inside_its_shape_away_from_the_edges():
    # An L-shaped country: its centroid would fall in the notch, outside it.
    ell = {"type": "Polygon", "coordinates": [[[0, 0], [10, 0], [10, 2], [2, 2], [2, 10], [0, 10], [0, 0]]]}
    x, y = label_point(ell)
    assert contains(np.array([x]), np.array([y]), {"coordinates": [ell["coordinates"]]})[0]


@needs_file
def test_iraq_and_its_governorates_with_names_and_label_points():
    iraq = next(f for f in DATA["countries"] if f["properties"]["iso_a3"] == "IRQ")
    x, y = iraq["properties"]["label"]
    assert contains(np.array([x]), np.array([y]), iraq["geometry"])[0]
    regions = {f["properties"]["name"] for f in DATA["admin1"] if f["properties"]["iso_a2"] == "IQ"}
    assert len(regions) == 18 and {"Baghdad", "Ninawa", "Al-Anbar"} <= regions


@needs_file
def test_gazetteer_country_names_find_their_boundaries_by_code():
    codes = {f["properties"]["iso_a2"] for f in DATA["countries"]}
    names = country_codes()
    for country in ("Iraq", "Syria", "Democratic Republic of the Congo", "Ivory Coast", "Myanmar", "Ukraine"):
        assert names[country] in codes, country
