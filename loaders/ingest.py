"""The ingest flow: files -> pages -> stories -> reports and quotes -> store.

One bad file or one story that trips the extractor never aborts the batch: the file is named
in the summary with its reason and the rest goes in. Work is stored every BATCH_PAGES pages,
so a long ingest that is interrupted keeps what it finished.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from loaders.extract import extract_story
from loaders.geocode import Gazetteer, default_gazetteer
from loaders.read import Page, ReadError, expand_paths, read_page
from loaders.store import Store
from loaders.stories import Story, split_stories

BATCH_PAGES = 500


@dataclass
class Summary:
    pages_read: int = 0
    stories: int = 0
    articles_added: int = 0
    already_stored: int = 0
    reports: int = 0
    quotes: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (file, what the user should know)

    def lines(self) -> list[str]:
        out = [
            f"pages read: {self.pages_read}",
            f"stories: {self.stories} ({self.articles_added} new, {self.already_stored} already stored)",
            f"incident reports: {self.reports}",
            f"quotes: {self.quotes}",
        ]
        out += [f"skipped {path}: {reason}" for path, reason in self.skipped]
        out += [f"note {path}: {note}" for path, note in self.notes]
        return out


def story_rows(story: Story, gazetteer: Gazetteer) -> tuple[dict, list[dict], list[dict]]:
    extraction = extract_story(story, gazetteer)
    article = {
        "article_id": story.article_id,
        "title": story.title,
        "outlet": story.outlet,
        "author": story.author,
        "dateline_place": story.dateline_place,
        "published": story.date,
        "source": story.source,
        "text": story.text,
    }
    return article, extraction.reports, extraction.quotes


def ingest_pages(
    pages: Iterable[Page | tuple[str, str]],
    store: Store,
    gazetteer: Gazetteer | None = None,
    summary: Summary | None = None,
    progress: Callable[[str], None] | None = None,
) -> Summary:
    """Pages (or (source, reason) for files that could not be read) into the store."""
    gazetteer = gazetteer or default_gazetteer()
    summary = summary or Summary()
    known = store.article_ids()
    articles, reports, quotes = [], [], []

    def flush() -> None:
        added = store.append(articles, reports, quotes)
        summary.articles_added += added
        summary.already_stored += len(articles) - added  # stored meanwhile by another ingest
        known.update(a["article_id"] for a in articles)
        articles.clear(), reports.clear(), quotes.clear()

    for page in pages:
        if isinstance(page, tuple):
            summary.skipped.append(page)
            if progress:
                progress(page[0])
            continue
        summary.pages_read += 1
        summary.notes += [(page.source, n) for n in page.notes]
        stories = split_stories(page)
        if not stories:
            summary.skipped.append((page.source, "no story text found (only page furniture)"))
        for story in stories:
            summary.stories += 1
            if story.article_id in known or any(a["article_id"] == story.article_id for a in articles):
                summary.already_stored += 1
                continue
            try:
                article, story_reports, story_quotes = story_rows(story, gazetteer)
            except Exception as error:  # one story's failure must not cost the batch
                summary.notes.append((page.source, f"story '{story.title or story.article_id}' not extracted: {error!r}"))
                continue
            if not story_reports:
                summary.notes.append((page.source, f"no incident found in story '{story.title or story.article_id}'"))
            articles.append(article)
            reports.extend(story_reports)
            quotes.extend(story_quotes)
            summary.reports += len(story_reports)
            summary.quotes += len(story_quotes)
        if summary.pages_read % BATCH_PAGES == 0:
            flush()
        if progress:
            progress(page.source)
    flush()
    return summary


def read_files(paths: Iterable[Path]) -> Iterable[Page | tuple[str, str]]:
    for path in paths:
        try:
            yield read_page(path)
        except ReadError as error:
            yield (str(path), str(error))
        except OSError as error:
            yield (str(path), f"cannot read: {error.strerror or error}")


def ingest_paths(paths: list[Path], store: Store, gazetteer: Gazetteer | None = None, progress=None) -> Summary:
    files = list(expand_paths(paths))
    missing = [(str(p), "no such file or folder") for p in paths if not p.exists()]
    summary = Summary(skipped=missing)
    return ingest_pages(read_files(f for f in files if f.exists()), store, gazetteer, summary, progress)
