"""Map builders: the pydeck deck for the page and a plotly figure of the same map for export.

Pure functions of the incidents frame. Both draw the same things, from offline data only:
countries (Natural Earth 1:10m near the incidents, 1:110m elsewhere) with their names, the
first-level regions of the countries that have incidents, the incidents as circles (area grows
with the dead, colour says the event type; lighter when known only to the week, month or year),
and the names of the deadliest places. Boundaries come from loaders/geo/boundaries.py (built
once at setup); without that file the map falls back to the shipped country outlines and says so.

No web tiles unless a deployment sets CONFLICT_BASEMAP: the deck says `mapProvider: null`, since
Streamlit fetches a Carto style whenever the deck names Carto or leaves the style out. Above
AGGREGATE_ABOVE incidents the points are binned here, on the server, into cells drawn as
hexagons: a million points would be hundreds of megabytes in the browser.
"""

from __future__ import annotations

import html
import json
import math
import os
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from loaders.geo.boundaries import BoundariesMissing, boundaries, contains, country_codes
from loaders.geo.outlines import country_outlines
from loaders.store.schema import GEO_PRECISIONS
from views.charts import EVENT_COLOURS, UNKNOWN_COLOUR, coarse_dates, coarse_note, colour_hex, range_text

AGGREGATE_ABOVE = 20_000
MAX_CELLS = 20_000  # cells sent when aggregating: a few MB of deck JSON at most
FIRST_CELL_DEG = 0.05  # ~5 km: finer than most geocoded places, so small views keep their detail
PAGE_PLACE_LABELS = 30  # the deck hides overlapping ones, the deadliest first
EXPORT_PLACE_LABELS = 12
MIN_LABELLED_DEG2 = 0.3
DETAIL_MAX_DEG = 25.0  # views wider than this draw 1:110m outlines
MAX_REGION_COUNTRIES = 4  # bounding box of a country worth naming: Lebanon's is ~1, a sovereign base area's ~0.03
BASEMAP_ENV = "CONFLICT_BASEMAP"  # "light", "dark", "road" (Carto), or a style URL
TOOLTIP = {
    # "text", not "html": places and actors come from article text and must never become markup.
    "text": "{date} · {place}\nLocated to: {precision}\n{event_type}\nKilled: {killed}\nWounded: {wounded}\nSources: {sources}"
}
SEA, LAND, NEAR_LAND, BORDER, REGION_LINE = "#eef3f7", "#f7f6f2", "#fbfaf7", "#9a9a9a", "#c3c3c3"
FONT = '"DejaVu Sans, Noto Sans, Arial, sans-serif"'  # quoted: pydeck reads a bare string as an expression


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
    notes: tuple[str, ...] = field(default=())  # what the reader should know about this map


def basemap() -> dict:
    """The deck's base map: none, unless the deployment turns web tiles on (CONFLICT_BASEMAP)."""
    wanted = (os.environ.get(BASEMAP_ENV) or "").strip()
    if not wanted:
        return {"map_provider": None}
    return {"map_provider": "carto", "map_style": wanted}


def located(incidents: pd.DataFrame) -> pd.DataFrame:
    return incidents[incidents["latitude"].notna() & incidents["longitude"].notna()]


def killed_best(incidents: pd.DataFrame) -> pd.Series:
    return incidents["killed_best"].fillna(incidents["killed_low"]).fillna(0).astype("float64")


def marker_px(killed: pd.Series | np.ndarray | float) -> np.ndarray:
    """Circle diameter in pixels in the export: area grows with the dead (diameter ~ sqrt)."""
    return 8 + 3 * np.sqrt(np.clip(np.asarray(killed, dtype="float64"), 0, 400))


def point_records(incidents: pd.DataFrame) -> pd.DataFrame:
    """One row per located incident, only the fields the deck draws or shows (bytes matter)."""
    frame = located(incidents)
    killed = killed_best(frame)
    alpha = np.where(coarse_dates(frame).to_numpy(), 80, 200)
    colours = [list(EVENT_COLOURS.get(t, UNKNOWN_COLOUR)) + [int(a)] for t, a in zip(frame["event_type"], alpha, strict=True)]
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
            "killed": range_text(frame["killed_low"], frame["killed_high"]),
            "wounded": range_text(frame["wounded_low"], frame["wounded_high"]),
            "sources": frame["source_count"].fillna(0).astype(int).astype(str)
            + " article(s), "
            + frame["outlets"].fillna("").astype(str),
        }
    )


def records(frame: pd.DataFrame) -> list[dict]:
    """The rows as plain dicts for a layer. DataFrame.to_dict walks Arrow strings one Python object
    at a time (0.2 s for 14,000 points); whole columns to lists and a zip do it in a tenth. Missing
    values become None, which the deck's JSON writes as null, as before."""
    names = [str(c) for c in frame.columns]
    columns = [frame[c].astype(object).where(frame[c].notna(), None).tolist() for c in frame.columns]
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


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


# --- what is in view -------------------------------------------------------------------------


@dataclass(frozen=True)
class Box:
    west: float
    south: float
    east: float
    north: float

    @property
    def middle_lat(self) -> float:
        return (self.south + self.north) / 2

    def overlaps(self, bbox: list[float]) -> bool:
        return not (bbox[2] < self.west or bbox[0] > self.east or bbox[3] < self.south or bbox[1] > self.north)

    def holds(self, lon: float, lat: float) -> bool:
        return self.west <= lon <= self.east and self.south <= lat <= self.north


def data_box(frame: pd.DataFrame, aspect: float = 16 / 9, least_deg: float = 2.0) -> Box:
    """The incidents' bounding box, padded, at least `least_deg` across, widened to `aspect`
    (width over height as drawn, so longitude degrees shrink with the cosine of the latitude)."""
    if frame.empty:
        return Box(-170.0, -58.0, 190.0, 78.0)
    lon, lat = frame["longitude"].astype("float64"), frame["latitude"].astype("float64")
    west, east, south, north = lon.min(), lon.max(), lat.min(), lat.max()
    pad = max(least_deg / 2, 0.15 * max(east - west, north - south))
    west, east, south, north = west - pad, east + pad, max(south - pad, -85.0), min(north + pad, 85.0)
    stretch = 1 / max(math.cos(math.radians((south + north) / 2)), 0.2)
    width, height = east - west, (north - south) * stretch
    if width < height * aspect:
        extra = (height * aspect - width) / 2
        west, east = west - extra, east + extra
    else:
        extra = (width / aspect - height) / stretch / 2
        south, north = max(south - extra, -85.0), min(north + extra, 85.0)
    return Box(west, south, east, north)


def _boundaries() -> dict | None:
    try:
        return boundaries()
    except BoundariesMissing:
        return None


def countries_for(box: Box) -> tuple[list[dict], list[dict], list[str]]:
    """(detailed countries in or near the box, coarse outlines of the rest, notes)."""
    data = _boundaries()
    if data is None:
        return (
            [],
            country_outlines()["features"],
            ["Region boundaries and labels are not built on this machine: run `make setup`."],
        )
    span = max(box.east - box.west, box.north - box.south)
    margin = span * 0.25
    near = Box(box.west - margin, box.south - margin, box.east + margin, box.north + margin)
    detailed = [f for f in data["countries"] if near.overlaps(f["properties"]["bbox"])]
    if span > DETAIL_MAX_DEG:
        # A view of a continent: the 1:10m coastlines would be megabytes no one can see. Same
        # countries (names, label points), 1:110m outlines.
        coarse = {f["properties"]["iso_a3"]: f["geometry"] for f in country_outlines()["features"]}
        detailed = [{**f, "geometry": coarse[f["properties"]["iso_a3"]]} for f in detailed if f["properties"]["iso_a3"] in coarse]
    codes = {f["properties"]["iso_a3"] for f in detailed}
    rest = [f for f in country_outlines()["features"] if f["properties"].get("iso_a3") not in codes]
    return detailed, rest, []


def regions_for(frame: pd.DataFrame) -> list[dict]:
    """The first-level regions of the countries with the most incidents in the frame."""
    data = _boundaries()
    if data is None or frame.empty:
        return []
    codes_of = country_codes()
    most_first = frame["country"].value_counts().index
    # A map of half the world with every country's provinces would be unreadable, and heavy.
    wanted = list(dict.fromkeys(codes_of[name] for name in most_first if name in codes_of))[:MAX_REGION_COUNTRIES]
    return _regions_of(tuple(sorted(wanted)))


@lru_cache(maxsize=64)
def _regions_of(codes: tuple[str, ...]) -> list[dict]:
    data = _boundaries() or {"admin1": []}
    return [{**f, "properties": {}} for f in data["admin1"] if f["properties"]["iso_a2"] in codes]


def country_labels(countries: list[dict], box: Box) -> pd.DataFrame:
    """Country names for the countries in view: at their label point, or, when that point is
    out of view, at the point of a grid over the view inside the country nearest to it."""
    grid_x, grid_y = np.meshgrid(np.linspace(box.west, box.east, 16)[1:-1], np.linspace(box.south, box.north, 10)[1:-1])
    grid_x, grid_y = grid_x.ravel(), grid_y.ravel()
    rows = []
    for f in countries:
        p = f["properties"]
        if not p.get("label") or not box.overlaps(p["bbox"]):
            continue
        lon, lat = p["label"]
        if not box.holds(lon, lat):
            inside = contains(grid_x, grid_y, f["geometry"])
            if not inside.any():
                continue
            nearest = np.argmin((grid_x[inside] - lon) ** 2 + (grid_y[inside] - lat) ** 2)
            lon, lat = float(grid_x[inside][nearest]), float(grid_y[inside][nearest])
        w, s_, e, n = p["bbox"]
        rows.append({"name": p["name"].upper(), "lon": lon, "lat": lat, "size": (e - w) * (n - s_)})
    # The largest first: where names collide, the bigger country keeps its label.
    labels = pd.DataFrame(rows, columns=["name", "lon", "lat", "size"])
    return labels[labels["size"] >= MIN_LABELLED_DEG2].sort_values("size", ascending=False)[["name", "lon", "lat"]]


def place_labels(frame: pd.DataFrame, limit: int) -> pd.DataFrame:
    """The deadliest places, one label each: name, position and the dead they hold, most first."""
    located_frame = located(frame)
    if located_frame.empty:
        return pd.DataFrame(columns=["name", "lon", "lat", "killed"])
    places = pd.DataFrame(
        {
            "name": located_frame["location"].fillna(located_frame["country"]).fillna("").astype(str),
            "lon": located_frame["longitude"].astype("float64"),
            "lat": located_frame["latitude"].astype("float64"),
            "killed": killed_best(located_frame),
        }
    )
    places = places[places["name"] != ""]
    grouped = places.groupby("name", sort=False).agg(lon=("lon", "first"), lat=("lat", "first"), killed=("killed", "sum"))
    return grouped.sort_values("killed", ascending=False).head(limit).reset_index()


_DATE_FORMATS = {"year": "%Y", "month": "%b %Y", "week": "week of %-d %b %Y"}


def map_title(incidents: pd.DataFrame, base: str = "Incidents") -> str:
    """'Incidents, Dec 2020 – 21 Jan 2021': the title names the dates the map covers, each to
    the precision it is known to."""
    dates = incidents["date"]
    known = np.flatnonzero(dates.notna().to_numpy())
    if not len(known):
        return base
    # The earliest and latest rows by position: sorting the whole frame for two rows cost 0.8 s at 600,000.
    values = dates.to_numpy()[known]

    def when(position: int) -> str:
        row = incidents.iloc[position]
        return row["date"].strftime(_DATE_FORMATS.get(row["date_precision"], "%-d %b %Y"))

    start, end = when(known[values.argmin()]), when(known[values.argmax()])
    return f"{base}, {start}" if start == end else f"{base}, {start} – {end}"


# --- the page's deck -------------------------------------------------------------------------


def _text_layer(layer_id: str, labels: pd.DataFrame, size: int, colour: list[int], **extra) -> pdk.Layer:
    return pdk.Layer(
        "TextLayer",
        id=layer_id,
        data=records(labels),
        get_position=["lon", "lat"],
        get_text="name",
        get_size=size,
        size_units='"pixels"',
        get_color=colour,
        font_family=FONT,
        character_set='"auto"',  # every character of the names, not only ASCII
        font_settings={"sdf": True},
        outline_width=4,
        outline_color=[255, 255, 255, 230],
        pickable=False,
        **extra,
    )


def _shapes(layer_id: str, features: list[dict], fill: list[int] | None, line: list[int], width: float) -> pdk.Layer:
    """Outlines (filled, or lines only when `fill` is None) as one GeoJSON layer."""
    return pdk.Layer(
        "GeoJsonLayer",
        id=layer_id,
        data={"type": "FeatureCollection", "features": features},
        stroked=True,
        filled=fill is not None,
        get_fill_color=fill or [0, 0, 0, 0],
        get_line_color=line,
        line_width_min_pixels=width,
        pickable=False,
    )


def _ground_layers(frame: pd.DataFrame, box: Box) -> tuple[list[pdk.Layer], list[str], list[dict]]:
    detailed, rest, notes = countries_for(box)
    regions = regions_for(frame)
    layers = [
        _shapes("countries-far", rest, [240, 240, 235, 255], [160, 160, 160, 255], 1),
        _shapes(
            "countries",
            [{**f, "properties": {"name": f["properties"]["name"]}} for f in detailed],
            [247, 246, 242, 255],
            [130, 130, 130, 255],
            1.2,
        ),
        _shapes("regions", regions, None, [175, 175, 175, 255], 0.6),
    ]
    return layers, notes, detailed


def build_deck(incidents: pd.DataFrame, aggregate_above: int = AGGREGATE_ABOVE) -> MapView:
    """The page's deck: countries, regions and labels, with points (sized by killed, coloured by
    type) or hexagon cells."""
    frame = located(incidents)
    box = data_box(frame, aspect=800 / 480)
    view = fit_view(frame["longitude"].astype("float64"), frame["latitude"].astype("float64"))
    ground, notes, detailed = _ground_layers(frame, box)
    labels = [_text_layer("country-labels", country_labels(detailed, box), 13, [110, 110, 110, 255])]
    note = coarse_note(frame)
    if note:
        notes = [*notes, note]
    if len(frame) <= aggregate_above:
        points = point_records(frame)
        layer = pdk.Layer(
            "ScatterplotLayer",
            id="incidents",
            data=records(points),
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
        # Chosen here, not by deck.gl's collision filter (which drew none in Streamlit's bundle):
        # the deadliest places that fit the first view without overlapping.
        chosen = _spread(place_labels(frame, PAGE_PLACE_LABELS * 3), view_box(view), PAGE_PLACE_LABELS, False, [], 870, 560, ())
        places = _text_layer("place-labels", chosen, 14, [25, 25, 25, 255], get_text_anchor='"start"', get_pixel_offset=[10, 0])
        deck = CompactDeck(layers=[*ground, layer, *labels, places], initial_view_state=view, tooltip=TOOLTIP, **basemap())
        return MapView(deck, aggregated=False, points=len(frame), notes=tuple(notes))
    cells, size = aggregate_cells(frame)
    layer = pdk.Layer(
        "HexagonLayer",
        id="incident-cells",
        data=records(cells),
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
        layers=[*ground, layer, *labels],
        initial_view_state=view,
        tooltip={"text": "Killed (best estimates, summed): {colorValue}\nIncidents: {elevationValue}"},
        **basemap(),
    )
    return MapView(deck, aggregated=True, points=len(frame), cell_deg=size, notes=tuple(notes))


def fit_view(lon: pd.Series, lat: pd.Series, width_px: int = 800, height_px: int = 480) -> pdk.ViewState:
    """Centre on the data and pick the zoom at which its padded bounding box fits the map.

    At web-mercator zoom z the world is 512 * 2**z px wide; latitude is stretched by 1/cos(lat).
    """
    if lon.empty:
        return pdk.ViewState(longitude=20, latitude=20, zoom=1)
    west, east, south, north = lon.min(), lon.max(), lat.min(), lat.max()
    middle = (south + north) / 2
    # Half again as wide as the data, and at least 4° (~400 km) so a lone incident shows its
    # country and neighbours around it.
    span_lon = max((east - west) * 1.5, 4.0)
    span_lat = max((north - south) * 1.5, 4.0) / max(math.cos(math.radians(middle)), 0.2)
    zoom = min(math.log2(width_px * 360 / (512 * span_lon)), math.log2(height_px * 360 / (512 * span_lat)))
    zoom = max(0.5, min(11.0, zoom))
    return pdk.ViewState(longitude=(west + east) / 2, latitude=middle, zoom=round(zoom, 2), pitch=0)


def view_box(view: pdk.ViewState, width_px: int = 870, height_px: int = 560) -> Box:
    """The part of the world the deck shows first (web mercator at the view's zoom)."""
    degrees_per_px = 360 / (512 * 2**view.zoom)
    half_w = width_px / 2 * degrees_per_px
    half_h = height_px / 2 * degrees_per_px * math.cos(math.radians(view.latitude))
    return Box(view.longitude - half_w, view.latitude - half_h, view.longitude + half_w, view.latitude + half_h)


def legend_html() -> str:
    """The legend under the page's map: event type colours and what circle sizes mean. Built from
    our own constants (never article text), so this bit of HTML is safe to render."""
    swatches = " ".join(
        f'<span style="display:inline-block;width:12px;height:12px;background:rgb{colour};border-radius:6px;"></span> '
        f"{html.escape(name)}"
        for name, colour in EVENT_COLOURS.items()
    )
    sizes = " ".join(
        f'<span style="display:inline-block;width:{d:.0f}px;height:{d:.0f}px;border:1px solid #444;border-radius:50%;'
        f'vertical-align:middle;"></span> {k}'
        for k, d in ((1, 10), (10, 18), (50, 30))
    )
    return f"<div style='line-height:1.9'>{swatches}</div><div style='line-height:2.4'>Killed (best estimate): {sizes}</div>"


# --- the export figure -----------------------------------------------------------------------


def _rings(features: list[dict], box: Box | None = None) -> tuple[list[float | None], list[float | None]]:
    """Every polygon ring as x/y lists separated by None: one plotly trace draws them all."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for f in features:
        if box is not None and "bbox" in f["properties"] and not box.overlaps(f["properties"]["bbox"]):
            continue
        for polygon in f["geometry"]["coordinates"]:
            for ring in polygon:
                xs.extend(p[0] for p in ring)
                ys.extend(p[1] for p in ring)
                xs.append(None)
                ys.append(None)
    return xs, ys


# Parts of the export's plot area the legend and the size key cover, as fractions of the view
# (x from the west, y from the south): labels keep out of them.
_RESERVED = ((0.80, 0.84, 1.0, 1.0), (0.0, 0.0, 0.23, 0.14))


def _spread(
    labels: pd.DataFrame,
    box: Box,
    limit: int,
    centred: bool,
    taken: list,
    width_px: float = 1100,
    height_px: float = 560,
    reserved: tuple = _RESERVED,
) -> pd.DataFrame:
    """Labels that fit inside the view without overlapping each other, the `reserved` corners or
    the rectangles already `taken` (which grows), in the order given (the most important first)."""
    keep = []
    for row in labels.itertuples(index=False):
        fx, fy = (row.lon - box.west) / (box.east - box.west), (row.lat - box.south) / (box.north - box.south)
        w, h = (7.5 * len(row.name) + 12) / width_px, 18 / height_px
        x0 = fx - w / 2 if centred else fx
        rect = (x0, fy - h / 2, x0 + w, fy + h / 2)
        if rect[0] < 0 or rect[2] > 1 or rect[1] < 0 or rect[3] > 1:
            continue
        if any(not (rect[2] < t[0] or rect[0] > t[2] or rect[3] < t[1] or rect[1] > t[3]) for t in [*taken, *reserved]):
            continue
        taken.append(rect)
        keep.append(row)
        if len(keep) == limit:
            break
    return pd.DataFrame(keep, columns=labels.columns)


def map_figure(incidents: pd.DataFrame, aggregate_above: int = AGGREGATE_ABOVE) -> go.Figure:
    """The map as a plotly figure for PNG/SVG/PDF: countries and regions, names as text, circles
    sized and coloured as on the page, a size key; no axes, the aspect right for its latitude.

    Cartesian traces rather than plotly's geo projection: geo fetches its base map from a CDN,
    which the server does not have. Text stays text (SVG <text>, PDF text).
    """
    frame = located(incidents)
    box = data_box(frame, aspect=1100 / 560, least_deg=6.0)  # a briefing map shows the neighbours too
    detailed, rest, _ = countries_for(box)
    fig = go.Figure()
    for features, colour, width in ((rest, LAND, 0.6), (detailed, NEAR_LAND, 0.9)):
        xs, ys = _rings(features, box)
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                fill="toself",
                fillcolor=colour,
                line=dict(color=BORDER, width=width),
                hoverinfo="skip",
                showlegend=False,
            )
        )
    xs, ys = _rings(regions_for(frame), box)
    fig.add_trace(
        go.Scatter(
            x=xs, y=ys, mode="lines", line=dict(color=REGION_LINE, width=0.6, dash="dot"), hoverinfo="skip", showlegend=False
        )
    )
    taken: list = []
    places = _spread(place_labels(frame, EXPORT_PLACE_LABELS * 3), box, EXPORT_PLACE_LABELS, centred=False, taken=taken)
    names = _spread(country_labels(detailed, box), box, 40, centred=True, taken=taken)
    fig.add_trace(
        go.Scatter(
            x=names["lon"],
            y=names["lat"],
            mode="text",
            text=[html.escape(n, quote=False) for n in names["name"]],
            textfont=dict(size=13, color="#8a8a8a"),
            hoverinfo="skip",
            showlegend=False,
        )
    )
    if len(frame) > aggregate_above:
        cells, size = aggregate_cells(frame)
        fig.add_trace(
            go.Scatter(
                x=cells["lon"],
                y=cells["lat"],
                mode="markers",
                name=f"killed per {size:g}° cell",
                marker=dict(size=marker_px(cells["killed"]) / 2, color="#d62728", opacity=0.6),
            )
        )
    else:
        killed = killed_best(frame)
        coarse = coarse_dates(frame)
        for event_type, rows in frame.groupby(frame["event_type"].fillna("unknown type"), sort=True):
            fig.add_trace(
                go.Scatter(
                    x=rows["longitude"],
                    y=rows["latitude"],
                    mode="markers",
                    name=html.escape(str(event_type), quote=False),  # plotly reads a little HTML in names
                    legendgroup="types",
                    legendgrouptitle_text="Event type",
                    marker=dict(
                        size=marker_px(killed[rows.index]),
                        color=colour_hex(str(event_type)),
                        opacity=np.where(coarse[rows.index].to_numpy(), 0.35, 0.8),
                        line=dict(color="#333333", width=0.8),
                    ),
                )
            )
    fig.add_trace(
        go.Scatter(
            x=places["lon"],
            y=places["lat"],
            mode="text",
            text=[html.escape(n, quote=False) for n in places["name"]],
            textposition="middle right",
            textfont=dict(size=13, color="#1e1e1e", shadow="1px 1px 2px white"),
            hoverinfo="skip",
            showlegend=False,
        )
    )
    _size_key(fig)
    ratio = 1 / max(math.cos(math.radians(box.middle_lat)), 0.2)
    fig.update_xaxes(range=[box.west, box.east], visible=False, constrain="domain")
    fig.update_yaxes(range=[box.south, box.north], visible=False, scaleanchor="x", scaleratio=ratio, constrain="domain")
    fig.update_layout(
        template="plotly_white",
        plot_bgcolor=SEA,
        legend=dict(
            x=0.995,
            xanchor="right",
            y=0.995,
            yanchor="top",
            bgcolor="rgba(255,255,255,0.85)",
            bordercolor="#cccccc",
            borderwidth=1,
        ),
        margin=dict(l=20, r=20, t=60, b=40),
    )
    return fig


def _size_key(fig: go.Figure) -> None:
    """Circles of 1, 10 and 50 killed drawn at the markers' own pixel sizes, on a white card in the
    lower left (plotly's legend shows every marker at one size, which would say nothing about the dead)."""
    fig.add_shape(
        type="rect", xref="paper", yref="paper", x0=0.005, x1=0.245, y0=0.005, y1=0.115,
        line=dict(color="#cccccc", width=1), fillcolor="rgba(255,255,255,0.85)",
    )  # fmt: skip
    fig.add_annotation(
        text="Killed",
        xref="paper",
        yref="paper",
        x=0.015,
        y=0.06,
        xanchor="left",
        yanchor="middle",
        showarrow=False,
        font=dict(size=12),
    )
    x = 0.075
    for killed in (1, 10, 50):
        d = float(marker_px(killed))
        fig.add_shape(
            type="circle", xref="paper", yref="paper", xsizemode="pixel", ysizemode="pixel", xanchor=x, yanchor=0.06,
            x0=-d / 2, x1=d / 2, y0=-d / 2, y1=d / 2, line=dict(color="#333333", width=1), fillcolor="rgba(150,150,150,0.35)",
        )  # fmt: skip
        fig.add_annotation(
            text=str(killed), xref="paper", yref="paper", x=x, y=0.06, xanchor="left", yanchor="middle", xshift=d / 2 + 3,
            showarrow=False, font=dict(size=11),
        )  # fmt: skip
        x += 0.055
