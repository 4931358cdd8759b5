"""A draft: what some pages would add to the store, held for review before it is saved.

The add-articles page reads uploads or pasted text into a `Draft`, shows the analyst each
story's incidents, evidence, quotes and places, and saves it only when asked. Extraction is the
same as `python -m loaders ingest` (ingest.checked_story_rows); nothing here writes until `save`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd

from loaders.extract.stories import split_stories
from loaders.geo.gazetteer import Gazetteer, default_gazetteer
from loaders.ingest import checked_story_rows
from loaders.read.datasets import DatasetRows
from loaders.read.pages import DATASET_SUFFIXES, MAX_BYTES, Page, ReadError, read_pages, too_large
from loaders.store import Store
from loaders.store.schema import ARTICLES, QUOTES, REPORTS, Table, conform, empty


@dataclass
class StoryDraft:
    source: str
    article: dict
    reports: list[dict]
    quotes: list[dict]
    already_stored: bool = False


@dataclass
class Draft:
    stories: list[StoryDraft] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (source, one-line reason)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (source, what the user should know)
    datasets: list[DatasetRows] = field(default_factory=list)  # ACLED / UCDP exports, only their new events

    @property
    def new(self) -> list[StoryDraft]:
        return [s for s in self.stories if not s.already_stored]

    def frame(self, which: str) -> pd.DataFrame:
        """The draft's articles, reports or quotes in the store's schema (for the review screen)."""
        table = {"articles": ARTICLES, "reports": REPORTS, "quotes": QUOTES}[which]
        rows = [row for s in self.new for row in ([s.article] if which == "articles" else getattr(s, which))]
        if which != "quotes":
            rows += [row for d in self.datasets for row in getattr(d, which)]
        return rows_frame(rows, table)

    def places(self) -> pd.DataFrame:
        """The draft's reports shaped like incidents (one source each), for a map of the places."""
        reports = self.frame("reports")
        outlet = {s.article["article_id"]: s.article.get("outlet") or "" for s in self.new}
        outlet |= {a["article_id"]: d.dataset for d in self.datasets for a in d.articles}
        return reports.assign(
            incident_id=reports["report_id"], source_count=1, outlets=reports["article_id"].map(outlet).astype("string")
        )

    def add_dataset(self, rows: DatasetRows, known: set[str]) -> None:
        """Keep an export's events that are not stored yet; say what was skipped and why."""
        new = [a for a in rows.articles if a["article_id"] not in known]
        ids = {a["article_id"] for a in new}
        self.skipped += [(f"{rows.source} {where}", reason) for where, reason in rows.skipped]
        self.notes += [(rows.source, note) for note in rows.notes]
        if len(new) < len(rows.articles):
            self.notes.append((rows.source, f"{len(rows.articles) - len(new):,} event(s) already in the store"))
        self.datasets.append(
            DatasetRows(rows.dataset, rows.source, rows.rows_read, new, [r for r in rows.reports if r["article_id"] in ids])
        )

    @property
    def size(self) -> int:
        """Articles and dataset events that saving would add."""
        return len(self.new) + sum(len(d.articles) for d in self.datasets)

    def save(self, store: Store) -> int:
        """Store the new stories and dataset events; returns how many were added."""
        new = self.new
        added = store.append(
            [s.article for s in new],
            [r for s in new for r in s.reports],
            [q for s in new for q in s.quotes],
        )
        for rows in self.datasets:
            added += store.append(rows.articles, rows.reports, [])
        return added


def rows_frame(rows: list[dict], table: Table = REPORTS) -> pd.DataFrame:
    return conform(pd.DataFrame(rows), table) if rows else empty(table)


def pasted_page(text: str, source: str = "", published: date | None = None) -> Page:
    """Text pasted into the browser as a page. `source` is an outlet name or the article's URL."""
    source = source.strip()
    is_url = urlparse(source).scheme in ("http", "https")
    outlet = (urlparse(source).hostname or "").removeprefix("www.") if is_url else source
    return Page(
        source=source if is_url else f"pasted text {time.strftime('%Y-%m-%d %H:%M')}",
        text=text,
        kind="text",
        outlet=outlet or None,
        published=published.isoformat() if published else None,
    )


def is_dataset(name: str) -> bool:
    return Path(name).suffix.lower() in DATASET_SUFFIXES


def uploaded_pages(name: str, raw: bytes, folder: Path) -> list[Page]:
    """An uploaded page or feed as pages, read by the same readers as on the command line."""
    if len(raw) > MAX_BYTES:
        raise ReadError(too_large(len(raw)))
    # Readers take paths; the name keeps its suffix so the right reader is chosen.
    path = folder / Path(name).name
    path.write_bytes(raw)
    pages = read_pages(path)
    # A feed item keeps its own link as source; a page is named after the uploaded file.
    return [Page(**{**p.__dict__, "source": f"upload: {path.name}"}) if p.source == str(path) else p for p in pages]


def draft_pages(
    pages: Iterable[Page | tuple[str, str]],
    known: set[str],
    gazetteer: Gazetteer | None = None,
    progress: Callable[[str], None] | None = None,
) -> Draft:
    """Pages (or (source, reason) for files that could not be read) into a draft; `known` holds
    the article ids already stored, which are marked rather than extracted again."""
    gazetteer = gazetteer or default_gazetteer()
    draft = Draft()
    seen = set(known)
    for page in pages:
        if isinstance(page, tuple):
            draft.skipped.append(page)
            continue
        if progress:
            progress(page.source)
        draft.notes += [(page.source, n) for n in page.notes]
        stories = split_stories(page)
        if not stories:
            draft.skipped.append((page.source, "no story text found (only page furniture)"))
        for story in stories:
            if story.article_id in seen:
                draft.stories.append(
                    StoryDraft(page.source, {"article_id": story.article_id, "title": story.title}, [], [], True)
                )
                continue
            rows, notes = checked_story_rows(story, gazetteer)
            draft.notes += [(page.source, note) for note in notes]
            if rows is None:
                continue
            seen.add(story.article_id)
            draft.stories.append(StoryDraft(page.source, *rows))
    return draft
