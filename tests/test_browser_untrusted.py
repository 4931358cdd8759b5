"""Untrusted text in a real browser: articles whose quotes, titles and outlet names hold
<script>, <img onerror> and Markdown links are ingested, and Chromium shows them as text. No
script runs (a window flag, the document title and alert() are watched), no element the article
wrote appears, no link or image a link's parameters wrote appears, and the exports escape it too.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode, urlparse

import pytest

from loaders.ingest import ingest_paths
from loaders.store import Store
from tests.browser_support import (
    CHROMIUM,
    ROOT,
    ServerDidNotStart,
    download,
    settled,
    shot,
    streamlit_server,
)
from views.charts import timeline_figure
from views.export import figure_bytes, for_export
from views.maps import build_deck

HOSTILE = Path(__file__).resolve().parent / "resources" / "hostile"
PAGES = (
    "quote_markup.txt",
    "entity_markup.html",
    "script_and_handlers.html",
    "markdown_injection.txt",
    "outlet_markup.html",
    "formula_injection.html",
)
QUOTE = "<img src=x onerror=alert(1)> They came at dawn <script>window.__pwned=1</script>"
OUTLET = "Wire <img src=x onerror=\"document.title='pwned'\">"
MARKDOWN_QUOTE = "[login](https://evil.example/login)"
FORMULA_OUTLET = '=HYPERLINK("http://evil.example/x","Open")'
FORMULA_QUOTE = "=1+2 is not a sum anyone here can do any more"
# A cell a spreadsheet runs as a formula: = + @ tab CR, or - when not a number (OWASP, "CSV Injection").
RUNS = re.compile(r"^(?:[=+@\t\r]|-(?!(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$))")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium (make chromium)"),
]

# Elements an article could have smuggled in, and attributes that run code.
INJECTED_JS = """() => {
    const all = [...document.querySelectorAll('*')];
    return {
        pwned: window.__pwned === undefined ? null : String(window.__pwned),
        title: document.title,
        handlers: all.filter(e => [...e.attributes].some(a => a.name.toLowerCase().startsWith('on'))).map(e => e.outerHTML.slice(0, 120)),
        images: [...document.querySelectorAll('img')].map(i => i.getAttribute('src')).filter(s => s === 'x' || (s || '').includes('evil')),
        links: [...document.querySelectorAll('a')].map(a => a.getAttribute('href') || '').filter(h => /evil|javascript:/i.test(h)),
        // an article's own <script> element (the export's plotly data holds the text JSON-escaped, which is fine)
        scripts: [...document.querySelectorAll('script')].filter(s => (s.textContent || '').trim().startsWith('window.__pwned')).length,
    };
}"""


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("untrusted-pages")
    for name in PAGES:
        shutil.copy(HOSTILE / name, folder / name)
    data = tmp_path_factory.mktemp("untrusted-store")
    ingest_paths([ROOT / "seeds", folder], Store(data))
    try:
        with streamlit_server(data, tmp_path_factory.mktemp("log") / "streamlit.log") as base:
            yield base
    except ServerDidNotStart as error:
        pytest.fail(str(error))


@pytest.fixture
def page(page):
    """The shared page (conftest.py), watched for dialogs and requests to the test's evil hosts."""
    page.dialogs = []
    page.evil_requests = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.on(
        "request", lambda request: "evil" in (urlparse(request.url).hostname or "") and page.evil_requests.append(request.url)
    )
    yield page


def assert_nothing_ran(page, title: str = "Conflict monitor") -> None:
    found = page.evaluate(INJECTED_JS)
    assert found == {"pwned": None, "title": title, "handlers": [], "images": [], "links": [], "scripts": 0}, found
    assert page.dialogs == [] and page.evil_requests == []


def grid_texts(page) -> list[str]:
    # Streamlit's table draws on a canvas; its cells are also in the DOM for screen readers.
    return page.locator('[data-testid^="glide-cell-"]').all_text_contents()


def test_quote_with_script_and_img_shows_as_text(server, page) -> None:
    page.goto(f"{server}/quotes")
    settled(page)
    box = page.get_by_label("Find in these quotes")
    box.fill("onerror")
    box.press("Enter")
    page.get_by_text("2 quote(s)").wait_for()
    second = "<script>window.__pwned=1</script><img src=x onerror="
    # The grid's screen-reader cells follow the canvas a moment later: wait for the filtered rows.
    page.wait_for_function(
        """([quote, second]) => {
            const cells = [...document.querySelectorAll('[data-testid^="glide-cell-"]')].map(c => c.textContent);
            return cells.includes(quote) && cells.includes(second) && !cells.includes('Jack Watling');
        }""",
        arg=[QUOTE, second],
    )
    cells = grid_texts(page)
    assert QUOTE in cells and second in cells, cells
    assert_nothing_ran(page)


def test_markdown_from_an_article_or_a_link_stays_text(server, page) -> None:
    query = urlencode({"q": MARKDOWN_QUOTE, "![pixel](https://evil.example/p.png)": "1"})
    page.goto(f"{server}/quotes?{query}")
    settled(page)
    page.wait_for_selector('[data-testid="stDataFrame"]')
    page.wait_for_timeout(500)
    text = " ".join(page.locator('[data-testid="stMain"]').inner_text().split())
    # the search words, the unknown parameter and the outlet name are shown as typed
    assert f'Quotes also match the sidebar search "{MARKDOWN_QUOTE}"' in text.replace("\u2060", "")
    assert "Ignored unknown URL parameter '![pixel](https://evil.example/p.png)'" in text.replace("\u2060", "")
    assert f'mentioning "{MARKDOWN_QUOTE}" in evidence or quotes' in text.replace("\u2060", "")
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid^=\"glide-cell-\"]')].some(c => c.textContent === 'Omar Saleh')"
    )
    assert any(MARKDOWN_QUOTE in cell for cell in grid_texts(page))
    assert_nothing_ran(page)


def test_outlet_name_with_markup_in_sidebar_and_overview(server, page) -> None:
    page.goto(f"{server}/?{urlencode({'outlet': OUTLET})}")
    settled(page)
    chosen = page.locator('[data-testid="stMultiSelect"]', has_text="Outlet").inner_text()
    assert OUTLET in chosen
    assert "Jalalabad" in page.locator('[data-testid="stMain"]').inner_text()  # its incident is listed, as text
    assert_nothing_ran(page)


def test_exports_from_the_dashboard_escape_article_text(server, page, tmp_path) -> None:
    page.goto(f"{server}/timeline?{urlencode({'outlet': OUTLET})}")
    settled(page)
    svg = download(page, "⬇ SVG")
    assert_svg_is_inert(svg, OUTLET)
    html = download(page, "⬇ HTML")
    (tmp_path / "timeline.html").write_bytes(html)
    page.goto((tmp_path / "timeline.html").as_uri())
    page.wait_for_selector(".js-plotly-plot .annotation-text")
    caption = " ".join(page.locator(".annotation-text").all_text_contents())
    assert OUTLET in caption
    assert_nothing_ran(page, title="")


def assert_svg_is_inert(svg: bytes, literal: str) -> None:
    root = ET.fromstring(svg)
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1].lower()
        assert tag not in ("script", "foreignobject", "img", "iframe"), tag
        assert not [name for name in element.attrib if name.rsplit("}", 1)[-1].lower().startswith("on")], element.attrib
        href = element.attrib.get("href", "") + element.attrib.get("{http://www.w3.org/1999/xlink}href", "")
        assert "javascript" not in href.lower()
    text = " ".join(" ".join(root.itertext()).split())
    assert literal in text, text[:500]


def test_exported_hover_and_legend_show_markup_as_text(seed_frames, browser, tmp_path) -> None:
    """Places and actors written by an article, in the timeline's legend, hover and caption."""
    incidents = seed_frames.incidents.copy()
    incidents["actor1"] = QUOTE
    incidents["location"] = "<b onmouseover=alert(2)>Mosul</b>"
    fig = for_export(timeline_figure(incidents, "month", "actor"), "Timeline", f"Sources: 1 article(s) from {OUTLET}")
    assert_svg_is_inert(figure_bytes(fig, "svg"), QUOTE)
    (tmp_path / "export.html").write_bytes(figure_bytes(fig, "html"))
    page = browser.new_page()
    page.dialogs, page.evil_requests = [], []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.on(
        "request", lambda request: "evil" in (urlparse(request.url).hostname or "") and page.evil_requests.append(request.url)
    )
    page.goto((tmp_path / "export.html").as_uri())
    page.wait_for_selector(".js-plotly-plot .legendtext")
    assert QUOTE in page.locator(".legendtext").first.text_content()
    page.evaluate("() => Plotly.Fx.hover(document.querySelector('.js-plotly-plot'), [{curveNumber: 0, pointNumber: 0}])")
    page.wait_for_selector(".hoverlayer .hovertext")
    hover = page.locator(".hoverlayer").text_content()
    assert "<b onmouseover=alert(2)>Mosul</b>" in hover and QUOTE in hover
    assert_nothing_ran(page, title="")
    page.close()


def test_map_tooltip_shows_markup_as_text(server, page) -> None:
    """pydeck tooltips take HTML under 'html'; ours is 'text', which the browser sets as innerText."""
    page.goto(f"{server}/map?{urlencode({'outlet': OUTLET})}")
    settled(page)
    deck = page.locator('[data-testid="stDeckGlJsonChart"]')
    deck.locator("canvas").first.wait_for()
    page.wait_for_timeout(1500)
    box = deck.bounding_box()
    # One incident in view, and the map centres on its data: the circle is in the middle.
    page.mouse.move(box["x"] + box["width"] / 2 - 3, box["y"] + box["height"] / 2 - 3)
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tooltip = page.locator(".deck-tooltip")
    tooltip.wait_for()
    assert OUTLET in tooltip.inner_text() and "Jalalabad" in tooltip.inner_text()
    assert_nothing_ran(page)


def test_map_tooltips_are_text_never_html(seed_frames) -> None:
    from streamlit.elements.deck_gl_json_chart import _get_pydeck_tooltip  # what Streamlit sends

    incidents = seed_frames.incidents.copy()
    incidents["location"] = QUOTE
    for aggregate_above in (20_000, 0):  # points, and the summed hexagon cells
        tooltip = _get_pydeck_tooltip(build_deck(incidents, aggregate_above=aggregate_above).deck)
        assert set(tooltip) == {"text"}, tooltip


def test_csv_downloads_hold_formulas_as_text(server, page) -> None:
    """The formula page's outlet and quote, downloaded from the incidents and quotes pages: the text is
    there, behind an apostrophe, and no cell of either file is one a spreadsheet would run."""
    page.goto(f"{server}/incidents?{urlencode({'outlet': FORMULA_OUTLET})}")
    settled(page)
    incidents = list(csv.DictReader(io.StringIO(download(page, "⬇ CSV").decode())))
    assert [(r["location"], r["outlets"], r["killed_best"]) for r in incidents] == [("Kirkuk", "'" + FORMULA_OUTLET, "4")]
    # The table's own "Download as CSV" would write the cells as they are: it is turned off
    # (client.disableDataExport), while the rest of its toolbar stays.
    page.locator('[data-testid="stDataFrame"]').first.hover()
    page.get_by_role("button", name="Search").first.wait_for()
    assert page.get_by_role("button", name="Download as CSV").count() == 0

    page.goto(f"{server}/quotes?{urlencode({'q': '=1+2'})}")
    settled(page)
    page.get_by_text("1 quote(s)").wait_for()
    shot(page, "quotes-formula-page")
    quotes = list(csv.DictReader(io.StringIO(download(page, "⬇ CSV").decode())))
    assert [(q["speaker"], q["quote"], q["outlet"]) for q in quotes] == [
        ("Ahmed Karim", "'" + FORMULA_QUOTE, "'" + FORMULA_OUTLET)
    ]
    cells = [c for row in incidents + quotes for c in (*row.keys(), *row.values())]
    assert [c for c in cells if RUNS.match(c)] == []
    assert_nothing_ran(page)
