"""RSS and Atom feeds: each item becomes a `Page`; feeds listed in a TOML file are fetched.

An item's page has its title, its link as the source, its published date (in the feed's own
time zone, so an evening story keeps its day) and its content as the text, or its summary when
that is all the feed carries. With `fetch_articles`, an item that only has a summary is
replaced by its linked page, read by the HTML reader. Parsing is feedparser's (it copes with
the malformed feeds real sites serve). Fetching uses the standard library with a timeout; a
feed that cannot be fetched gives one line saying why, never a traceback.

This module never writes the store; ingest.py skips the items already stored.
"""

from __future__ import annotations

import tomllib
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path

from loaders.read.pages import MAX_BYTES, Page, ReadError, decode, html_to_page

FETCH_TIMEOUT_S = 20
USER_AGENT = "conflict-monitor/1.0 (+feed reader; one request per feed)"
# An item text shorter than this is a teaser, worth replacing by its linked page when allowed.
SUMMARY_CHARS = 600


class FetchError(Exception):
    """A URL that could not be fetched; str(error) is the one-line reason."""


@dataclass(frozen=True)
class FeedSource:
    """One entry of the feeds file: a URL to fetch or a saved feed file."""

    name: str
    url: str | None = None
    path: Path | None = None
    fetch_articles: bool = False

    @property
    def where(self) -> str:
        return self.url or str(self.path)


class _TextOf(HTMLParser):
    """The visible text of an item's HTML, without FeedBurner's share links and tracking images."""

    SKIP = {"script", "style"}
    BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "blockquote", "tr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: list[str] = []  # the open tags whose content is dropped

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        if self.skipping or tag in self.SKIP or "feedflare" in classes:
            if tag not in ("br", "img"):
                self.skipping.append(tag)
            return
        if tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
            return
        if tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def html_text(fragment: str) -> str:
    parser = _TextOf()
    parser.feed(fragment)
    parser.close()
    paragraphs = (" ".join(p.split()) for p in "".join(parser.parts).split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


def _published(entry) -> str | None:
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if not raw:
            continue
        for parse in (parsedate_to_datetime, datetime.fromisoformat):
            try:
                return parse(raw.strip()).date().isoformat()
            except (TypeError, ValueError, IndexError):
                continue
        parsed = entry.get(f"{key}_parsed")  # feedparser's own reading, in UTC
        if parsed:
            return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"
    return None


def _entry_text(entry) -> tuple[str, bool]:
    """The item's text and whether it is the full content (not just a summary)."""
    contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    if contents:
        content = html_text(max(contents, key=len))
        if content:
            return content, True
    return html_text(entry.get("summary", "") or ""), False


def parse_feed(raw: bytes, source: str) -> tuple[list[Page], list[tuple[str, str]]]:
    """Pages of a feed's items, and (item, reason) for items without any text."""
    import feedparser  # imported here: only feed ingests pay for it

    feed = feedparser.parse(raw)
    if not feed.entries and (feed.bozo or not feed.get("version")):
        reason = getattr(feed.get("bozo_exception"), "getMessage", lambda: None)() or str(feed.get("bozo_exception") or "")
        raise ReadError(f"not an RSS or Atom feed{f' ({reason})' if reason else ''}")
    outlet = (feed.feed.get("title") or "").strip() or None
    pages, skipped = [], []
    for n, entry in enumerate(feed.entries, start=1):
        # FeedBurner wraps links in a redirect; its origLink is the article's own address.
        link = (entry.get("feedburner_origlink") or entry.get("link") or "").strip() or f"{source}#item-{n}"
        title = html_text(entry.get("title", "") or "") or None
        text, full = _entry_text(entry)
        if not text:
            skipped.append((link, "feed item with no text"))
            continue
        pages.append(
            Page(
                source=link,
                text=text,
                kind="feed" if full else "feed summary",
                title=title,
                author=(entry.get("author") or "").strip() or None,
                outlet=outlet,
                published=_published(entry),
            )
        )
    return pages, skipped


def read_feed_file(path: Path) -> list[Page]:
    """A saved RSS or Atom file: one page per item (items without text are left out)."""
    if path.stat().st_size > MAX_BYTES:
        raise ReadError(f"file too large ({path.stat().st_size / 1e6:.0f} MB)")
    pages, _ = parse_feed(path.read_bytes(), str(path))
    if not pages:
        raise ReadError("feed with no items that have text")
    return pages


def fetch(url: str, timeout: float = FETCH_TIMEOUT_S) -> bytes:
    """GET a URL, or FetchError with one line saying why not (no network, 404, timeout)."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            raw = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as error:
        raise FetchError(f"the server answered {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        raise FetchError(f"no connection ({error.reason}); is the network there?") from None
    except (TimeoutError, OSError) as error:
        raise FetchError(f"no connection ({error}); is the network there?") from None
    except ValueError as error:  # not a URL at all
        raise FetchError(str(error)) from None
    if len(raw) > MAX_BYTES:
        raise FetchError(f"more than {MAX_BYTES / 1e6:.0f} MB")
    return raw


def load_feed_config(path: Path) -> list[FeedSource]:
    """The `[[feed]]` tables of a TOML file; paths are relative to the file. ReadError if malformed."""
    try:
        config = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ReadError(f"cannot read the feeds file: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ReadError(f"the feeds file is not valid TOML: {error}") from None
    sources = []
    for n, entry in enumerate(config.get("feed", []), start=1):
        if not isinstance(entry, dict) or bool(entry.get("url")) == bool(entry.get("path")):
            raise ReadError(f"feed {n} in {path.name}: give either a url or a path")
        local = path.parent / entry["path"] if entry.get("path") else None
        sources.append(
            FeedSource(
                name=str(entry.get("name") or entry.get("url") or entry.get("path")),
                url=entry.get("url"),
                path=local,
                fetch_articles=bool(entry.get("fetch_articles", False)),
            )
        )
    if not sources:
        raise ReadError(f"no [[feed]] entries in {path.name}")
    return sources


def feed_pages(
    source: FeedSource,
    skip_links: set[str] = frozenset(),
    fetch_articles: bool | None = None,
    on_skip: Callable[[str], None] | None = None,
) -> Iterator[Page | tuple[str, str]]:
    """The pages of one configured feed, or (where, reason) for what could not be read.

    Items whose link is in `skip_links` (already stored) are passed over before any fetching,
    each reported to `on_skip`.
    """
    fetch_articles = source.fetch_articles if fetch_articles is None else fetch_articles
    try:
        raw = fetch(source.url) if source.url else source.path.read_bytes()
        pages, skipped = parse_feed(raw, source.where)
    except FetchError as error:
        yield (source.where, f"cannot fetch feed '{source.name}': {error}")
        return
    except (OSError, ReadError) as error:
        yield (source.where, f"feed '{source.name}': {getattr(error, 'strerror', None) or error}")
        return
    yield from skipped
    for page in pages:
        if page.source in skip_links:
            if on_skip:
                on_skip(page.source)
            continue
        if fetch_articles and page.kind == "feed summary" and len(page.text) < SUMMARY_CHARS and page.source.startswith("http"):
            page = _linked_page(page)
        yield page


def _linked_page(item: Page) -> Page:
    """The item's linked article, read by the HTML reader; the item itself when that fails."""
    try:
        html, notes = decode(fetch(item.source))
        page = html_to_page(html, source=item.source, notes=notes)
    except (FetchError, ReadError) as error:
        return replace(item, notes=(*item.notes, f"kept the feed's summary: linked page not read ({error})"))
    return Page(
        source=item.source,
        text=page.text,
        kind="html",
        title=page.title or item.title,
        author=page.author or item.author,
        outlet=page.outlet or item.outlet,
        published=item.published or page.published,
        notes=page.notes,
    )
