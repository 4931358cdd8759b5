"""Browser tests: the user stories against `streamlit run`, in Debian's headless Chromium.

Each test opens a real URL, so these cover what AppTest cannot: the URL the browser shows, the
page path, downloads rendered on the server. Screenshots go to tests/screenshots/ (gitignored).
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

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


@pytest.mark.parametrize("path", ["", "map", "timeline", "quotes", "incidents"])
def test_each_page_renders(server, page, path: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{server}/{path}")
    settled(page)
    assert metric(page, "Incidents in view") == "2"
    assert not page.locator('[data-testid="stException"]').count()
    if path == "map":
        page.wait_for_selector("canvas")
    if path == "timeline":
        page.wait_for_selector(".js-plotly-plot .bars")
    shot(page, path or "overview")
    assert not errors, errors


def test_clicking_a_timeline_bar_lists_its_incidents(server, page) -> None:
    page.goto(f"{server}/timeline")
    settled(page)
    bars = page.locator(".js-plotly-plot .bars .point path")
    bars.first.wait_for(state="attached")
    # Plotly takes clicks on its drag layer above the bars: click where the first bar (the killed
    # bar of the earliest period) is drawn, as a person would.
    box = bars.first.bounding_box()
    assert box, "the first bar is not drawn"
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.get_by_text("day of 2020-12-01: 1 incident(s)").wait_for()  # Mosul, the earliest incident
    settled(page)
    table = page.locator('[data-testid="stDataFrame"]')
    assert table.count() == 1
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


def test_map_exports(server, page) -> None:
    page.goto(f"{server}/map")
    settled(page)
    png = download(page, "⬇ PNG")
    assert png.startswith(b"\x89PNG")
    (SCREENSHOTS / "map-export.png").write_bytes(png)
    assert download(page, "⬇ PDF").startswith(b"%PDF-")
    assert b"All incidents" in download(page, "⬇ SVG")
