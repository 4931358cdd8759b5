"""Quotes of named (and unnamed) speakers, with their roles as the story writes them.

Attribution follows the story as a reader does: "said Jack Watling, a research fellow at the
Royal United Services Institute" introduces a speaker; later "said Watling" and "he said" are
the same person; "a top US official in Baghdad told AFP" introduces an unnamed speaker whom
"the US official said" continues. A quote paragraph with no attribution continues the previous
speaker. Fragments woven into the reporter's sentence ('granted IS "a gap to exploit"') are
marked partial. Text is kept verbatim, only the closing comma dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_QUOTED = re.compile(r"\"(?P<a>[^\"]{2,}?)\"|“(?P<b>[^”]{2,}?)”")
_VERB = r"said|says|told|added|explained|warned|stated|noted|insisted|argued|wrote|tweeted|recalled|stressed|asked|according\s+to"
_PERSON = r"(?:[A-Z][a-z'’\-]+|[A-Z]\.)(?:\s+(?:al-|el-|bin\s+|van\s+|de\s+)?[A-Z][a-z'’\-]+){0,3}"
# A role after the name: ", a research fellow at the Royal United Services Institute in London"
_ROLE_AFTER = r"(?:,\s*(?P<role>(?:the|a|an)\s+[^.;\"“”]+?|[a-z][^.;\"“”]+?))?\s*(?:[.;]|$)"
_NAMED_AFTER_VERB = re.compile(rf"(?:{_VERB})\s+(?P<title>(?:[a-z][\w\-]*\s+){{0,3}}?)?(?P<name>{_PERSON}){_ROLE_AFTER}")
_UNNAMED = r"(?P<unnamed>(?:an?|the|one)\s+(?:[\w\-]+\s+){0,5}?(?:official|officials|spokesman|spokeswoman|spokesperson|source|sources|witness|witnesses|resident|residents|commander|officer|diplomat|analyst|doctor|medic|police\s+officer|ministry|army|police|military)(?:\s+(?:in|at|of|from)\s+[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?)?)"
_SUBJECT_BEFORE_VERB = re.compile(
    rf"(?:^|[,.¶]\s*|--\s*|—\s*)(?P<title>(?:[A-Z][a-z\-]+\s+)?(?:[a-z][\w\-]*\s+){{0,2}}?)?(?:(?P<name>{_PERSON})|{_UNNAMED}|(?P<pronoun>he|she|they))"
    rf"(?:,\s*(?P<role>(?:the|a|an)\s+[^,]+?),)?\s+(?:{_VERB})\b"
)
_PRONOUN_AFTER = re.compile(rf"(?:{_VERB})\s+(?P<pronoun>he|she|they)\b|(?P<pronoun2>he|she|they)\s+(?:{_VERB})\b")
_UNNAMED_AFTER = re.compile(rf"(?:{_VERB})\s+{_UNNAMED}")
NOT_NAMES = {
    "The",
    "It",
    "This",
    "That",
    "But",
    "And",
    "In",
    "On",
    "When",
    "He",
    "She",
    "They",
    "We",
    "I",
    "AFP",
    "Reuters",
    "AP",
}


@dataclass(frozen=True)
class Quote:
    speaker: str
    speaker_role: str | None
    text: str
    partial: bool
    paragraph: int


@dataclass
class _Speaker:
    name: str
    role: str | None
    named: bool


def _role_from_title(title: str | None) -> str | None:
    title = (title or "").strip()
    if not title or title.lower() in ("the", "a", "an"):
        return None
    return title[0].upper() + title[1:]


# Where a role ends and the sentence goes on: "a police spokesman in Kabul, adding that ...",
# "a witness in the town, that on seeing the convoy ...", "the mayor, who ...".
_ROLE_ENDS = re.compile(
    r",\s*(?:that|which|who|whose|where|when|while|as|after|before|because|and|but|one\s+of|[a-z]+ing)\b"
    r"|\s+(?:adding|saying|explaining|noting|stressing|insisting|claiming)\b",
)


def _clean_role(role: str | None) -> str | None:
    if not role:
        return None
    role = re.sub(r"\s+(?:told|said|says)\b.*$", "", role.strip())
    role = _ROLE_ENDS.split(role)[0].strip()
    if re.match(r"(?:who|which|that|whose)\b", role):
        return None  # "said Ali, who served as a guard": a clause about him, not his role
    role = re.sub(r"^(?:a|an|the)\s+", "", role)
    return role or None


class _Speakers:
    """Who has spoken so far in the story, so surnames, pronouns and 'the official' resolve."""

    def __init__(self) -> None:
        self.known: list[_Speaker] = []

    def named(self, name: str, role: str | None) -> _Speaker:
        surname = name.split()[-1]
        for s in reversed(self.known):
            if s.named and (s.name == name or s.name.split()[-1] == surname):
                if role and not s.role:
                    s.role = role
                self.known.remove(s)
                self.known.append(s)
                return s
        speaker = _Speaker(name, role, True)
        self.known.append(speaker)
        return speaker

    def unnamed(self, phrase: str) -> _Speaker:
        words = re.sub(r"^(?:an?|the|one)\s+", "", phrase.strip())
        core = re.sub(r"\s+(?:in|at|of|from)\s+[A-Z].*$", "", words)
        core_tail = " ".join(core.split()[-2:])
        for s in reversed(self.known):
            if not s.named and s.name.endswith(core_tail):
                return s
        speaker = _Speaker(core, words, False)
        self.known.append(speaker)
        return speaker

    def last(self) -> _Speaker | None:
        return self.known[-1] if self.known else None


def _attribute(rest: str, speakers: _Speakers) -> _Speaker | None:
    """The speaker that the non-quoted words of a paragraph name, if any."""
    m = _NAMED_AFTER_VERB.search(rest)
    if m and m["name"] not in NOT_NAMES and not _PRONOUN_AFTER.match(m.group(0)):
        role = _clean_role(m["role"]) or _role_from_title(m["title"])
        return speakers.named(m["name"], role)
    m = _UNNAMED_AFTER.search(rest)
    if m:
        return speakers.unnamed(m["unnamed"])
    m = _SUBJECT_BEFORE_VERB.search(rest)
    if m:
        if m["name"] and m["name"].split()[0] not in NOT_NAMES:
            role = _clean_role(m["role"]) or _role_from_title(m["title"])
            return speakers.named(m["name"], role)
        if m["unnamed"]:
            return speakers.unnamed(m["unnamed"])
        if m["pronoun"]:
            return speakers.last()
    if _PRONOUN_AFTER.search(rest):
        return speakers.last()
    return None


def extract_quotes(paragraphs: list[str] | tuple[str, ...]) -> list[Quote]:
    speakers = _Speakers()
    quotes: list[Quote] = []
    previous_quoted: _Speaker | None = None
    for index, paragraph in enumerate(paragraphs):
        spans = list(_QUOTED.finditer(paragraph))
        if not spans:
            # Reported speech still introduces speakers for later quotes ("The US official said ...").
            _attribute(paragraph, speakers)
            previous_quoted = None
            continue
        rest = _QUOTED.sub(" ¶ ", paragraph)
        speaker = _attribute(rest, speakers)
        if speaker is None and paragraph.lstrip()[:1] in '"“':
            speaker = previous_quoted  # a quote paragraph continuing the previous speaker
        if speaker is None:
            previous_quoted = None
            continue
        for span in spans:
            text = (span["a"] or span["b"]).strip()
            before = paragraph[: span.start()].strip()
            whole = not before or before.endswith(":")
            partial = not whole or len(text.split()) < 4 or text[:1].islower()
            quotes.append(Quote(speaker.name, speaker.role, text.rstrip(",").strip(), partial, index))
        previous_quoted = speaker
    # Roles learnt later ("Watling" first, full introduction after) reach earlier quotes.
    by_name = {s.name: s.role for s in speakers.known}
    return [Quote(q.speaker, by_name.get(q.speaker) or q.speaker_role, q.text, q.partial, q.paragraph) for q in quotes]
