"""Readers: turn a file into a `Page` (its text and what the file says about itself).

Each source kind is one function, chosen by file suffix (`SOURCE_KINDS` lists them all): a
text or HTML file is one page (`READERS`), a feed one page per item (loaders/read/feeds.py), and
every reader returns the same `Page` shape so the later stages never care where the text came
from. Dataset exports (.csv: ACLED, UCDP GED) are already coded events, not pages: they are
read by loaders/read/datasets.py into table rows. A file we cannot read raises `ReadError` with a
one-line reason for the ingest summary; a reader never writes anything.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

# The one size limit for a page, in Streamlit's unit: `server.maxUploadSize` in
# .streamlit/config.toml is this number (megabytes of 1024 * 1024 bytes, as Streamlit counts them),
# so an upload the browser accepts is never refused here, and the upload page can show it.
MAX_UPLOAD_MB = 20
MAX_BYTES = MAX_UPLOAD_MB * 1024 * 1024  # a news page is far smaller; larger files are logs or dumps
SIZE_LIMIT_TEXT = f"Pages up to {MAX_UPLOAD_MB} MB each (.txt or .html)."


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


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    # Bytes that are not UTF-8 are read as Windows-1252 one run at a time, so a page pasted
    # together from a UTF-8 and a Windows-1252 source keeps both halves readable.
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start : error.end].decode("cp1252", errors="replace"), error.end


codecs.register_error("conflict-cp1252", _cp1252_fallback)


def decode(raw: bytes) -> tuple[str, tuple[str, ...]]:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252 for the
    bytes that are not UTF-8, with a note."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError as error:
            raise ReadError("file starts with a UTF-16 byte-order mark but is not UTF-16") from error
        if not text.strip():
            raise ReadError("empty file")
        return text, ("read as UTF-16 (byte-order mark)",)
    if not raw.strip():
        raise ReadError("empty file (nothing but white space)" if raw else "empty file")
    if b"\x00" in raw[:8192] or _control_ratio(raw[:8192]) > 0.1:
        raise ReadError("binary file, not text")
    try:
        text, notes = raw.decode("utf-8-sig"), ()
    except UnicodeDecodeError:
        # Older news sites still serve Windows-1252; latin-1 would mangle its quote marks.
        text = raw.decode("utf-8-sig", errors="conflict-cp1252")
        notes = ("not valid UTF-8: the bytes that are not were read as Windows-1252",)
    if not text.strip():
        raise ReadError("empty file (nothing but white space)")
    # Control characters have no place in article text, and direction overrides make a reader see
    # words in another order than they are stored (the "Trojan Source" trick): both are dropped.
    cleaned = text.translate(_CONTROLS)
    overrides = sum(text.count(chr(c)) for c in _DIRECTION_OVERRIDES)
    if overrides:
        notes += (f"removed {overrides} invisible text-direction control(s)",)
    return cleaned, notes


_DIRECTION_OVERRIDES = (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
_CONTROLS = {c: None for c in (*range(32), 0x7F, *_DIRECTION_OVERRIDES) if c not in (9, 10, 12, 13)}


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

    try:
        document = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
        )
    except (RecursionError, MemoryError, ValueError, TypeError) as error:
        # lxml and trafilatura give up on some broken or absurdly nested markup.
        raise ReadError(f"HTML page could not be parsed ({type(error).__name__})") from error
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


def too_large(size: int) -> str:
    """The reason shown for a file over the limit (the same words for uploads and folders)."""
    return f"file too large ({size / 2**20:.0f} MB; the limit is {MAX_UPLOAD_MB} MB)"


def _read_bytes(path: Path) -> bytes:
    if not path.is_file():
        # A FIFO or a device (/dev/zero) named like a page would block or never end.
        raise ReadError("not a regular file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ReadError(too_large(size))
    with path.open("rb") as handle:
        raw = handle.read(MAX_BYTES + 1)  # a file still growing is cut off here, not read forever
    if len(raw) > MAX_BYTES:
        raise ReadError(too_large(len(raw)))
    return raw


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
        from loaders.read.feeds import read_feed_file  # feeds imports this module

        return read_feed_file(path)
    if suffix in DATASET_SUFFIXES:
        raise ReadError("a dataset export, not pages: read it with loaders.read.datasets.read_dataset")
    return [read_page(path)]


def expand_paths(paths: list[Path]) -> Iterator[Path]:
    """Files named directly, and the files of named folders (recursively, sorted)."""
    for path in paths:
        if path.is_dir():
            # Everything but folders: a FIFO, device or broken link is named with its reason, not passed over.
            yield from sorted(p for p in path.rglob("*") if not p.is_dir() and not p.name.startswith("."))
        else:
            yield path
