"""Who a toll comes from: one side's claim, or a report.

News names the source of a toll ("according to the army", "the rebels said they killed 20
soldiers", "a resistance officer told reporters"). A toll that an armed group gives of its
enemies' losses is a claim: careful desks and UCDP keep it as the top of a range and never as the
best figure. So is any toll the text itself calls claimed or alleged ("claimed to have killed",
"accused the army of killing"). Official statements (army, police, ministry, governor), hospitals,
monitors and residents are reports. A side's own losses ("two of our fighters died") are an
admission, not a claim. Pure functions over text; `is_country` (a name or demonym of a country)
is passed in, so this module needs no gazetteer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from loaders.extract.events import GROUPS

# Words that make a body an armed group rather than a state's forces: "the Hill National Union",
# "a People's Defence Force", "separatist fighters", "the resistance", "the Taliban".
_NON_STATE = re.compile(
    r"\b(?:rebels?|rebel\s+group|insurgents?|insurgency|militants?|separatists?|secessionists?|resistance|guerrill\w*|jihadists?"
    r"|mujahide?en|militias?|militiamen|armed\s+groups?|opposition\s+(?:groups?|forces|fighters|factions|party)"
    r"|defen[cs]e\s+forces?|liberation|independence\s+army|national\s+union|revolutionary|freedom\s+fighters|fighters"
    r"|the\s+group|the\s+(?:armed\s+)?movement|factions?)\b"
    + "|"
    + "|".join(p for patterns in GROUPS.values() for p in patterns),
    re.I,
)
# A state's forces, even where their name carries such a word: "Uganda People's Defence Force",
# "the national army", "the military", "police".
_STATE = re.compile(
    r"\b(?:army|military|armed\s+forces|police|ministry|junta|regime|state\s+media|state[- ]run|security\s+forces|troops|soldiers"
    r"|navy|air\s+force)\b",
    re.I,
)
# Victims on a state's side: "junta soldiers", "police officers", "regime forces", "BA troops".
_STATE_VICTIMS = {
    "soldier", "soldiers", "troop", "troops", "police", "policeman", "policemen", "officer", "officers", "personnel",
    "forces", "army", "military", "guard", "guards", "commando", "commandos", "ranger", "rangers", "marines",
    "servicemen", "gendarmes", "junta", "regime", "constable", "constables",
}  # fmt: skip
# The text calls the toll a claim or an allegation.
_CLAIM_WORDS = re.compile(
    r"\bclaim(?:ed|s|ing)?\s+(?:on\s+\w+\s+)?(?:that\s+)?(?:(?:it|they|he|she|its\s+\w+|their\s+\w+)\s+)?(?:had\s+|have\s+|has\s+)?(?:to\s+have\s+)?(?:killed|killing|shot)\b"
    r"|\bclaimed\s+the\s+(?:killing|deaths?)\s+of\b|\baccus(?:ed|es|ing)\s+(?:[\w'’\-]+\s+){1,6}?of\s+(?:killing|shooting|murdering)\b"
    r"|\b(?:unverified|unconfirmed)\s+claims?\b",
    re.I,
)
_SPEECH = r"(?:said|says|claimed|claims|told|reported|announced|stated|added|tweeted|wrote|confirmed)"
_ACCORDING = re.compile(r"\baccording\s+to\s+(?P<src>[^,.;:“”\"]{2,90})", re.I)
# "said the governor", "added a rebel commander" (never "told AFP that ...": who was told is no source).
_SAID_AFTER = re.compile(
    r"\b(?:said|says|claimed|added|stated|confirmed)\s+(?P<src>(?:the|a|an)\s+[^,.;:“”\"]{2,90}?|[A-Z][^,.;:“”\"]{2,90}?)"
    r"(?=\s+(?:that|on|in|at|after|when|while|as|who|which)\b|[,.;:“”\"]|$)"
)
_SAID_BEFORE = re.compile(
    rf"(?P<src>(?:^|(?<=[,.;:“”\"]\s)|(?<=\s))(?:[\w'’\-]+,?\s+){{1,10}}?)(?:has\s+|have\s+|had\s+)?{_SPEECH}\b"
)
_PASSIVE_END = re.compile(r"\b(?:were|was|is|are|been|being|also|reportedly|later|widely)\s*$", re.I)
_RESPONSIBILITY = re.compile(r"\s+(?:\w+\s+)?(?:responsibility|credit)\b", re.I)
# "he said", "they said", "said the officer": the source named before.
_PRONOUN = re.compile(r"^\s*(?:(?i:he|she|they|it|we)|(?i:the)\s+(?:[a-z][\w'’\-]*\s+){0,2}[a-z][\w'’\-]*)\s*$")
# Sources that confirm a toll as no party to the fight can: a state's own statement, a hospital,
# residents, a monitor, the UN.
_INDEPENDENT = re.compile(
    r"\b(?:hospital|medics?|doctors?|residents?|villagers?|witness(?:es)?|monitor|observatory|united\s+nations|UN|red\s+(?:cross|crescent)"
    r"|rights\s+group|human\s+rights|local\s+officials?|governor|mayor|coroner|morgue)\b",
    re.I,
)
_ACRONYM = re.compile(
    r"\b(?P<full>(?:[A-Z][\w'’\-]*\s+(?:(?:of|the|and|for|de|du)\s+)?){1,7}[A-Z][\w'’\-]*(?:\s*[–-]\s*[A-Z][\w'’\-]*)?)\s*\((?P<acr>[A-Z][A-Za-z0-9\-]{1,15})\)"
)


def acronyms(text: str) -> dict[str, str]:
    """What each acronym a story defines stands for: "Hill People's Defence Force (HPDF)" -> HPDF."""
    return {m["acr"]: m["full"] for m in _ACRONYM.finditer(text)}


def sources(sentence: str) -> list[str]:
    """The phrases a sentence names as the source of what it tells ("according to the army").

    Claiming responsibility for an attack is not telling its toll: "the Taliban claimed
    responsibility" names no source.
    """
    return list(_sources(sentence))


@lru_cache(maxsize=8192)
def _sources(sentence: str) -> tuple[str, ...]:
    found = [m["src"] for m in _ACCORDING.finditer(sentence)]
    found += [m["src"] for m in _SAID_AFTER.finditer(sentence)]
    found += [
        m["src"].strip().rstrip(",")
        for m in _SAID_BEFORE.finditer(sentence)
        # "were also reported injured" is no one telling; in "Four were killed, said the governor"
        # the words before ", said" are what was said.
        if m["src"].strip()
        and not _RESPONSIBILITY.match(sentence, m.end())
        and not _PASSIVE_END.search(m["src"])
        and not (m["src"].rstrip().endswith(",") and _SAID_AFTER.match(sentence, m.end() - len(m.group(0)) + len(m["src"])))
    ]
    return tuple(found)


def is_non_state(source: str, known: dict[str, str], is_country: Callable[[str], bool]) -> bool:
    """Whether a source phrase names an armed group, not a state's forces or a neutral witness."""
    words = source
    for acronym, full in known.items():
        if re.search(rf"\b{re.escape(acronym)}\b", source):
            words += " " + full
    if not _NON_STATE.search(words):
        return False
    # "the army's 5th brigade", "Uganda People's Defence Force": a state's own forces.
    if any(is_country(w) for w in re.findall(r"[A-Z][\w'’]*", words)):
        return False
    # State words left once the group's own name is taken out ("Hill Independence Army" is no army
    # of a state; "rebels fighting the army" speak against it).
    rest = _NON_STATE.sub(" ", re.sub(r"\b(?:against|fighting|with)\s+the\s+\w+", "", words))
    return not _STATE.search(rest)


def claimed_by_one_side(
    sentence: str,
    victims: str,
    attribution: list[str],
    known: dict[str, str],
    is_country: Callable[[str], bool],
) -> bool:
    """Whether a toll of `victims` (the mention's noun) in `sentence` is one side's claim.

    `attribution` holds the sources the sentence or its paragraph names (pronouns resolved by the
    caller). The claim is an armed group's about the state side's dead, or one the text calls a claim.
    """
    if _CLAIM_WORDS.search(sentence):
        return True
    if victims.lower().split("+")[0] not in _STATE_VICTIMS:
        return False  # an armed group telling of its own or civilians' dead is not claiming a kill
    return any(is_non_state(source, known, is_country) for source in attribution)


def confirms(sources_named: list[str]) -> bool:
    """Whether a sentence's sources include one that is no armed party: the state, a hospital, residents."""
    return any(_STATE.search(s) or _INDEPENDENT.search(s) for s in sources_named)


def resolve(found: list[str], last: list[str]) -> list[str]:
    """A sentence's sources with "he said", "they said" read as the last source named before."""
    named = [s for s in found if not _PRONOUN.match(s)]
    if len(named) < len(found) and not named:
        return last
    return named
