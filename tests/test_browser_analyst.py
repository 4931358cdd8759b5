"""Browser test of the analyst's day: upload the seed page, review, save, see it on the map;
correct the Baghdad wounded figure and see it in the table, timeline and exports; re-ingest and
still see it. Drives Debian's Chromium against `streamlit run` on an empty store."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from loaders.ingest import ingest_paths
from loaders.store import Store
from tests.browser_support import CHROMIUM, download, metric, settled, shot, streamlit_server
from tests.conftest import RESOURCES, SEEDS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium (make chromium)"),
]


@pytest.fixture(scope="module")
def empty_server(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    data = tmp_path_factory.mktemp("analyst-store")
    no_seeds = tmp_path_factory.mktemp("no-seeds")
    log = tmp_path_factory.mktemp("log") / "streamlit.log"
    with streamlit_server(data, log, extra_env={"CONFLICT_SEEDS_DIR": str(no_seeds)}) as base:
        yield base, data


def csv_rows(page) -> dict[str, dict[str, str]]:
    return {row["location"]: row for row in csv.DictReader(io.StringIO(download(page, "⬇ CSV").decode()))}


def test_upload_review_save_correct_and_reingest(empty_server, page) -> None:
    base, data = empty_server
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    # Upload the seed page and review what was extracted, before anything is stored.
    page.goto(f"{base}/add")
    settled(page)
    page.get_by_text("The store is empty").first.wait_for()
    seed = next(SEEDS.iterdir())
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(seed))
    page.locator('[data-testid="stFileChipName"]').first.wait_for()
    page.get_by_role("button", name="Read these files").click()
    page.get_by_role("heading", name="Review", exact=True).wait_for()
    settled(page)
    review = page.locator('[data-testid="stMainBlockContainer"]').inner_text()
    assert "Baghdad" in review and "Mosul" in review
    assert not Store(data).version(), "nothing is stored before Save"
    shot(page, "add-review")

    page.get_by_role("button", name="Save 2 article(s) to the store").click()
    page.get_by_text("Saved 2 article(s)").wait_for()
    settled(page)
    assert metric(page, "Incidents in view") == "2"

    # The map shows them, without a restart.
    page.get_by_role("link", name="Map").click()
    page.wait_for_url("**/map")
    settled(page)
    page.wait_for_selector("canvas")
    assert metric(page, "Incidents in view") == "2"
    shot(page, "add-then-map")

    # Correct the Baghdad wounded figure.
    page.get_by_role("link", name="Incidents").click()
    page.wait_for_url("**/incidents")
    settled(page)
    page.get_by_label("Incident", exact=True).click()
    page.get_by_role("option", name="Baghdad").click()
    wounded = page.get_by_label("Wounded best")
    wounded.fill("120")
    page.get_by_label("Why (note)").fill("ministry of health figure")
    page.get_by_label("Your name").fill("Ana")
    page.get_by_role("button", name="Save correction").click()
    page.get_by_text("Saved 3 correction(s)").wait_for()
    settled(page)
    assert metric(page, "Wounded (low–high)") == "120"
    rows = csv_rows(page)
    assert (
        rows["Baghdad"]["wounded_best"] == "120"
        and "110 → 120 (ministry of health figure), by Ana" in rows["Baghdad"]["corrections"]
    )
    assert not rows["Mosul"]["corrections"]
    shot(page, "incidents-corrected")

    # The timeline shows the corrected figure, marks the incident, and its exports say so.
    page.get_by_role("link", name="Timeline").click()
    page.wait_for_url("**/timeline")
    settled(page)
    bars = page.locator(".js-plotly-plot .bars .point path")
    bars.nth(1).wait_for(state="attached")
    # Killed, then wounded, of the Baghdad day; last the month-only Mosul strike in its band.
    box = bars.nth(1).bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.locator(".hoverlayer .hovertext").first.wait_for()
    hover = page.locator(".hoverlayer").text_content() or ""
    assert "wounded: 120" in hover and "Baghdad" in hover and "corrected" in hover
    svg = download(page, "⬇ SVG").decode()
    assert "1 incident(s) corrected by analysts" in svg
    shot(page, "timeline-corrected")

    # Re-ingesting (the same page and another one) keeps the correction.
    summary = ingest_paths([SEEDS, RESOURCES / "aa_pakistan_tirah_army_militant_clash.txt"], Store(data))
    assert summary.articles_added == 1
    page.goto(f"{base}/incidents")
    settled(page)
    stored = len(Store(data).frames().incidents)
    assert stored > 2 and metric(page, "Incidents in view") == str(stored)
    rows = csv_rows(page)
    assert rows["Baghdad"]["wounded_best"] == "120" and rows["Baghdad"]["corrections"]
    assert not errors, errors


def test_upload_a_feed_and_a_dataset_export(empty_server, page, tmp_path) -> None:
    base, data = empty_server
    from tests.datasets import write_ged

    ged = write_ged(tmp_path / "ged_sample.csv")
    feed = RESOURCES / "reuters_world_news_feed_2018.rss"
    page.goto(f"{base}/add")
    settled(page)
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files([str(feed), str(ged)])
    page.locator('[data-testid="stFileChipName"]').nth(1).wait_for()
    page.get_by_role("button", name="Read these files").click()
    page.get_by_role("heading", name="Review", exact=True).wait_for()
    settled(page)
    text = page.locator('[data-testid="stMainBlockContainer"]').inner_text()
    assert "UCDP GED export: ged_sample.csv" in text
    assert text.count("reuters.com") >= 5  # one story per feed item, each under its own link
    shot(page, "add-feed-and-dataset")
    page.get_by_role("button", name="Save", exact=False).first.click()
    page.get_by_text("Saved ").first.wait_for()
    settled(page)
    origins = set(Store(data).frames().incidents["origin"])
    assert "UCDP GED" in origins and "article" in origins
