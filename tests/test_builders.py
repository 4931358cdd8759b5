"""Chart, map and export builders on the seed frames and on synthetic volume, without Streamlit."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from views.charts import bar_incidents, casualty_totals, coarse_note, default_period, timeline_figure, timeline_frame
from views.export import caption_text, for_export, incidents_csv, incidents_geojson, sources_text
from views.filters import Filter
from views.maps import AGGREGATE_ABOVE, build_deck, map_figure, map_title


def test_totals_on_seed(seed_frames) -> None:
    t = casualty_totals(seed_frames.incidents)
    assert (t.incidents, t.killed, t.wounded) == (2, "74", "110")
    mosul = casualty_totals(Filter(min_killed=40).apply(seed_frames).incidents)
    assert (mosul.killed, mosul.wounded) == ("42", "not reported")


def test_timeline_names_incidents_and_ranges(seed_frames) -> None:
    data = timeline_frame(seed_frames.incidents, "month", "event type")
    assert list(data["killed_best"]) == [42, 32]
    assert "Baghdad" in data["names"].iloc[1]
    fig = timeline_figure(seed_frames.incidents, "month", "actor")
    assert {t.name for t in fig.data} == {"Islamic State", "US-led coalition"}
    assert all(t.error_y.array is not None for t in fig.data)
    assert default_period(seed_frames.incidents) == "day"


def test_clicking_a_bar_lists_its_incidents(seed_frames) -> None:
    # What the page receives on a click: the bar's customdata, whose last fields name the bar.
    fig = timeline_figure(seed_frames.incidents, "month", "event type")
    bars = {tuple(point[4:7]) for trace in fig.data for point in trace.customdata}
    assert bars == {("2020-12-01", "Explosions/Remote violence", ""), ("2021-01-01", "Explosions/Remote violence", "")}
    chosen = bar_incidents(seed_frames.incidents, "month", "event type", "2021-01-01", "Explosions/Remote violence")
    assert list(chosen["location"]) == ["Baghdad"]
    assert bar_incidents(seed_frames.incidents, "month", "actor", "2021-01-01", "US-led coalition").empty


def test_timeline_escapes_article_text(seed_frames) -> None:
    incidents = seed_frames.incidents.copy()
    incidents["location"] = "<img src=x onerror=alert(1)>"
    assert "<img" not in timeline_frame(incidents, "day")["names"].iloc[0]


def test_deck_points_boundaries_labels_and_fit(seed_frames) -> None:
    shown = build_deck(seed_frames.incidents)
    spec = json.loads(shown.deck.to_json())
    assert not shown.aggregated
    # No web tiles, and nothing that makes Streamlit pick Carto's style for us.
    assert "mapProvider" not in spec and spec.get("mapStyle") in (None, "__MAP_STYLE__")
    assert "carto" not in shown.deck.to_json().lower()
    layers = {layer["id"]: layer for layer in spec["layers"]}
    countries = {f["properties"]["name"] for f in layers["countries"]["data"]["features"]}
    assert {"Iraq", "Syria", "Iran"} <= countries
    regions = layers["regions"]["data"]["features"]
    assert len(regions) >= 15  # Iraq's governorates; the neighbours' regions are not drawn
    assert {p["place"] for p in layers["incidents"]["data"]} == {"Baghdad, Iraq", "Mosul, Iraq"}
    assert {p["name"] for p in layers["place-labels"]["data"]} == {"Baghdad", "Mosul"}
    assert "IRAQ" in {p["name"] for p in layers["country-labels"]["data"]}
    # The month-only Mosul strike is drawn lighter, and the map says so.
    alpha = {p["place"]: p["colour"][3] for p in layers["incidents"]["data"]}
    assert alpha["Mosul, Iraq"] < alpha["Baghdad, Iraq"]
    assert any("known only to the month" in note for note in shown.notes)
    view = spec["initialViewState"]
    assert 40 < view["longitude"] < 48 and 30 < view["latitude"] < 38


def test_web_tiles_only_when_the_deployment_asks(seed_frames, monkeypatch) -> None:
    monkeypatch.setenv("CONFLICT_BASEMAP", "light")
    spec = json.loads(build_deck(seed_frames.incidents).deck.to_json())
    assert spec["mapProvider"] == "carto" and "positron" in spec["mapStyle"]  # Carto's light style


def test_map_export_is_a_map(seed_frames) -> None:
    fig = map_figure(seed_frames.incidents)
    assert not fig.layout.xaxis.visible and not fig.layout.yaxis.visible
    # Latitude degrees drawn longer than longitude degrees, by 1/cos of the middle latitude (~35°N).
    assert 1.15 < fig.layout.yaxis.scaleratio < 1.3
    texts = {t for trace in fig.data if trace.mode == "text" for t in trace.text}
    assert {"Baghdad", "Mosul", "IRAQ", "SYRIA"} <= texts
    assert any(shape.type == "circle" for shape in fig.layout.shapes)  # the size key
    assert map_title(seed_frames.incidents) == "Incidents, Dec 2020 – 21 Jan 2021"


def test_month_only_incidents_stretch_across_their_month(seed_frames) -> None:
    fig = timeline_figure(seed_frames.incidents, "day")
    band = [t for t in fig.data if t.yaxis == "y3"]
    assert len(band) == 1 and list(band[0].y) == [42]
    assert band[0].width[0] == pytest.approx(31 * 86_400_000 * 0.96)  # all of December, not one day
    day_bars = [t for t in fig.data if t.yaxis == "y"]
    assert [list(t.y) for t in day_bars] == [[32]]  # Baghdad alone on its day
    assert "known only to the month" in coarse_note(seed_frames.incidents, "day")
    assert not coarse_note(seed_frames.incidents, "month")  # per month, the December bar is right
    chosen = bar_incidents(seed_frames.incidents, "day", "event type", "2020-12-01", "Explosions/Remote violence", "month")
    assert list(chosen["killed_best"]) == [42]


def synthetic(seed_incidents: pd.DataFrame, n: int) -> pd.DataFrame:
    rng = np.random.default_rng(1)
    rows = seed_incidents.sample(n, replace=True, random_state=1).reset_index(drop=True)
    rows["latitude"] = (rows["latitude"].astype("float64") + rng.normal(0, 3, n)).astype("Float64")
    rows["longitude"] = (rows["longitude"].astype("float64") + rng.normal(0, 3, n)).astype("Float64")
    return rows


def test_many_points_are_aggregated_small(seed_frames) -> None:
    incidents = synthetic(seed_frames.incidents, AGGREGATE_ABOVE + 1000)
    shown = build_deck(incidents)
    assert shown.aggregated
    assert len(shown.deck.to_json()) < 2_000_000
    assert any(trace.name and "cell" in trace.name for trace in map_figure(incidents).data)  # summed into cells


def test_export_caption_and_files(seed_frames) -> None:
    caption = caption_text(Filter(text="<b>gap</b>").describe(), sources_text(seed_frames.incidents, seed_frames.articles))
    assert "2 article(s) from AFP" in caption
    fig = for_export(timeline_figure(seed_frames.incidents), "Killed", caption)
    assert fig.layout.width == 1280 and fig.layout.height == 720
    assert "&lt;b&gt;gap" in fig.layout.annotations[-1].text
    geo = json.loads(incidents_geojson(seed_frames.incidents, "All incidents"))
    assert len(geo["features"]) == 2 and geo["features"][0]["geometry"]["type"] == "Point"
    assert incidents_csv(seed_frames.incidents).decode().count("\n") == 3


@pytest.mark.parametrize("frame_of", [lambda f: f.incidents, lambda f: f.incidents.iloc[0:0]])
def test_builders_accept_empty_and_seed(seed_frames, frame_of) -> None:
    incidents = frame_of(seed_frames)
    timeline_figure(incidents)
    map_figure(incidents)
    build_deck(incidents)
