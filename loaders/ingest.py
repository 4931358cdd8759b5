"""The ingest flow: files -> pages -> stories -> reports and quotes -> store.

One bad file or one story that trips the extractor never aborts the batch: the file is named
in the summary with its reason and the rest goes in. Work is stored every BATCH_PAGES pages,
so a long ingest that is interrupted keeps what it finished.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from loaders.extract import extract_story
from loaders.geocode import Gazetteer, default_gazetteer
from loaders.plausibility import check_story
from loaders.read import Page, ReadError, expand_paths, read_page
from loaders.store import Store
from loaders.stories import Story, split_stories

# Pages per stored batch. The environment variable lets tests (and a cautious user on a flaky
# machine) land smaller batches, so an interrupted ingest keeps more of its work.
BATCH_PAGES = max(1, int(os.environ.get("CONFLICT_BATCH_PAGES") or 500))
log = logging.getLogger(__name__)


def _one_line(text: str) -> str:
    # File names and error messages come from outside: a newline in one must not forge a line.
    return " ".join(str(text).split()) if any(c in str(text) for c in "\r\n\x0b\x0c\x85\u2028\u2029") else str(text)


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
        out += [f"skipped {_one_line(path)}: {_one_line(reason)}" for path, reason in self.skipped]
        out += [f"note {_one_line(path)}: {_one_line(note)}" for path, note in self.notes]
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
    known = store.article_sources()  # id -> where it was first stored from
    articles, reports, quotes = [], [], []

    def flush() -> None:
        try:
            added = store.append(articles, reports, quotes)
        except Exception:  # one story's rows the store refuses must not cost the others theirs
            log.exception("storing a batch failed; storing its articles one by one")
            added = refused = 0
            for article in articles:
                mine = article["article_id"]
                try:
                    added += store.append(
                        [article], [r for r in reports if r["article_id"] == mine], [q for q in quotes if q["article_id"] == mine]
                    )
                except Exception as error:
                    refused += 1
                    summary.notes.append((article["source"], f"story '{article['title'] or mine}' not stored: {error!r}"))
        else:
            refused = 0
        summary.articles_added += added
        summary.already_stored += len(articles) - added - refused  # stored meanwhile by another ingest
        known.update((a["article_id"], a["source"]) for a in articles)
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
            first = known.get(story.article_id) or next(
                (a["source"] for a in articles if a["article_id"] == story.article_id), None
            )
            if first is not None:
                summary.already_stored += 1
                if first != page.source:  # the same text under another name; a plain re-run needs no note
                    summary.notes.append((page.source, f"story '{story.title or story.article_id}' already stored from {first}"))
                continue
            try:
                article, story_reports, story_quotes = story_rows(story, gazetteer)
            except Exception as error:  # one story's failure must not cost the batch
                summary.notes.append((page.source, f"story '{story.title or story.article_id}' not extracted: {error!r}"))
                continue
            summary.notes += [(page.source, note) for note in check_story(article, story_reports)]
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
        except Exception as error:  # a reader tripped on a hostile file: name it, go on
            yield (str(path), f"could not be read ({type(error).__name__}: {error})")


def ingest_paths(paths: list[Path], store: Store, gazetteer: Gazetteer | None = None, progress=None) -> Summary:
    files = list(expand_paths(paths))
    missing = [(str(p), "no such file or folder") for p in paths if not p.exists()]
    summary = Summary(skipped=missing)
    return ingest_pages(read_files(f for f in files if f.exists() or f.is_symlink()), store, gazetteer, summary, progress)
