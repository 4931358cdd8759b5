"""Exports: charts and the map as slide-sized PNG/SVG/PDF/HTML, filtered incidents as CSV/GeoJSON.

Every exported figure carries a title, the filter in plain English and the sources in its
caption, so a chart pasted into a briefing still says what it shows. Images are rendered on the
server by kaleido 1.x driving Debian's Chromium; the HTML embeds plotly.js so it opens offline.
"""

from __future__ import annotations

import copy
import html
import json
import textwrap
import threading
import warnings

import pandas as pd
import plotly.graph_objects as go

from loaders.store.formats import to_csv
from loaders.store.schema import LIST_SEPARATOR

SLIDE_WIDTH, SLIDE_HEIGHT = 1280, 720
IMAGE_FORMATS = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
CAPTION_WIDTH = 170  # characters per caption line at the slide's font size
_kaleido_lock = threading.Lock()
_kaleido_started = False


def sources_text(incidents: pd.DataFrame, articles: pd.DataFrame) -> str:
    """'Sources: 2 articles (AFP)': which outlets stand behind the incidents shown."""
    # Split the distinct lists only: many incidents share a list (one article, several incidents).
    lists = pd.Series(incidents["article_ids"].dropna().unique(), dtype="string")
    ids = lists.str.split(LIST_SEPARATOR).explode()
    used = articles[articles["article_id"].isin(set(ids))]
    if used.empty:
        return "Sources: none"
    outlets = used["outlet"].fillna("unknown outlet").value_counts()
    named = ", ".join(f"{o} ({n})" if n > 1 else str(o) for o, n in outlets.head(8).items())
    more = f" and {len(outlets) - 8} more outlets" if len(outlets) > 8 else ""
    return f"Sources: {len(used):,} article(s) from {named}{more}"


def caption_text(filter_description: str, sources: str) -> str:
    return f"{filter_description}. {sources}."


def for_export(fig: go.Figure, title: str, caption: str) -> go.Figure:
    """A copy of `fig` sized for a slide, with the title on top and the caption underneath."""
    out = go.Figure(copy.deepcopy(fig))
    # Plotly reads a little HTML in text: escape the caption (it holds the user's search text).
    # quote=False: plotly.js shows "&quot;" literally, and a quote mark outside a tag opens nothing.
    lines = "<br>".join(html.escape(line, quote=False) for line in textwrap.wrap(caption, CAPTION_WIDTH)[:4])
    out.update_layout(
        title=dict(text=html.escape(title, quote=False), x=0.01, xanchor="left", font=dict(size=22)),
        width=SLIDE_WIDTH,
        height=SLIDE_HEIGHT,
        margin=dict(t=70, b=80 + 18 * lines.count("<br>") + 40),
    )
    out.add_annotation(
        text=lines,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-66,  # below the x axis's tick labels and title
        yanchor="top",
        xanchor="left",
        align="left",
        showarrow=False,
        font=dict(size=12, color="#444444"),
    )
    return out


def start_renderer() -> None:
    """Start kaleido's browser once per process; every later image reuses it (~0.1 s, not ~2 s)."""
    global _kaleido_started
    with _kaleido_lock:
        if not _kaleido_started:
            import kaleido

            # mathjax=False: kaleido's page would otherwise load MathJax from a CDN.
            kaleido.start_sync_server(mathjax=False, silence_warnings=True)
            _kaleido_started = True


def figure_bytes(fig: go.Figure, fmt: str, scale: float = 1.0) -> bytes:
    """Render an export-ready figure as png, svg, pdf or html (`scale` 2: a PNG sharp on a projector)."""
    if fmt == "html":
        return fig.to_html(include_plotlyjs=True, full_html=True).encode("utf-8")
    if fmt not in IMAGE_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    start_renderer()
    with warnings.catch_warnings():
        # plotly passes browser options that a running server ignores; that is expected here.
        warnings.filterwarnings("ignore", message="The kopts argument is ignored")
        return fig.to_image(format=fmt, width=SLIDE_WIDTH, height=SLIDE_HEIGHT, scale=scale)


def _records(incidents: pd.DataFrame) -> pd.DataFrame:
    out = incidents.copy()
    out["date"] = out["date"].dt.strftime("%Y-%m-%d")
    return out


def incidents_csv(incidents: pd.DataFrame) -> bytes:
    """The rows as an analyst opens them in a spreadsheet: no cell runs as a formula (loaders/store/formats.py)."""
    return to_csv(_records(incidents)).encode("utf-8")


def corrections_csv(corrections: pd.DataFrame, columns: tuple[str, ...]) -> bytes:
    """The corrections audit trail, its columns in the page's order, spreadsheet-safe like the incidents
    (a typed note is an analyst's text)."""
    return to_csv(corrections[list(columns)]).encode("utf-8")


def quotes_csv(quotes: pd.DataFrame) -> bytes:
    """The quotes table as shown on the quotes page, spreadsheet-safe like the incidents."""
    return to_csv(quotes, date_format="%Y-%m-%d").encode("utf-8")


def incidents_geojson(incidents: pd.DataFrame, description: str = "") -> bytes:
    """A FeatureCollection of point features; incidents without coordinates get a null geometry."""
    records = json.loads(_records(incidents).to_json(orient="records"))
    features = []
    for row in records:
        lon, lat = row.get("longitude"), row.get("latitude")
        geometry = {"type": "Point", "coordinates": [lon, lat]} if lon is not None and lat is not None else None
        features.append({"type": "Feature", "id": row["incident_id"], "geometry": geometry, "properties": row})
    collection = {"type": "FeatureCollection", "description": description, "features": features}
    return json.dumps(collection, ensure_ascii=False).encode("utf-8")
