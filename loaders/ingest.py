"""The ingest flow: files -> pages -> stories -> reports and quotes -> store.

Pages come from text, HTML and feed files and from the feeds a TOML file lists; dataset exports
(.csv: ACLED, UCDP GED) skip the reading of text and go to the store as coded rows. One bad file or one story that trips the extractor never aborts the batch: the file is named
in the summary with its reason and the rest goes in. Work is stored every BATCH_PAGES pages,
so a long ingest that is interrupted keeps what it finished.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from loaders.extract.plausibility import check_story
from loaders.extract.reports import extract_story
from loaders.extract.stories import Story, split_stories
from loaders.geo.gazetteer import Gazetteer, default_gazetteer
from loaders.read.pages import DATASET_SUFFIXES, Page, ReadError, expand_paths, read_pages
from loaders.store import Store
from loaders.store.schema import ARTICLES

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
    events_read: int = 0  # dataset rows (ACLED, UCDP GED)
    events_added: int = 0
    events_already_stored: int = 0

    def lines(self) -> list[str]:
        out = [
            f"pages read: {self.pages_read}",
            f"stories: {self.stories} ({self.articles_added} new, {self.already_stored} already stored)",
            f"incident reports: {self.reports}",
            f"quotes: {self.quotes}",
        ]
        if self.events_read:
            out.append(
                f"dataset events: {self.events_read} ({self.events_added} new, {self.events_already_stored} already stored)"
            )
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


def checked_story_rows(story: Story, gazetteer: Gazetteer) -> tuple[tuple[dict, list[dict], list[dict]] | None, list[str]]:
    """One story's rows with the plausibility rules applied, and the notes for the user; no rows
    when the extractor tripped on it. The one per-story step of ingest and of the browser's drafts."""
    label = story.title or story.article_id
    try:
        article, reports, quotes = story_rows(story, gazetteer)
    except Exception as error:  # one story's failure must not cost the others
        return None, [f"story '{label}' not extracted: {error!r}"]
    notes = check_story(article, reports)
    if not reports:
        notes.append(f"no incident found in story '{label}'")
    return (article, reports, quotes), notes


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
            rows, notes = checked_story_rows(story, gazetteer)
            summary.notes += [(page.source, note) for note in notes]
            if rows is None:
                continue
            article, story_reports, story_quotes = rows
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
            yield from read_pages(path)
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
    datasets = [f for f in files if f.exists() and f.suffix.lower() in DATASET_SUFFIXES]
    for path in datasets:
        ingest_dataset(path, store, summary)
        if progress:
            progress(str(path))
    pages = [f for f in files if (f.exists() or f.is_symlink()) and f.suffix.lower() not in DATASET_SUFFIXES]
    if not pages:
        return summary
    return ingest_pages(read_files(pages), store, gazetteer, summary, progress)


# --- coded datasets and feeds --------------------------------------------------------------


def source_rows(path: Path, gazetteer: Gazetteer | None = None) -> tuple[list[dict], list[dict], list[dict]]:
    """The articles, reports and quotes rows one file yields, whatever its kind, without storing
    them: the contract every source kind keeps (tests/test_sources.py). ReadError if unreadable."""
    if path.suffix.lower() in DATASET_SUFFIXES:
        from loaders.read.datasets import read_dataset

        rows = read_dataset(path)
        return rows.articles, rows.reports, []
    gazetteer = gazetteer or default_gazetteer()
    articles, reports, quotes = [], [], []
    for page in read_pages(path):
        for story in split_stories(page):
            article, story_reports, story_quotes = story_rows(story, gazetteer)
            articles.append(article)
            reports += story_reports
            quotes += story_quotes
    return articles, reports, quotes


DATASET_BATCH_ROWS = 20_000  # events per stored batch: a crash keeps what was stored before it
MAX_NAMED_SKIPS = 10  # skipped rows named in the summary; the rest are counted


def ingest_dataset(source: Path | bytes, store: Store, summary: Summary | None = None, name: str | None = None) -> Summary:
    """An ACLED or UCDP GED export (a path, or the bytes of an upload called `name`) into the store."""
    from loaders.read.datasets import read_dataset

    summary = summary or Summary()
    label = name or str(source if not isinstance(source, bytes) else "upload")
    try:
        rows = read_dataset(source, name)
    except ReadError as error:
        summary.skipped.append((label, str(error)))
        return summary
    except OSError as error:
        summary.skipped.append((label, f"cannot read: {error.strerror or error}"))
        return summary
    summary.events_read += len(rows.articles)
    summary.skipped += [(f"{label} {where}", reason) for where, reason in rows.skipped[:MAX_NAMED_SKIPS]]
    if len(rows.skipped) > MAX_NAMED_SKIPS:
        summary.skipped.append((label, f"{len(rows.skipped) - MAX_NAMED_SKIPS} more rows skipped for reasons like those above"))
    summary.notes += [(label, note) for note in rows.notes]
    known = store.article_ids()
    new = [a for a in rows.articles if a["article_id"] not in known]
    new_ids = {a["article_id"] for a in new}
    reports = [r for r in rows.reports if r["article_id"] in new_ids]
    added = 0
    for start in range(0, len(new), DATASET_BATCH_ROWS):
        batch = new[start : start + DATASET_BATCH_ROWS]
        ids = {a["article_id"] for a in batch}
        added += store.append(batch, [r for r in reports if r["article_id"] in ids], [])
    summary.events_added += added
    summary.events_already_stored += len(rows.articles) - added
    summary.reports += added  # one report per new event
    return summary


def ingest_feeds(
    config: Path,
    store: Store,
    gazetteer: Gazetteer | None = None,
    summary: Summary | None = None,
    fetch_articles: bool | None = None,
    progress: Callable[[str], None] | None = None,
) -> Summary:
    """The feeds a TOML file lists (fetched, or read from saved files) into the store.

    Items whose link is already an article's source are passed over before their linked page is
    fetched; the rest are also checked by text, like any page.
    """
    from loaders.read.feeds import feed_pages, load_feed_config

    summary = summary or Summary()
    try:
        sources = load_feed_config(config)
    except ReadError as error:
        summary.skipped.append((str(config), str(error)))
        return summary
    stored = set(store.read(ARTICLES, ["source"])["source"].dropna())

    def known(_: str) -> None:
        summary.already_stored += 1

    pages = (page for source in sources for page in feed_pages(source, stored, fetch_articles, known))
    return ingest_pages(pages, store, gazetteer, summary, progress)
