"""Browser tests: the user stories against `streamlit run`, in Debian's headless Chromium.

Each test opens a real URL, so these cover what AppTest cannot: the URL the browser shows, the
page path, downloads rendered on the server. Screenshots go to tests/screenshots/ (gitignored).
"""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from loaders.ingest import ingest_paths
from loaders.store import Store
from tests.browser_support import (
    CHROMIUM,
    ROOT,
    SCREENSHOTS,
    TIMEOUT_MS,
    ServerDidNotStart,
    download,
    metric,
    settled,
    shot,
    streamlit_server,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium (make chromium)"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    data = tmp_path_factory.mktemp("browser-store")
    ingest_paths([ROOT / "seeds"], Store(data))
    try:
        with streamlit_server(data, tmp_path_factory.mktemp("log") / "streamlit.log") as base:
            yield base
    except ServerDidNotStart as error:
        pytest.fail(str(error))


def test_shared_link_opens_the_same_view(server, page) -> None:
    page.goto(f"{server}/incidents?min_killed=40")
    settled(page)
    page.get_by_text("1 incident(s)").wait_for()
    assert metric(page, "Incidents in view") == "1"
    assert metric(page, "Killed") == "42"
    assert metric(page, "Wounded") == "not reported"
    assert page.get_by_text("with at least 40 killed").first.is_visible()
    csv = download(page, "⬇ CSV").decode()
    rows = csv.strip().splitlines()
    assert len(rows) == 2 and "Mosul" in rows[1] and "Baghdad" not in csv
    assert "min_killed=40" in page.url and page.url.split("?")[0].endswith("/incidents")
    shot(page, "incidents-min-killed-40")


def test_changing_a_filter_changes_the_url(server, page) -> None:
    page.goto(f"{server}/map")
    settled(page)
    assert "min_killed" not in page.url
    box = page.get_by_label("Minimum killed (best estimate)")
    box.fill("40")
    box.press("Enter")
    page.wait_for_url("**/map?min_killed=40", timeout=TIMEOUT_MS)
    settled(page)
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stMetricValue"]')].some(e => e.innerText.trim() === '42')"""
    )
    assert metric(page, "Incidents in view") == "1"
    # the page link keeps the filter when moving to another page
    page.get_by_role("link", name="Timeline").click()
    page.wait_for_url("**/timeline?min_killed=40", timeout=TIMEOUT_MS)
    settled(page)
    assert metric(page, "Incidents in view") == "1"


def _foreign(requests: list[str]) -> list[str]:
    return [
        url for url in requests if urlparse(url).hostname not in ("127.0.0.1", None) and not url.startswith(("data:", "blob:"))
    ]


@pytest.mark.parametrize("path", ["", "map", "timeline", "quotes", "incidents", "add"])
def test_each_page_renders_and_asks_no_host_but_its_own(server, page, path: str) -> None:
    errors: list[str] = []
    requests: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{server}/{path}")
    settled(page)
    assert metric(page, "Incidents in view") == "2"
    assert not page.locator('[data-testid="stException"]').count()
    if path == "map":
        page.wait_for_selector("canvas")
        page.get_by_text("known only to the month is drawn lighter").wait_for()
    if path == "timeline":
        page.wait_for_selector(".js-plotly-plot .bars")
        page.get_by_text("in the band at the bottom").wait_for()
    page.wait_for_timeout(1500)  # fonts, styles and map data a page asks for after it is drawn
    shot(page, path or "overview")
    assert not errors, errors
    # No page asks any host but its own: no map style, tiles or icon fonts from the web.
    assert requests and not _foreign(requests), _foreign(requests)


def test_clicking_a_timeline_bar_lists_its_incidents(server, page) -> None:
    page.goto(f"{server}/timeline")
    settled(page)
    bars = page.locator(".js-plotly-plot .bars .point path")
    bars.first.wait_for(state="attached")
    # Plotly takes clicks on its drag layer above the bars: click where a bar is drawn, as a
    # person would. The first is Baghdad's day; the last the Mosul strike, known only to its
    # month, stretched across December in the band at the bottom.
    for bar, heading in (
        (bars.first, "day of 2021-01-21: 1 incident(s)"),
        (bars.last, "the month of 2020-12-01 (known only to the month): 1 incident(s)"),
    ):
        box = bar.bounding_box()
        assert box, "the bar is not drawn"
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.get_by_text(heading).wait_for()
        settled(page)
        assert page.locator('[data-testid="stDataFrame"]').count() == 1
    shot(page, "timeline-bar-clicked")


def test_timeline_exports_carry_the_caption(server, page, tmp_path) -> None:
    page.goto(f"{server}/timeline?min_killed=40")
    settled(page)
    caption = "Incidents with at least 40 killed (best estimate)"
    png = download(page, "⬇ PNG")
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000
    svg = download(page, "⬇ SVG")
    assert svg.lstrip().startswith(b"<svg") and caption in svg.decode() and "Sources: 1 article(s) from AFP" in svg.decode()
    pdf = download(page, "⬇ PDF")
    assert pdf.startswith(b"%PDF-")
    (tmp_path / "timeline.pdf").write_bytes(pdf)
    if Path("/usr/bin/pdftotext").exists():
        text = subprocess.run(
            ["pdftotext", str(tmp_path / "timeline.pdf"), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert caption in " ".join(text.split())
    html = download(page, "⬇ HTML")
    assert b"<html" in html[:500].lower() and caption.encode() in html
    (SCREENSHOTS / "timeline-export.png").write_bytes(png)


def test_map_exports_are_maps_with_names(server, page) -> None:
    page.goto(f"{server}/map")
    settled(page)
    png = download(page, "⬇ PNG")
    assert png.startswith(b"\x89PNG")
    (SCREENSHOTS / "map-export.png").write_bytes(png)
    assert download(page, "⬇ PDF").startswith(b"%PDF-")
    svg = ET.fromstring(download(page, "⬇ SVG"))
    texts = {" ".join((element.text or "").split()) for element in svg.iter("{http://www.w3.org/2000/svg}text")}
    assert {"Baghdad", "Mosul", "IRAQ"} <= texts  # the places and the country, as text
    assert not {"longitude", "latitude"} & texts  # a map, not a scatter plot
    assert "Incidents, Dec 2020 – 21 Jan 2021" in texts
    assert any("known only to the month" in t for t in texts)


def test_the_sidebar_briefing_pack_is_the_view_shared(server, page, tmp_path) -> None:
    from pptx import Presentation

    page.goto(f"{server}/map?min_killed=40")
    settled(page)
    page.get_by_text("Briefing pack").click()
    deck = tmp_path / "briefing.pptx"
    deck.write_bytes(download(page, "⬇ Slides (PPTX)"))
    slides = ["\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame) for slide in Presentation(str(deck)).slides]
    tables = [
        cell.text
        for slide in Presentation(str(deck)).slides
        for s in slide.shapes
        if s.has_table
        for row in s.table.rows
        for cell in row.cells
    ]
    assert len(slides) >= 5 and "Incidents with at least 40 killed (best estimate)" in slides[0]
    assert "Mosul, Iraq" in tables and "Baghdad" not in " ".join(slides + tables)
    assert download(page, "⬇ Pages (PDF)").startswith(b"%PDF-")
    shot(page, "briefing-pack")
