"""Readers: turn a file into a `Page` (its text and what the file says about itself).

Each source kind is one function, chosen by file suffix (`SOURCE_KINDS` lists them all): a
text or HTML file is one page (`READERS`), a feed one page per item (loaders/feeds.py), and
every reader returns the same `Page` shape so the later stages never care where the text came
from. Dataset exports (.csv: ACLED, UCDP GED) are already coded events, not pages: they are
read by loaders/imports.py into table rows. A file we cannot read raises `ReadError` with a
one-line reason for the ingest summary; a reader never writes anything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

MAX_BYTES = 20_000_000  # a news page is far smaller; larger files are logs or dumps


class ReadError(Exception):
    """A file that cannot become a page; str(error) is the reason shown to the user."""


@dataclass(frozen=True)
class Page:
    source: str  # path or URL
    text: str
    kind: str  # "text", "html", "feed" (an item's full content) or "feed summary"
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO date from page metadata, when the page has one
    notes: tuple[str, ...] = field(default=())  # things the user should know, e.g. the encoding used


def decode(raw: bytes) -> tuple[str, tuple[str, ...]]:
    """Bytes to text: UTF-8 (with or without BOM), else Windows-1252 with a note."""
    if not raw.strip():
        raise ReadError("empty file")
    if b"\x00" in raw[:8192] or _control_ratio(raw[:8192]) > 0.1:
        raise ReadError("binary file, not text")
    try:
        return raw.decode("utf-8-sig"), ()
    except UnicodeDecodeError:
        # Older news sites still serve Windows-1252; latin-1 would mangle its quote marks.
        return raw.decode("cp1252", errors="replace"), ("not valid UTF-8: read as Windows-1252",)


def _control_ratio(raw: bytes) -> float:
    controls = sum(1 for b in raw if b < 32 and b not in (9, 10, 12, 13))
    return controls / max(len(raw), 1)


def read_text_page(path: Path) -> Page:
    text, notes = decode(_read_bytes(path))
    return Page(source=str(path), text=text, kind="text", notes=notes)


def read_html_page(path: Path) -> Page:
    raw, notes = decode(_read_bytes(path))
    return html_to_page(raw, source=str(path), notes=notes)


def html_to_page(html: str, *, source: str, notes: tuple[str, ...] = ()) -> Page:
    # trafilatura is imported here: it costs half a second and text-only runs never need it.
    import trafilatura

    document = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    text = getattr(document, "text", None) if document is not None else None
    # Counted in characters: Japanese and Chinese pages have no spaces between words.
    if not text or len(text.strip()) < 120:
        raise ReadError("HTML page with no article text")
    return Page(
        source=source,
        text=text,
        kind="html",
        title=getattr(document, "title", None),
        author=getattr(document, "author", None),
        outlet=getattr(document, "sitename", None),
        published=getattr(document, "date", None),
        notes=notes,
    )


def _read_bytes(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ReadError(f"file too large ({size / 1e6:.0f} MB; the limit is {MAX_BYTES / 1e6:.0f} MB)")
    return path.read_bytes()


READERS: dict[str, Callable[[Path], Page]] = {
    ".txt": read_text_page,
    ".text": read_text_page,
    ".html": read_html_page,
    ".htm": read_html_page,
}


FEED_SUFFIXES = (".rss", ".atom", ".xml")
DATASET_SUFFIXES = (".csv",)
# Every kind of source file, by the suffixes that select its reader.
SOURCE_KINDS: dict[str, tuple[str, ...]] = {
    "text page": (".txt", ".text"),
    "HTML page": (".html", ".htm"),
    "feed": FEED_SUFFIXES,
    "dataset export (ACLED, UCDP GED)": DATASET_SUFFIXES,
}


def _unsupported(path: Path) -> ReadError:
    known = ", ".join(s for suffixes in SOURCE_KINDS.values() for s in suffixes)
    return ReadError(f"unsupported file type '{path.suffix or '(none)'}' (readable: {known})")


def read_page(path: Path) -> Page:
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise _unsupported(path)
    return reader(path)


def read_pages(path: Path) -> list[Page]:
    """Every page a file holds: one for a text or HTML page, one per item for a feed."""
    suffix = path.suffix.lower()
    if suffix in FEED_SUFFIXES:
        from loaders.feeds import read_feed_file  # feeds imports this module

        return read_feed_file(path)
    if suffix in DATASET_SUFFIXES:
        raise ReadError("a dataset export, not pages: read it with loaders.imports.read_dataset")
    return [read_page(path)]


def expand_paths(paths: list[Path]) -> Iterator[Path]:
    """Files named directly, and the files of named folders (recursively, sorted)."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        else:
            yield path
