"""Map builders: the pydeck deck for the page and a plotly figure of the same view for export.

Pure functions of the incidents frame. Country outlines come from the GeoJSON shipped in
loaders/geo/resources (loaders/geo/outlines.py), and the deck has no base map (`map_style=None`), so the map
needs no tile server. Above AGGREGATE_ABOVE incidents the points are binned here, on the
server, into grid cells drawn as hexagons: sending a million points to the browser would be
hundreds of megabytes, the cells stay under a few MB.
"""

from __future__ import annotations

import html
import json
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from loaders.geo.outlines import country_outlines, outline_paths
from loaders.store.schema import GEO_PRECISIONS
from views.charts import EVENT_COLOURS, UNKNOWN_COLOUR, colour_hex

AGGREGATE_ABOVE = 20_000
MAX_CELLS = 20_000  # cells sent when aggregating: a few MB of deck JSON at most
FIRST_CELL_DEG = 0.05  # ~5 km: finer than most geocoded places, so small views keep their detail
TOOLTIP = {
    # "text", not "html": places and actors come from article text and must never become markup.
    "text": "{date} · {place}\nLocated to: {precision}\n{event_type}\nKilled: {killed}\nWounded: {wounded}\nSources: {sources}"
}


class CompactDeck(pdk.Deck):
    """A Deck whose JSON has no indentation.

    Streamlit sends `deck.to_json()` to the browser, and pydeck indents it by two spaces per
    level: the country outlines alone grow from 0.2 MB to over 1 MB. Same JSON, fewer bytes.
    """

    def to_json(self) -> str:
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))


@dataclass(frozen=True)
class MapView:
    deck: pdk.Deck
    aggregated: bool
    points: int  # incidents with coordinates
    cell_deg: float | None = None  # cell size when aggregated


def located(incidents: pd.DataFrame) -> pd.DataFrame:
    return incidents[incidents["latitude"].notna() & incidents["longitude"].notna()]


def _range_text(low: pd.Series, high: pd.Series) -> pd.Series:
    low_s = low.astype("string")
    high_s = high.astype("string")
    text = low_s.where((high.isna() | (low == high)).fillna(True), low_s + "–" + high_s)
    text = text.where(~(high.isna() & low.notna()).fillna(False), "at least " + low_s)
    return text.fillna("not reported").astype(str)


def killed_best(incidents: pd.DataFrame) -> pd.Series:
    return incidents["killed_best"].fillna(incidents["killed_low"]).fillna(0).astype("float64")


def point_records(incidents: pd.DataFrame) -> pd.DataFrame:
    """One row per located incident, only the fields the deck draws or shows (bytes matter)."""
    frame = located(incidents)
    killed = killed_best(frame)
    colours = frame["event_type"].map(lambda t: list(EVENT_COLOURS.get(t, UNKNOWN_COLOUR)) + [190])
    return pd.DataFrame(
        {
            "lon": frame["longitude"].astype("float64").round(4),
            "lat": frame["latitude"].astype("float64").round(4),
            # Area, not radius, grows with the dead: radius ~ sqrt(killed).
            "radius": (3000 + 2500 * np.sqrt(killed)).round(0),
            "colour": colours,
            "date": frame["date"].dt.strftime("%Y-%m-%d").fillna("undated") + " (" + frame["date_precision"].fillna("?") + ")",
            "place": frame["location"].fillna("").astype(str) + ", " + frame["country"].fillna("").astype(str),
            "precision": frame["geo_precision"].map(GEO_PRECISIONS).fillna("unknown").astype(str),
            "event_type": frame["event_type"].fillna("unknown type").astype(str),
            "killed": _range_text(frame["killed_low"], frame["killed_high"]),
            "wounded": _range_text(frame["wounded_low"], frame["wounded_high"]),
            "sources": frame["source_count"].fillna(0).astype(int).astype(str)
            + " article(s), "
            + frame["outlets"].fillna("").astype(str),
        }
    )


def aggregate_cells(incidents: pd.DataFrame, max_cells: int = MAX_CELLS) -> tuple[pd.DataFrame, float]:
    """Bin located incidents into square cells, doubling the cell size until at most `max_cells`
    remain. Returns one row per cell (centre, incidents, killed) and the cell size in degrees."""
    frame = located(incidents)
    lon = frame["longitude"].to_numpy(dtype="float64")
    lat = frame["latitude"].to_numpy(dtype="float64")
    killed = killed_best(frame).to_numpy()
    size = FIRST_CELL_DEG
    while True:
        ix = np.floor(lon / size).astype("int64")
        iy = np.floor(lat / size).astype("int64")
        key = ix * 100_000 + iy
        if len(np.unique(key)) <= max_cells or size >= 10:
            break
        size *= 2
    cells = (
        pd.DataFrame({"ix": ix, "iy": iy, "killed": killed, "incidents": 1})
        .groupby(["ix", "iy"], as_index=False)[["killed", "incidents"]]
        .sum()
    )
    cells["lon"] = ((cells["ix"] + 0.5) * size).round(4)
    cells["lat"] = ((cells["iy"] + 0.5) * size).round(4)
    return cells[["lon", "lat", "incidents", "killed"]], size


def fit_view(lon: pd.Series, lat: pd.Series, width_px: int = 800, height_px: int = 480) -> pdk.ViewState:
    """Centre on the data and pick the zoom at which its padded bounding box fits the map.

    At web-mercator zoom z the world is 512 * 2**z px wide; latitude is stretched by 1/cos(lat).
    """
    if lon.empty:
        return pdk.ViewState(longitude=20, latitude=20, zoom=1)
    west, east, south, north = lon.min(), lon.max(), lat.min(), lat.max()
    middle = (south + north) / 2
    # Half again as wide as the data, and at least ~1° so a lone incident shows its surroundings.
    span_lon = max((east - west) * 1.5, 1.0)
    span_lat = max((north - south) * 1.5, 1.0) / max(math.cos(math.radians(middle)), 0.2)
    zoom = min(math.log2(width_px * 360 / (512 * span_lon)), math.log2(height_px * 360 / (512 * span_lat)))
    zoom = max(0.5, min(11.0, zoom))
    return pdk.ViewState(longitude=(west + east) / 2, latitude=middle, zoom=round(zoom, 2), pitch=0)


def outline_layer() -> pdk.Layer:
    return pdk.Layer(
        "GeoJsonLayer",
        id="country-outlines",
        data=country_outlines(),
        stroked=True,
        filled=True,
        get_fill_color=[240, 240, 235, 255],
        get_line_color=[150, 150, 150, 255],
        line_width_min_pixels=1,
        pickable=False,
    )


def build_deck(incidents: pd.DataFrame, aggregate_above: int = AGGREGATE_ABOVE) -> MapView:
    """The page's deck: outlines plus points (sized by killed, coloured by type) or hex cells."""
    frame = located(incidents)
    view = fit_view(frame["longitude"].astype("float64"), frame["latitude"].astype("float64"))
    if len(frame) <= aggregate_above:
        points = point_records(frame)
        layer = pdk.Layer(
            "ScatterplotLayer",
            id="incidents",
            data=points.to_dict("records"),
            get_position=["lon", "lat"],
            get_radius="radius",
            radius_min_pixels=4,
            radius_max_pixels=60,
            get_fill_color="colour",
            get_line_color=[40, 40, 40, 200],
            stroked=True,
            line_width_min_pixels=1,
            pickable=True,
        )
        deck = CompactDeck(layers=[outline_layer(), layer], initial_view_state=view, map_style=None, tooltip=TOOLTIP)
        return MapView(deck, aggregated=False, points=len(frame))
    cells, size = aggregate_cells(frame)
    layer = pdk.Layer(
        "HexagonLayer",
        id="incident-cells",
        data=cells.to_dict("records"),
        get_position=["lon", "lat"],
        # Each cell is one input point carrying its sums: weights make the hexagons add them up.
        get_color_weight="killed",
        color_aggregation="SUM",
        get_elevation_weight="incidents",
        elevation_aggregation="SUM",
        radius=int(size * 111_000 * 1.2),
        extruded=False,
        coverage=0.95,
        pickable=True,
    )
    deck = CompactDeck(
        layers=[outline_layer(), layer],
        initial_view_state=view,
        map_style=None,
        tooltip={"text": "Killed (best estimates, summed): {colorValue}\nIncidents: {elevationValue}"},
    )
    return MapView(deck, aggregated=True, points=len(frame), cell_deg=size)


def map_figure(incidents: pd.DataFrame, aggregate_above: int = AGGREGATE_ABOVE) -> go.Figure:
    """The map view as a plotly figure (lon/lat scatter over the country outlines) for PNG/SVG/PDF.

    A plain cartesian scatter rather than plotly's geo projection: geo fetches its base map from a
    CDN, which the server does not have.
    """
    frame = located(incidents)
    xs, ys = outline_paths()
    fig = go.Figure(
        go.Scatter(x=xs, y=ys, mode="lines", line=dict(color="#999999", width=0.7), hoverinfo="skip", showlegend=False)
    )
    if len(frame) > aggregate_above:
        cells, size = aggregate_cells(frame)
        fig.add_trace(
            go.Scatter(
                x=cells["lon"],
                y=cells["lat"],
                mode="markers",
                name=f"killed per {size:g}° cell",
                marker=dict(size=3 + 2 * np.sqrt(cells["killed"]).clip(upper=15), color="#d62728", opacity=0.6),
            )
        )
    else:
        killed = killed_best(frame)
        for event_type, rows in frame.groupby(frame["event_type"].fillna("unknown type"), sort=True):
            fig.add_trace(
                go.Scatter(
                    x=rows["longitude"],
                    y=rows["latitude"],
                    mode="markers",
                    name=html.escape(str(event_type), quote=False),  # plotly reads a little HTML in names
                    marker=dict(
                        size=8 + 3 * np.sqrt(killed[rows.index]).clip(upper=20),
                        color=colour_hex(str(event_type)),
                        opacity=0.75,
                        line=dict(color="#333333", width=0.8),
                    ),
                )
            )
    if frame.empty:
        west, east, south, north = -180.0, 180.0, -60.0, 80.0
    else:
        lon, lat = frame["longitude"].astype("float64"), frame["latitude"].astype("float64")
        pad = max(2.0, 0.15 * max(lon.max() - lon.min(), lat.max() - lat.min()))
        west, east, south, north = lon.min() - pad, lon.max() + pad, lat.min() - pad, lat.max() + pad
        # Slide shape: widen the narrower side so the 16:9 frame is filled, not letterboxed.
        width, height = east - west, north - south
        if width < height * 1.6:
            extra = (height * 1.6 - width) / 2
            west, east = west - extra, east + extra
    fig.update_xaxes(range=[west, east], showgrid=False, zeroline=False, title_text="longitude")
    fig.update_yaxes(range=[south, north], showgrid=False, zeroline=False, title_text="latitude", scaleanchor="x")
    fig.update_layout(template="plotly_white", legend_title_text="Event type", margin=dict(l=60, r=20, t=60, b=40))
    return fig
