"""Drafts: uploads and pasted text read for review, nothing stored until saved."""

from __future__ import annotations

from datetime import date

import pytest

from loaders.draft import Draft, draft_pages, pasted_page, uploaded_pages
from loaders.read.datasets import read_dataset
from loaders.read.pages import ReadError
from loaders.store import Store
from tests.conftest import RESOURCES, SEEDS
from tests.datasets import write_ged


def test_an_uploaded_page_and_feed_are_read_like_files(tmp_path, gazetteer) -> None:
    html = RESOURCES / "html_ap_orlando_gunman_father_kabul_2016.html"
    pages = uploaded_pages(html.name, html.read_bytes(), tmp_path)
    assert [p.source for p in pages] == [f"upload: {html.name}"] and pages[0].kind == "html"
    feed = RESOURCES / "reuters_world_news_feed_2018.rss"
    items = uploaded_pages(feed.name, feed.read_bytes(), tmp_path)
    assert len(items) > 5 and all(p.source.startswith("http") for p in items)


def test_pasted_text_keeps_its_source_and_date(gazetteer) -> None:
    page = pasted_page("text", "https://www.example.org/news/1", date(2021, 1, 22))
    assert (page.source, page.outlet, page.published) == ("https://www.example.org/news/1", "example.org", "2021-01-22")
    assert pasted_page("text", "AFP").outlet == "AFP" and pasted_page("text").outlet is None


def test_review_then_save(tmp_path, gazetteer) -> None:
    store = Store(tmp_path / "store")
    seed = next(SEEDS.iterdir())
    draft = draft_pages([pasted_page(seed.read_text(), "AFP")], store.article_ids(), gazetteer)
    assert set(draft.frame("reports")["location"]) == {"Baghdad", "Mosul"}
    assert not store.version()
    assert draft.save(store) == draft.size == 2
    again = draft_pages([pasted_page(seed.read_text(), "AFP")], store.article_ids(), gazetteer)
    assert again.size == 0 and all(s.already_stored for s in again.stories)


def test_a_dataset_upload_is_reviewed_and_saved_once(tmp_path, gazetteer) -> None:
    store = Store(tmp_path / "store")
    raw = write_ged(tmp_path / "ged.csv").read_bytes()
    draft = Draft()
    draft.add_dataset(read_dataset(raw, "ged.csv"), store.article_ids())
    assert draft.size > 0 and draft.places()["latitude"].notna().all()
    assert draft.save(store) == draft.size
    again = Draft()
    again.add_dataset(read_dataset(raw, "ged.csv"), store.article_ids())
    assert again.size == 0 and any("already in the store" in note for _, note in again.notes)


def test_an_unreadable_upload_is_a_reason(tmp_path) -> None:
    with pytest.raises(ReadError, match="binary file"):
        uploaded_pages("photo.txt", bytes(range(256)) * 10, tmp_path)
    with pytest.raises(ReadError, match="unsupported file type '.docx'"):
        uploaded_pages("brief.docx", b"PK\x03\x04", tmp_path)


def test_a_draft_applies_the_same_plausibility_rules_as_ingest(gazetteer) -> None:
    text = "BAGHDAD (AFP) - Jan 22, 2021\nA car bomb killed 250,000 people in a market in Baghdad on Thursday, police said."
    draft = draft_pages([pasted_page(text, "AFP")], set(), gazetteer)
    reports = draft.frame("reports")
    assert len(reports) == 1 and reports["killed_low"].isna().all()
    assert any("implausible killed toll 250,000" in note for _, note in draft.notes)
