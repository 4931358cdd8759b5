"""Split a page into stories and strip the page furniture around them.

A page may carry several wire stories (the seed holds a second AFP story below the first),
each opened by a dateline, plus furniture: site banners, section labels, donation appeals,
share buttons, related-headline lists and copyright footers. What survives is only the
paragraphs of prose that belong to a story. Pure functions over text.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date

from loaders.extract.dates import Dateline, find_anchor_date, parse_dateline, parse_iso_date
from loaders.read.pages import Page

# A paragraph matching one of these ends the story it follows: what comes after is page furniture.
_STORY_END = re.compile(
    r"^(?:related (?:links|articles|stories|news|content|coverage)\b|read more\b|more on this\b|see also\b"
    r"|thanks for being here|we need your help|support (?:our|us)\b|donate\b|subscribe\b"
    r"|comment using\b|share this (?:article|story)|share on\b|follow us\b"
    r"|(?:the content herein|copyright|all rights reserved|©)"
    r"|sign up for\b|newsletter\b)",
    re.I,
)
# Paragraphs dropped wherever they stand.
_FURNITURE = re.compile(
    r"^(?:file (?:image|photo)(?: only)?|image:|photo:|caption:|image (?:source|caption)\b.*|getty images|\(?photo by\b|click here\b"
    r"|(?:adsense\s+)?advertisement|tags:.*|comments?|dark mode|logo|shares?|\d+\s+shares"
    r"|listen to (?:this|the) article|\d+ min(?:ute)? read|advertisement|skip to\b"
    r"|-\s.{1,60}\s-)$",  # AFP subheads: "- 'Gap to exploit' -"
    re.I,
)
_BYLINE = re.compile(r"^By\s+(?P<author>[A-Z][\w.'’\- ]{2,60}?)(?:\s*[,|]\s*.*)?$")
# A line that ends a sentence, or introduces what follows ("5 November 2021, near the village of X:").
_SENTENCE_END = re.compile(r"[.!?\"'”’):]\s*$")
_READ_MORE = re.compile(r"\s*\.{3}\s*read more\s*$", re.I)


@dataclass(frozen=True)
class Story:
    article_id: str
    title: str | None
    author: str | None
    outlet: str | None
    dateline_place: str | None
    date: date | None  # the dateline's (or the page's) date: the anchor for "on Thursday"
    source: str
    paragraphs: tuple[str, ...]
    truncated: bool = False  # a teaser cut off with "read more"
    # Where `date` comes from: "dateline" or "page" (metadata, or a `published` field) are the day
    # the story came out, so nothing it reports happened later; "text" is the first full date the
    # text names, an event's day, which later days in the story may follow.
    date_source: str | None = None

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def article_id(text: str) -> str:
    """Hash of the normalised text: the same story stored twice has one id."""
    normal = re.sub(r"\s+", " ", text).strip().casefold()
    return hashlib.sha256(normal.encode()).hexdigest()[:16]


def _paragraphs(text: str) -> list[str]:
    # Plain-text pages put one paragraph per line, blank lines between some; treat each
    # non-empty line as a paragraph so headline lists stay line by line.
    # Asterisks around a line are emphasis carried over from the page's markup ("*KANDAHAR: Police ...*").
    lines = (_EMPHASIS.sub("", re.sub(r"\s+", " ", line).strip()) for line in text.splitlines())
    return [line for line in lines if line]


_EMPHASIS = re.compile(r"^\*+\s*|\s*\*+$")


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def _is_prose(paragraph: str) -> bool:
    if len(_CJK.findall(paragraph)) > 20:
        # Japanese and Chinese have no spaces: a sentence is long and ends in a full stop.
        return paragraph.rstrip()[-1:] in "。！？」』）"
    words = paragraph.split()
    if paragraph[:1] in "\"“'‘" and len(words) >= 3:
        return True
    return len(words) >= 6 and bool(_SENTENCE_END.search(paragraph))


def _is_label(paragraph: str) -> bool:
    """Section labels and banners: short, shouting or dotted ('IRAQ WARS', '. Space News .')."""
    letters = re.sub(r"[^A-Za-z]", "", paragraph)
    return len(paragraph.split()) <= 6 and (letters.isupper() or paragraph.startswith(".") or paragraph.endswith(" ."))


def split_stories(page: Page) -> list[Story]:
    """The stories on a page, each with its own dateline, title and prose paragraphs."""
    paragraphs = _paragraphs(page.text)
    starts = [(i, d) for i, p in enumerate(paragraphs) if (d := parse_dateline(p))]
    if not starts:
        return _single_story(page, paragraphs)
    stories = []
    # Prose before the first dateline is a story of its own (an undated lead), not its header.
    before = paragraphs[: starts[0][0]]
    if sum(1 for p in before if _is_prose(p) and not _FURNITURE.match(p)) >= 2:
        stories += _single_story(page, before)
    for n, (i, dateline) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(paragraphs)
        header = paragraphs[starts[n - 1][0] + 1 if n else 0 : i]
        title, author = _title_and_author(header, page.title if n == 0 else None)
        body = ([dateline.rest] if dateline.rest else []) + paragraphs[i + 1 : end]
        story = _make_story(page, body, title, author, dateline)
        if story is not None:
            stories.append(story)
    return stories


def _single_story(page: Page, paragraphs: list[str]) -> list[Story]:
    title, author = _title_and_author(paragraphs[:3], page.title)
    story = _make_story(page, paragraphs, title, author, None)
    return [story] if story is not None else []


def _title_and_author(header: list[str], fallback: str | None) -> tuple[str | None, str | None]:
    title, author = fallback, None
    for p in reversed(header):
        if m := _BYLINE.match(p):
            author = author or m["author"].strip()
        elif title is None and not _is_label(p) and not _STORY_END.match(p) and not _FURNITURE.match(p) and not _is_prose(p):
            title = p
    return title, author


def _make_story(page: Page, body: list[str], title, author, dateline: Dateline | None) -> Story | None:
    kept: list[str] = []
    truncated = False
    for p in body:
        if _STORY_END.match(p):
            if kept:
                break
            continue  # a banner above the story ("Subscribe", "Advertisement") does not end it
        if _READ_MORE.search(p):
            # A teaser cut mid-word: keep its whole sentences only.
            whole = re.sub(r"[^.!?\"”]*$", "", _READ_MORE.sub("", p)).strip()
            kept += [whole] if whole else []
            truncated = True
            break
        if _FURNITURE.match(p) or _BYLINE.match(p) or not _is_prose(p):
            # Headline lists and labels are short lines without sentence punctuation.
            if kept and len(p.split()) > 25:
                kept.append(p)  # a long unpunctuated paragraph is still prose
            continue
        kept.append(p)
    if not kept:
        return None
    text = "\n\n".join(kept)
    sources = (
        ("dateline", dateline.date if dateline else None),
        ("page", parse_iso_date(page.published)),
        ("text", find_anchor_date(page.text)),
    )
    date_source, anchor = next(((name, when) for name, when in sources if when is not None), (None, None))
    return Story(
        article_id=article_id(text),
        title=title,
        author=author or page.author,
        outlet=(dateline.agency if dateline else None) or page.outlet,
        dateline_place=dateline.place if dateline else None,
        date=anchor,
        source=page.source,
        paragraphs=tuple(kept),
        truncated=truncated,
        date_source=date_source,
    )
