"""Killed and wounded counts in a sentence, as ranges with their qualifiers.

Counting rules (documented in docs/accuracy.md):
- "at least 32" gives low 32, best 32, no high; "more than 100" gives low 101; "nearly 50" and
  "up to 50" give high 50; "3-5" gives low 3, best 3 (the conservative figure, as ACLED codes);
  "dozens" gives 24-99, "hundreds" 200-999, "several" 3-9.
- Victim groups in one phrase add up ("two children and three women were killed" = 5).
- Across sentences of one incident, a group is counted once (the largest or the revised
  figure, "the toll rose to 40"); distinct groups add up ("2 soldiers ... also 13 militants");
  a general figure ("32 people") covers the groups when it is at least their sum.
- killed counts everyone the report says died, attackers included (ACLED's convention); the
  attackers' share is kept apart in `attackers_killed` of the mention for the evidence.
- Cumulative tallies ("have killed 10,000 since 2015", "since the coup", "between March and
  May", "in July alone", "these attacks claimed the lives of"), ages, durations and troop counts
  are not tolls: a number counts only when a casualty word governs it (`is_tally`).
- The same victims told twice in different sentences ("15 militants were killed ... the governor
  said 15 Taliban fighters died") are counted once: the same figure for a group of the same side.
- A toll only one side claims (a mention marked `claimed` by the caller) widens the range's high
  end and never sets the best figure; an unknown number ("a yet to be determined number") is no
  number at all.
Pure functions; nothing here knows about places or dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

UNITS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen".split()
    )
}
TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if w != "_"}
_WORD = "|".join(sorted([*UNITS, *TENS], key=len, reverse=True))
# (low, best, high) of vague quantities.
VAGUE = {
    "dozens": (24, 24, 99),
    "tens": (20, 20, 99),
    "scores": (40, 40, 99),
    "hundreds": (200, 200, 999),
    "thousands": (2000, 2000, 9999),
    "several": (3, 3, 9),
    "a few": (2, 3, 5),
    "a handful": (2, 3, 5),
    "a number": (2, 2, None),
    "a couple": (2, 2, 2),
}

_CARDINAL = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|(?:{_WORD})(?:[- ](?:{_WORD}))?(?:\s+(?:hundred|thousand)(?:\s+(?:and\s+)?(?:{_WORD})(?:[- ](?:{_WORD}))?)?)?|a\s+(?:hundred|thousand)|(?:half\s+a|a|one|two|three)\s+dozen)"
_VAGUE = r"(?:dozens|tens|scores|hundreds|thousands|several|a\s+few|a\s+handful|a\s+number|a\s+couple)(?:\s+of)?"
_QUALIFIER = (
    r"(?P<qual>at\s+least|no\s+(?:fewer|less)\s+than|not\s+less\s+than|more\s+than|over|upwards\s+of|in\s+excess\s+of|nearly|almost|close\s+to|up\s+to|as\s+many\s+as"
    r"|about|around|some|approximately|roughly|an\s+estimated|at\s+most|fewer\s+than|less\s+than|a\s+total\s+of|another|other)"
)
NUMBER = re.compile(
    # Never inside a word or a date: "one" in "drone", "2011" in "04/23/2011".
    rf"(?<![\w/:-])(?:{_QUALIFIER}\s+)?(?P<num>{_CARDINAL}(?:\s*(?:-|–|to|or)\s*{_CARDINAL})?|between\s+{_CARDINAL}\s+and\s+{_CARDINAL}|{_VAGUE})"
    r"(?P<ormore>\s+or\s+more)?",
    re.I,
)
# A lone article is a count of one: "a soldier was killed".
_ONE = r"(?:a|an|one)"

KILLED_WORDS = (
    r"killed|dead|died|slain|perished|martyred|lost\s+their\s+lives|lost\s+his\s+life|lost\s+her\s+life|shot\s+dead"
    r"|gunned\s+down|beheaded|decapitated|dismembered|executed|massacred|murdered|lynched|assassinated|slaughtered|neutrali[sz]ed\s+\(killed\)"
    r"|(?:burned|burnt|stabbed|beaten|hacked|tortured|shot|starved|bludgeoned)\s+to\s+death|pronounced\s+dead"
    r"|found\s+(?:shot\s+|stabbed\s+|beaten\s+|hanged\s+|hanging\s+)?dead|found\s+(?:killed|murdered|slain|beheaded)"
    r"|confirmed\s+dead|feared\s+(?:dead|killed)|(?:lay|lying)\s+dead|(?:found|discovered)\s+(?:to\s+be\s+)?deceased"
)
WOUNDED_WORDS = r"wounded|injured|hurt|maimed"
_ACTIVE_KILL = (
    r"killed|killing|kills|kill|lost(?=\s+(?:[\w-]+\s+){1,2}(?:members|fighters|soldiers|men|troops|personnel|officers|policemen|militants))|claimed|claiming|left|leaving|massacred|executed|shot\s+dead|shooting\s+dead|beheaded"
    r"|assassinated|murdered|fatally\s+(?:shot|stabbed|wounded)|gunned\s+down|gunning\s+down|slaughtered|slaughtering"
    r"|hacked\s+to\s+death|hacking\s+to\s+death|stabbed\s+to\s+death|beat\s+to\s+death"
)
_ACTIVE_WOUND = r"wounded|wounding|injured|injuring|wounds|injures"

# Words that make a noun phrase after a number a group of people.
ATTACKER_NOUNS = {
    "militant", "militants", "jihadist", "jihadists", "insurgent", "insurgents", "attacker", "attackers",
    "gunman", "gunmen", "bomber", "bombers", "assailant", "assailants", "terrorist", "terrorists",
    "rebel", "rebels", "fighter", "fighters", "extremist", "extremists", "raider", "raiders",
}  # fmt: skip
GENERAL_NOUNS = {
    "people",
    "persons",
    "person",
    "individuals",
    "lives",
    "others",
    "deaths",
    "casualties",
    "fatalities",
    "victims",
    "victim",
    "bodies",
}
NOT_PEOPLE = re.compile(
    r"^(?:years?|months?|weeks?|days?|hours?|minutes?|km|kilomet(?:er|re)s?|miles?|meters?|metres?|percent|per\s+cent|%"
    r"|times|cars?|vehicles?|houses?|homes|buildings|bases|tons?|tonnes|rockets?|missiles?|shells|drones?|dollars|euros"
    r"|USD|\$|cattle|cows|goats|sheep|camels|animals|livestock|(?:air\s*)?strikes|airstrikes|raids|attacks|assaults|operations"
    r"|sorties|rounds|bullets|projectiles|explosions|blasts|bombs|mines|landmines|IEDs|trucks|motorcycles|villages|positions"
    r"|hideouts|weapons|rifles|gunshots?|shots|wounds|blows|stabs)\b",
    re.I,
)
# Things, not people, that "a ... was hit/killed" sentences may name.
NOT_PERSON = re.compile(
    r"\b(?:blast|bomb|explosion|attack|strike|shell|mine|device|vehicle|car|truck|building|house|fire|toll|number|total|clash|raid|drone)\b",
    re.I,
)
# Tallies over a period or an area rather than one event's toll: "since 2015", "since the coup",
# "since early June 2019", "between March and May", "in July alone", "in the last two months",
# "to date", "nationwide", "these attacks claimed the lives of", "a wave of killings".
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_EVENTS = r"(?:attacks|assassinations|raids|bombings|massacres|killings|shootings|shootouts|operations|clashes|incidents|ambushes|explosions|strikes|airstrikes|skirmishes)"
_PERIOD = re.compile(
    r"\bsince\s+[\w'’]"
    r"|\bso\s+far\s+(?:this|in|since)\b|\b(?:this|last)\s+(?:year|month|week)\s+alone\b|\bso\s+far\s+this\s+(?:month|week)\b"
    # What "has happened this year" is the period's ("have been killed", "protests have spread");
    # "attacked a market earlier this month, killing 16" dates one act.
    r"|\b(?:have|has|had)\b[^.]*?\bthis\s+(?:year|month)\b|\bthis\s+(?:year|month)\b[^.]*?\b(?:have|has|had)\b"
    r"|\b(?:in|on|during|for)\s+(?:[\w.'’-]+\s+){1,5}alone\b"
    r"|\bin\s+recent\s+(?:days|weeks|months|years)\b|\bin\s+total\s+since\b|\bto\s+date\b|\btill\s+date\b|\buntil\s+(?:today|now)\b|\bthus\s+far\b"
    r"|\b(?:over|in|during|within)\s+the\s+(?:past|last|previous|first)\s+(?:(?:\w+|\d+)\s+)?(?:days|weeks|months|years|decades?|half)\b"
    r"|\bover\s+the\s+years\b|\bin\s+the\s+same\s+(?:period|areas?|time\s*frame)\b|\bduring\s+the\s+same\s+period\b"
    rf"|\bbetween\s+(?:early\s+|late\s+|mid-?)?{_MONTHS}(?:\s+\d{{1,2}})?(?:,?\s+(?:19|20)\d\d)?\s+and\s+(?:early\s+|late\s+|mid-?)?{_MONTHS}"
    rf"|\bfrom\s+(?:early\s+|late\s+)?{_MONTHS}(?:\s+\d{{1,2}})?(?:,?\s+(?:19|20)\d\d)?\s+(?:to|until|till)\b"
    rf"|\bin\s+the\s+(?:\w+\s+)?(?:months|weeks|days)\s+(?:to|since|before)\b"
    r"|\b(?:nationwide|countrywide)\b|\bacross\s+(?:the\s+)?(?:country|nation|region|state|province|territory)\b"
    r"|\bacross\s+(?:\w+\s+){0,2}(?:regions|provinces|states|districts|countries|areas)\b"
    r"|\b(?:bring(?:s|ing)?|brought)\s+the\s+(?:\w+\s+)?(?:total|number|tally|overall|toll)\b"
    r"|\bas\s+of\s+(?:(?:last\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|now|yesterday)\b|\d|(?:the\s+)?end\s+of|(?:early|late|mid)\b|[A-Z][a-z]+\s+\d)"
    r"|\b(?:string|series|spate|wave)\s+of\s+(?:[\w-]+\s+){0,3}(?:attacks|killings|bombings|raids)\b",
    re.I,
)
# A whole war's or campaign's toll: "a war that has killed", "fighters have died in the offensive".
_CAMPAIGN = re.compile(
    r"\b(?:war|conflict|insurgency|violence|fighting|crisis|campaign|unrest|crackdown|offensive)\s+(?:(?:that|which|has|have|had|reportedly|so\s+far)\s+){1,3}(?:killed|left|claimed)"
    r"|\b(?:war|conflict|insurgency|crisis|campaign|unrest|crackdown|offensive)\s+(?:that|which)\s+(?:[\w'’-]+\s+){1,6}?(?:killed|killing|left|claimed)\b"
    r"|\b(?:have|has|had)\s+(?:died|been\s+killed)\s+(?:[\w'’]+\s+){0,8}?in\s+the\s+(?:war|conflict|offensive|campaign|insurgency|crackdown|unrest|violence)\b(?![-\w])"
    r"|\bhas\s+(?:killed|claimed)\s+(?:the\s+lives\s+of\s+)?(?:more\s+than|over|nearly|at\s+least|about|some)?\s*[\d,]+\s*(?:people|lives)?\s+(?:since|over|in\s+the\s+past)",
    re.I,
)
# Many events' toll: "these raids and bombings claimed the lives of", "in 120 shootouts",
# "militant attacks have surged ..., killing hundreds".
_MANY_EVENTS = re.compile(
    rf"\b(?:these|those|such|its|their|recent|frequent|repeated|successive|daily|various|multiple|several)\s+(?:[\w-]+\s+){{0,2}}?{_EVENTS}\b"
    rf"|\b(?:\d{{1,3}}(?:,\d{{3}})+|\d{{2,}}|[3-9]|three|four|five|six|seven|eight|nine|ten|dozens\s+of|hundreds\s+of)\s+(?:(?:separate|different|coordinated|deadly|armed|gun|[\w]+-[\w]+)\s+)?{_EVENTS}\b"
    rf"|\b{_EVENTS}\s+(?:have|has)\s+(?:surged|increased|risen|escalated|intensified)\b"
    r"|\bthe\s+number\s+of\s+(?:people|persons|civilians|victims|deaths|fatalities|assassinations|attacks)\b(?=.*\b(?:risen|rose|reached|climbed|increased|come|came|stands?)\b)",
    re.I,
)
_SUPERLATIVE = re.compile(r"\b(?:worst|deadliest|bloodiest|biggest|largest|heaviest|first|latest|most\s+\w+)\b[^.]*$", re.I)
# Many events' own count: a casualty verb after them, or a count just before "in N events".
_MANY_EVENTS_COUNT = re.compile(
    r"\b(?:claimed|killed|killing|left|leaving|caused|causing|resulted|took|killed|dead|deaths)\b", re.I
)
_COUNT_BEFORE = re.compile(r"\b(?:killed|died|dead|deaths|fatalities|lives)\b[^.]*$", re.I)
# One day named: "criminal violence that claimed three lives this Sunday" is that day's toll.
_ONE_DAY = re.compile(
    r"\b(?:on|this|last)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|\b(?:yesterday|today|overnight)\b",
    re.I,
)


_IN_EVENTS = re.compile(r"\b(?:in|during|across|over)\s+$", re.I)
_ADDING_UP = re.compile(r"\b(?:adding|add|adds)\s+up\s+to\b", re.I)


@lru_cache(maxsize=8192)
def is_tally(sentence: str) -> bool:
    """A count over a period, an area or many events: context for a toll, never one.

    A toll said to be spread "across three of the raids" is shared out instead (`split_share`);
    "one of the deadliest raids in recent weeks" compares, it does not count. Many events are a
    tally when the count is theirs ("these raids claimed the lives of", "killed in 120 shootouts"),
    not when they are the setting of one act ("as part of the daily killings, a body was found").
    """
    period = _PERIOD.search(sentence)
    if period and not _SUPERLATIVE.search(sentence[max(0, period.start() - 60) : period.start()]):
        return True
    if any(
        _MANY_EVENTS_COUNT.search(sentence, m.end(), m.end() + 70)
        or _COUNT_BEFORE.search(sentence, max(0, m.start() - 60), m.start())
        # "... have been killed along the border in various raids": the dead of many events.
        or (
            _IN_EVENTS.search(sentence, max(0, m.start() - 8), m.start())
            and _COUNT_BEFORE.search(sentence, 0, m.start())
            and not _ONE_DAY.search(sentence)
        )
        for m in _MANY_EVENTS.finditer(sentence)
    ) and not _ACROSS.search(sentence):
        return True
    return bool(_CAMPAIGN.search(sentence)) and not _ONE_DAY.search(sentence)


REVISION = re.compile(
    r"\b(?:rose|risen|climbed|jumped|increased|reached|hit|up)\s+to\b|\brevised\b|\bnew\s+toll\b|\bupdated\b|\blater\s+reports\b",
    re.I,
)


@dataclass(frozen=True)
class Count:
    low: int | None
    best: int | None
    high: int | None

    def __add__(self, other: Count) -> Count:
        def plus(a, b):
            return None if a is None or b is None else a + b

        return Count(plus(self.low, other.low), plus(self.best, other.best), plus(self.high, other.high))


@dataclass(frozen=True)
class Mention:
    kind: str  # "killed" or "wounded"
    count: Count
    group: str  # the victims' noun ("people", "soldiers"), "" when unnamed
    attackers: bool  # the group is the attackers' side
    revision: bool  # "the toll rose to": replaces earlier figures of the group
    start: int
    sentence: int = -1  # which sentence of the story states it (the caller numbers them; -1: not numbered)
    claimed: bool = False  # only one side of the fight claims it: widens the high end, never sets the best figure
    quoted: bool = False  # told inside a quotation: a speaker restating, in his words, what the story told


def cardinal(text: str) -> int | None:
    """'32' -> 32, '1,200' -> 1200, 'thirty-two' -> 32, 'two hundred' -> 200, 'a dozen' -> 12."""
    t = re.sub(r"\s+", " ", text.strip().lower())
    if re.fullmatch(r"[\d,]+", t):
        return int(t.replace(",", ""))
    if t.endswith("dozen"):
        lead = t[: -len("dozen")].strip()
        return {"half a": 6, "a": 12, "one": 12, "two": 24, "three": 36}.get(lead)
    total, current = 0, 0
    for word in re.split(r"[\s-]+", t):
        if word in ("and",):
            continue
        if word == "a":
            current = 1
        elif word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "thousand":
            total += max(current, 1) * 1000
            current = 0
        else:
            return None
    return total + current


def parse_count(match: re.Match) -> Count | None:
    """The range a NUMBER match stands for, its qualifier applied."""
    num = re.sub(r"\s+", " ", match["num"].strip().lower())
    qual = re.sub(r"\s+", " ", (match["qual"] or "").lower())
    vague = re.sub(r"\s+of$", "", num)
    if vague in VAGUE:
        low, best, high = VAGUE[vague]
        return Count(low, best, high)
    # "thirty-two" is one number, "20-25" a range: try the single number first.
    span = (
        None
        if cardinal(num) is not None
        else re.fullmatch(rf"(?:between\s+)?({_CARDINAL})\s*(?:-|–|to|or|and)\s*({_CARDINAL})", num, re.I)
    )
    if span:
        a, b = cardinal(span[1]), cardinal(span[2])
        if a is None or b is None or a > b:
            return None
        return Count(a, a, b)
    n = cardinal(num)
    if n is None:
        return None
    if match["ormore"] or qual in ("at least", "no fewer than", "no less than", "not less than"):
        return Count(n, n, None)
    if qual in ("more than", "over", "upwards of", "in excess of"):
        return Count(n + 1, n + 1, None)
    if qual in ("nearly", "almost", "close to", "fewer than", "less than"):
        return Count(None, n - 1 if qual in ("fewer than", "less than") else n, n if qual != "fewer than" else n - 1)
    if qual in ("up to", "as many as", "at most"):
        return Count(None, n, n)
    if qual in ("about", "around", "some", "approximately", "roughly", "an estimated"):
        return Count(None, n, None)
    return Count(n, n, n)


# The words between a number and the casualty verb: "32 people were", "3 rebel fighters including
# a captain were", "6 guards and 4 volunteer militia members were", "four members of the Hill
# Defence Network, the party's youth wing, have been", "12 traders and members of a militia were",
# "six gunmen in Tarso were".
_STOP = r"(?:and|or|in|at|on|near|when|after|while|during|by|with|from|to|as|following|were|was|had|have|has|but|that|said|claimed|reported)\b"
_WORDS = rf"(?:(?!{_STOP})(?:[A-Za-z][\w'’\-/]*|\d+-years?-olds?)(?:\s+|(?=,)))"
# "of the Socialist Party of the Hills": a body's name after its members.
# Capitals matched as capitals even inside the case-blind patterns that use these.
_CAP = r"(?-i:[A-Z])"
_OF_TAIL = (
    rf"(?:of\s+(?:the\s+)?(?:[a-z][\w'’\-]*\s+)?(?:(?:{_CAP}[\w'’\-/]*|of|the|and|for)\s+|{_CAP}[\w'’\-/]*(?=,)){{1,9}}?"
    r"(?:(?:group|party|movement|army|forces|front|council|network|militia|unit|battalion|brigade|wing|faction)\s+)?)"
)
_PLACE_TAIL = rf"(?:(?:in|from)\s+(?:the\s+)?{_CAP}[\w'’\-]*(?:\s+{_CAP}[\w'’\-]*){{0,2}}\s+)"
# ", the youth wing of the party," between the victims and their verb; never a list of victims.
_APPOSITIVE = (
    r"(?:(?:,\s*(?![^,]*\b(?:killed|died|dead|wounded|injured|and|including)\b)[^,]{2,80}?){1,2},\s*"
    # "bandit chief – Musa Kora – was killed".
    r"|\s*[–—]\s*[^–—,]{2,60}?\s*[–—]\s*"
    # "a man who was abducted from his farm on Monday, was found dead".
    r"|\s*\b(?:who|that)\s+(?![^,]*\b(?:killed|died|dead|wounded|injured)\b)[^,]{2,120}?,\s*)"
)
_AND_TAIL = rf"(?:and\s+(?!(?:a|an|one|his|her|their|the|\d|{_WORD}|several|dozens|scores|hundreds|others?|then|later|also|were|was)\b)[a-z][\w'’\-]*\s+{_OF_TAIL}?)"
_GROUP = (
    rf"(?P<group>{_WORDS}{{0,6}}?{_OF_TAIL}?{_PLACE_TAIL}?"
    rf"(?:,\s*including\s+[^,]{{1,40}}?,\s*|\s*including\s+{_WORDS}{{1,4}}?)?{_APPOSITIVE}?{_AND_TAIL}?)"
)
_AUX = (
    r"(?:(?:were|was|are|is|have\s+been|has\s+been|had\s+been|have|has|had|been|being|got|get|reportedly|reported|confirmed|also|later"
    r"|all|allegedly|initially|instantly|both|each|said\s+to\s+(?:have|be)|believed\s+to\s+(?:have|be)|feared"
    r"|(?:on|late|early)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|night))?"
    # "were, Monday, reportedly murdered", "were, according to police, killed": an aside set off by commas.
    r"|(?:were|was|had\s+been|have\s+been|has\s+been),\s*(?:[\w'’\-]+\s+){0,5}[\w'’\-]+,"
    r"|(?:were|was)\s+(?:shot|stabbed|beaten|attacked|arrested|abducted|kidnapped|tortured|detained|captured)\s+and"
    r"|(?:arrested|abducted|kidnapped|tortured|detained|captured|raped)\s+and)\s+)*"
)
_PASSIVE = re.compile(rf"{NUMBER.pattern}\s+{_GROUP}{_AUX}(?P<verb>{KILLED_WORDS}|{WOUNDED_WORDS})\b", re.I)
_ACTIVE = re.compile(
    rf"\b(?P<verb>{_ACTIVE_KILL}|{_ACTIVE_WOUND})\s+[\"“]?(?:(?:the\s+lives\s+of|a\s+total\s+of|all)\s+){{0,2}}(?={NUMBER.pattern}|{_ONE}\s)",
    re.I,
)
_TOLL = re.compile(
    rf"\b(?:death\s+toll|toll|number\s+of\s+(?:dead|deaths|people\s+killed|fatalities))\s+(?:\w+\s+){{0,4}}?(?:to|at|of|is|was|stood\s+at|reached)\s+{NUMBER.pattern}",
    re.I,
)
_ONE_PASSIVE = re.compile(
    rf"\b(?P<one>[Aa]n?|[Oo]ne|[Aa]nother)\s+(?P<group>(?:(?!{_STOP})[\w][\w'’\-]*(?:\s+|(?=,))){{1,5}}?{_OF_TAIL}?{_PLACE_TAIL}?"
    rf"(?:(?:of|from)\s+(?:the|a|an)\s+(?:[a-z][\w'’\-]*\s+){{1,3}}?)?){_APPOSITIVE}?"
    rf"(?:{_AUX})(?P<verb>{KILLED_WORDS}|{WOUNDED_WORDS}|found\s+dead)\b"
)
# "The sergeant's driver later died", "the mayor was shot dead": one named person, a singular noun.
_PERSON = (
    r"(?:soldier|officer|policeman|policewoman|man|woman|child|boy|girl|civilian|driver|journalist|commander|leader|imam"
    r"|priest|pastor|teacher|student|farmer|guard|fighter|militant|member|victim|prisoner|detainee|suspect|official"
    r"|resident|shopkeeper|trader|worker|employee|doctor|nurse|bystander|person|fugitive|gunman|attacker|bomber"
    r"|assailant|elder|chief|ruler|herder|herdsman|youth|villager|cleric|mayor|judge|lawyer|activist|infant|baby"
    r"|captain|lieutenant|sergeant|corporal|private|major|colonel|general|inspector|constable|ranger|commando|trooper"
    r"|recruit|conscript|cop|gendarme|marine|militiaman|rebel|insurgent|jihadist|terrorist|cultist|hoodlum|governor"
    r"|chairman|councillor|secretary|agent|informant|collaborator|defector|singer|deminer|refugee|protester|demonstrator"
    r"|teenager|teen|pilgrim|worshipper|passenger|motorist|shepherd|hunter|miner|fisherman|engineer|contractor|father"
    r"|mother|son|daughter|husband|wife|brother|sister|uncle|nephew|relative)"
)
PERSON = _PERSON  # the singular nouns of people, for other modules' patterns
_THE_ONE = re.compile(
    rf"\b[Tt]he\s+(?:[a-z][\w'’\-]*\s+){{0,2}}?(?P<head>{_PERSON})\s+"
    rf"(?:(?:was|has\s+been|had\s+been|later|also|reportedly|subsequently)\s+)*(?P<verb>(?<=was\s)killed|shot\s+dead|found\s+dead|beheaded|died)\b"
    # "the driver killed" with its verb left out ("the vehicle overturned and the driver killed").
    rf"|\band\s+the\s+(?:[a-z][\w'’\-]*\s+){{0,2}}?(?P<head2>{_PERSON})\s+(?:was\s+)?(?P<verb2>killed)(?=\s*(?:[.;,]|$))"
    # "The rebel killed in a brief firefight", "a member of the militia killed by gunmen".
    rf"|\b(?:[Tt]he|[Aa]n?)\s+(?:[\w'’\-]+\s+){{0,3}}?(?P<head3>{_PERSON})\s+(?:{_OF_TAIL})?(?P<verb3>killed|slain)\s+(?:in|during|on|by|at|near)\b"
)
# "stabbed a shopkeeper to death", "the body of a teacher was recovered": one killed each.
_TO_DEATH = re.compile(
    rf"\b(?:stabbed|beat|hacked|burned|burnt|tortured|shot|bludgeoned|clubbed)\s+(?P<num>{_ONE}|[\w,]+)\s+(?:[\w'’\-]+\s+){{0,3}}?to\s+death\b"
    rf"|\b(?:the\s+)?bod(?:y|ies)\s+of\s+(?P<num2>{_ONE}|[\w,]+)\s+(?:[\w'’\-]+\s+){{0,3}}?(?:was|were)\s+(?:found|discovered|recovered)\b"
    # "found the body of a driver", "dumped the headless body of a boy".
    rf"|\b(?:found|discovered|recovered|located|dumped|retrieved)\s+the\s+(?:[\w'’\-]+\s+){{0,2}}?bod(?:y|ies)\s+of\s+(?P<num3>{_ONE}|[\w,]+)\s+(?!(?:the|a)\b)",
    re.I,
)
# A body or remains found: "a dismembered body was found", "an abandoned body discovered", "a
# head was found", "the remains of a man".
_BODY = re.compile(
    r"\b(?:[Aa]n?|[Oo]ne|[Tt]he)\s+(?:[\w'’\-]+\s+){0,2}?(?:body|corpse|head|remains)\s+(?:[\w'’\-]+\s+){0,5}?(?:(?:was|has\s+been|were)\s+)?"
    r"(?:\w+\s+)?(?:found|discovered|located|recovered|dumped|abandoned)\b"
    r"|\bsevered\s+head\s+of\s+(?:a|an|one)\s+(?:person|man|woman|victim)\b"
    r"|\bdiscovery\s+of\s+(?:a|an|one|the)\s+(?:[\w'’\-]+\s+){0,2}?(?:body|corpse)\b"
)
_NOT_A_BODY = re.compile(
    r"\b(?:body|head)\s+of\s+(?:the\s+)?(?:state|government|council|committee|commission|vehicle|truck|car|bus)\b", re.I
)
# "In addition to the gunman, 23 people were killed during the raid": the attackers died as well.
BESIDES = "attackers besides the toll"
_BESIDES_ATTACKERS = re.compile(
    rf"\b(?:in\s+addition\s+to|besides|as\s+well\s+as)\s+the\s+(?:(?P<n>\d+|{_WORD})\s+)?(?:suicide\s+)?(?:bombers?|assailants?|attackers?|gunmen|gunman|perpetrators?)\b",
    re.I,
)
_THEMSELVES = re.compile(r"\b(?:killing|killed)\s+(?:only\s+)?(?P<self>themselves|himself|herself)\b", re.I)
# Words that start a phrase but are not a person's name.
_NOT_A_NAME = (
    r"(?:The|A|An|This|That|These|Those|His|Her|Their|Its|Our|One|Another|Police|Army|Troops|Soldiers|Security|Government"
    r"|Military|Forces|It|He|She|They|We|Nobody|No|Many|Some|Several|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Meanwhile|However|Also|Later|Earlier|According)"
)
_NAME = r"(?:[A-Z][\w'’\-]+\s+){0,3}[A-Z][\w'’\-]+"
# "The raiders killed the headmaster's guard", "shot and killed her": one person.
_KILLED_ONE = re.compile(
    rf"\b(?:killed|killing|shot\s+dead|shooting\s+dead|assassinated|murdered|executed|beheaded)\s+(?:him|her|(?:the|their)\s+(?:[a-z][\w'’\-]*\s+){{0,2}}?(?P<head>{_PERSON})(?!s)\b)"
    rf"|\b(?:He|She)\s+(?:later\s+|subsequently\s+)?died\b"
    rf"|\b(?:He|She)\s+(?:was|had\s+been|has\s+been)\s+(?:later\s+|subsequently\s+|then\s+)?(?:killed|shot\s+dead|shot\s+to\s+death|fatally\s+shot|gunned\s+down|murdered|beheaded|executed|stabbed\s+to\s+death)\b"
    # A person by name: "assassinated Judge Tomas Ferreira, a magistrate", "killing officer Ali Said and".
    rf"|\b(?:killed|killing|assassinated|murdered|executed|beheaded|shot\s+dead|shooting\s+dead)\s+(?:[a-z]+\s+)?(?:[A-Z][\w'’\-]*\s+){{0,4}}[A-Z][\w'’\-]*(?<!s)(?=\s*[.,;]|\s+(?:in|on|at|near|while|after|outside|and)\b)"
    # A named person killed: "Tomas Ferreira, a teacher, was shot dead", "Halima was killed by a gunman".
    rf"|(?<![\w,] )\b(?!{_NOT_A_NAME}\b){_NAME}(?:\s*,\s*(?![^,]*\b(?:killed|and)\b)[^,]{{2,80}}?,|\s*[–—])?\s+(?:was|had\s+been|has\s+been)\s+(?:later\s+|then\s+|brutally\s+)?"
    rf"(?:killed|shot\s+dead|shot\s+to\s+death|gunned\s+down|murdered|assassinated|beheaded|stabbed\s+to\s+death|hacked\s+to\s+death|found\s+(?:shot\s+)?dead|slain|martyred)\b"
    rf"|\b(?:death|murder|killing|assassination|slaying)\s+of\s+(?:a|an|one|the|their)\s+(?:[\w'’\-]+\s+){{0,2}}?(?P<head2>{_PERSON})(?!s)\b"
    rf"|\b(?:death|murder|killing|assassination|slaying)\s+of\s+(?!{_NOT_A_NAME}\b)(?:[A-Z][\w'’\-]+\s+){{1,3}}[A-Z][\w'’\-]+"
    rf"|\b(?:leaving|left)\s+(?:a|an|one|the|their)\s+(?:[\w'’\-]+\s+){{0,2}}?(?P<head3>{_PERSON})\s+dead\b"
    # "shot the secretary, causing his immediate death".
    r"|\b(?:causing|caused|resulting\s+in|resulted\s+in|leading\s+to|led\s+to)\s+(?:his|her)\s+(?:immediate\s+|instant\s+|subsequent\s+)?death\b"
    r"|\b(?:One|one)\s+of\s+the\s+(?:[\w'’\-]+\s+){0,2}?\w+(?:\s*,[^,]{1,60},)?\s+(?:was|has\s+been)\s+(?:later\s+|also\s+)?(?:killed|shot\s+dead)\b"
)
CODED = "the coded toll"
# "in revenge for the police killing two of its scouts": a count that recalls another event.
# "tried to kill a magistrate": no one died of an attempt.
_ATTEMPT = re.compile(
    r"\b(?:attempt(?:ed|ing|s)?|tried|trying|plott?(?:ed|ing)?|planned|planning|threatened|failed)\s+to\s+$", re.I
)
_RECALLED = re.compile(
    r"\b(?:retaliation|revenge|response|reprisal|avenge)\s+(?:for|to|of)?\s*(?:the\s+)?(?:[\w'’\-]+\s+){0,3}$"
    # "Her death came after 12 persons were killed", "three days after a judge was murdered".
    r"|\b(?:came|comes|coming|happened|occurred|followed|follows)\s+(?:[\w'’\-]+\s+){0,4}?(?:after|following)\b[^.;]*$"
    r"|\b(?:an?|one|two|three|four|five|six|seven|ten|several|few|\d+)\s+(?:days?|weeks?|months?|years?)\s+(?:after|before)\s+(?:[\w'’\-]+\s+){0,4}$"
    r"|\bfollow(?:ed|s|ing)\s+(?:the\s+)?$"
    # "protests triggered by the death of a student in a police cell": the death the story looks back to.
    r"|\b(?:sparked|triggered|prompted|fuell?ed|ignited)\s+by\s+(?:the\s+)?$"
    r"|\b(?:protests?|outrage|anger|demonstrations?|rall(?:y|ies)|mourning)\s+(?:over|against|at|for)\s+(?:the\s+)?$",
    re.I,
)
_MIXED_FATES = re.compile(
    rf"\s*(?:,\s*(?:{WOUNDED_WORDS}|captured|arrested|detained)\s*,?\s*)?(?:or|and/or)\s+(?:{WOUNDED_WORDS}|captured|arrested|detained)\b",
    re.I,
)
_SPLIT_NOTE = re.compile(r"\bfatalities\s+(?:are|were)\s+split\s+(?:across|between)\s+\w+\s+events?\s*\((?P<share>\d+)\)", re.I)
# ACLED-style notes state the toll as a noun ("4 fatalities", "left at least three deaths") and
# say when a vague toll was coded as a figure ("fatalities coded as 4").
_NOUN_TOLL = re.compile(
    rf"{NUMBER.pattern}\s+(?:[A-Z][\w/\-]*\s+){{0,2}}(?:reported\s+|confirmed\s+)?(?:fatalities|deaths)\b", re.I
)
_PEOPLE_NOUNS = (
    r"(?:people|persons|civilians|soldiers|troops|men|women|children|fighters|militants|militiamen|militia\s+members|jihadists"
    r"|terrorists|insurgents|rebels|gunmen|attackers|policemen|police\s+officers|police|officers|personnel|members|villagers"
    r"|residents|others|guards|farmers|herders|workers|students|worshippers|protesters|demonstrators|refugees|hunters"
    r"|commanders|officials|journalists|bystanders|passengers|pilgrims|miners|deminers|shepherds|recruits|inmates|prisoners"
    r"|detainees|combatants|cadets|commandos|rangers)"
)
_KILLING_OF = re.compile(
    rf"\b(?:killing|killings|deaths?|murders?)\s+of\s+{NUMBER.pattern}\s+(?P<group>(?:[A-Za-z][\w'’\-]*\s+){{0,2}}?{_PEOPLE_NOUNS})\b",
    re.I,
)
_CODED_AS = re.compile(
    rf"\bfatalities\s+(?:and\s+(?:injuries|casualties)\s+)?(?:were\s+|are\s+)?coded\s+as\s+{NUMBER.pattern}", re.I
)
_CODED_BEFORE = re.compile(rf"{NUMBER.pattern}\s+fatalities\s+(?:were\s+|are\s+)?coded\b", re.I)
_CHAIN_SPLIT = re.compile(r"\s*(?:,|\band\b|\bincluding\b|\bas\s+well\s+as\b|\bplus\b)\s*", re.I)


def _kind(verb: str) -> str:
    return "wounded" if re.match(rf"(?:{WOUNDED_WORDS}|{_ACTIVE_WOUND})$", verb.lower()) else "killed"


# What follows a verb when it is active: its object ("hacked to death two leaders").
_OBJECT_AFTER = re.compile(rf"\s+(?:{_CARDINAL}|a|an|the|his|her|their|several|dozens|scores)\s+(?!of\b)[a-z]", re.I)
# One person before "and" a counted group that shares the verb: "the commander and seven other
# fighters", "a mother and her two sons", "Ali Said, the group's chief, and five others".
_ONE_BEFORE = re.compile(
    r"(?:\b(?:[Aa]n?|[Tt]he|[Oo]ne|[Hh]is|[Hh]er|[Tt]heir)\s+(?:[a-z][\w'’\-]*\s+){0,2}?"
    + _PERSON
    + r"|[A-Z][\w'’\-]+(?:\s*,[^,]{1,60}){0,2})"
    r"\s*,?\s+and\s+(?P<kin>(?:his|her|their)\s+)?$"
)


def _group_of(words: str) -> tuple[str, bool]:
    # The victims' noun comes before what names their body or place: "members of the Hill
    # Defence Network" are members, "gunmen in Tarso" gunmen, "civilians and members of a militia" civilians.
    parts = [p for p in re.split(r",|\b(?:including|of|in|from|and)\b", words) if p.strip() not in ("", "the", "them")]
    phrase = parts[0] if parts else ""
    tokens = [w.lower().strip("'’") for w in phrase.split()]
    nouns = [t for t in tokens if t not in ("of", "the", "them", "whom", "who", "which", "and")]
    head = nouns[-1] if nouns else ""
    attackers = any(t in ATTACKER_NOUNS for t in tokens)
    return head, attackers


_THINGS = re.compile(
    r"\b(?:bags?|boxes|containers?|sacks?|vehicles|cars|trucks|houses|homes|buildings|shops|shells|rockets|missiles|drones|bombs)\b",
    re.I,
)
# "killed a yet to be determined number of villagers": an unknown number is no count at all.
_UNKNOWN_NUMBER = re.compile(
    r"(?:an?\s+)?(?:yet[- ]to[- ]be[- ](?:determined|confirmed|established|ascertained)|unknown|unspecified|undisclosed|undetermined"
    r"|unconfirmed|uncertain|unidentified|indeterminate|large|small|growing|significant|sizeable|considerable)\s+(?:number|toll|count)\b",
    re.I,
)


def _is_people(group_words: str) -> bool:
    # "three sacks holding the": things, wherever the noun stands in the group.
    return not NOT_PEOPLE.match(group_words.strip()) and not _THINGS.search(group_words)


def find_mentions(sentence: str) -> list[Mention]:
    """Every killed/wounded count the sentence states about one event."""
    if is_tally(sentence):
        return []
    found = _mentions(sentence)
    running = _ADDING_UP.search(sentence)
    if running:
        # "Four men were beheaded, with the crimes adding up to 41 in the province": the clause's toll only.
        found = [m for m in found if m.start < running.start()]
    campaign = _CAMPAIGN.search(sentence)
    if campaign:
        # "Hundreds have died in the offensive, yet only 4 guards were killed on Friday": the day's toll
        # only, not the campaign's dead told before its verb.
        found = [m for m in found if m.start >= campaign.start()]
    return found


def _mentions(sentence: str) -> list[Mention]:
    # Asides in brackets break the phrase a count belongs to: "11 Iraqi Security Forces (ISF)
    # troops and two drivers were killed", "14 (6 guards and 8 passengers) were wounded".
    split = _SPLIT_NOTE.search(sentence)
    if split:
        # ACLED's own share of a toll it split over several events is this event's figure.
        n = int(split["share"])
        return [Mention("killed", Count(n, n, n), CODED, False, True, split.start())]
    asides = re.findall(r"\(([^()]{1,60})\)", sentence)
    if asides:
        # An aside that states a toll of its own ("(a total of 7 fatalities)") still counts.
        inner = [m for aside in asides for m in find_mentions(aside)]
        outer = find_mentions(re.sub(r"\s*\([^()]{1,60}\)", "", sentence))
        return sorted(outer + inner, key=lambda x: x.start)
    mentions: list[Mention] = []
    taken: list[tuple[int, int]] = []
    revision = bool(REVISION.search(sentence))

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    def add(kind, count, group, attackers, start, end):
        if count is None or not free(start, end) or _RECALLED.search(sentence[:start]) or _ATTEMPT.search(sentence[:start]):
            return
        taken.append((start, end))
        mentions.append(Mention(kind, count, group, attackers, revision, start))

    for m in [*_CODED_AS.finditer(sentence), *_CODED_BEFORE.finditer(sentence)]:
        count = parse_count(m)
        if count is not None:
            taken.append((m.start(), m.end()))
            mentions.append(Mention("killed", count, CODED, False, True, m.start()))
    for m in _BESIDES_ATTACKERS.finditer(sentence):
        n = cardinal(m["n"]) if m["n"] else 1
        if n and (mentions or _PASSIVE.search(sentence) or _ACTIVE.search(sentence)):
            add("killed", Count(n, n, n), BESIDES, True, m.start(), m.end())
    for m in _TOLL.finditer(sentence):
        add("killed", parse_count(m), "people", False, m.start(), m.end())
    for m in _KILLING_OF.finditer(sentence):
        # "in revenge for the killing of 2 villagers" recalls another event.
        if _is_people(m["group"] or "people") and not re.search(
            r"\b(?:for|over|against|after|following|avenge|protest\w*)\s+(?:the\s+)?$", sentence[: m.start()]
        ):
            add("killed", parse_count(m), _group_of(m["group"] or "")[0], False, m.start(), m.end())
    for m in _NOUN_TOLL.finditer(sentence):
        add("killed", parse_count(m), "", False, m.start(), m.end())

    # Passive: "At least 32 people were killed"; chains add up: "6 guards and 4 militia members were killed".
    for m in _PASSIVE.finditer(sentence):
        group = m["group"] or ""
        if _OBJECT_AFTER.match(sentence, m.end()) or re.search(r"\b(?:the|a|an)\s+$", sentence[: m.start("verb")], re.I):
            continue  # "a crowd of twenty people hacked to death three guards"; "the dismembered remains"
        if not _is_people(group) or re.search(r"\b(?:years?|old|km|percent)\b", group, re.I):
            continue
        if _MIXED_FATES.match(sentence, m.end()):
            # "4 rebels were killed, wounded or detained": how many died is not said.
            continue
        kind = _kind(m["verb"])
        count = parse_count(m)
        if count is None:
            continue
        head, attackers = _group_of(group)
        if not head:
            # "3 guards were killed and 2 were wounded": the bare number counts the same group.
            before = [x for x in mentions if x.start < m.start()]
            head, attackers = (before[-1].group, before[-1].attackers) if before else ("", False)
        start = m.start()
        # Walk back over "N group and" links that share this verb.
        prefix = sentence[:start]
        while True:
            back = re.search(
                rf"{NUMBER.pattern}\s+(?P<group>{_WORDS}{{0,5}}?)(?:,\s*including\s+[^,]{{1,40}})?\s*(?:,\s*and|,|and|as\s+well\s+as)\s*$",
                prefix,
                re.I,
            )
            if not back or not _is_people(back["group"] or "x") or not back["group"]:
                break
            if not free(back.start(), start):
                # "Besides the two gunmen, 23 people were killed": those two are counted apart.
                break
            extra = parse_count(back)
            if extra is None:
                break
            # "six security personnel including two policemen and four soldiers": the six hold the rest.
            count = extra if re.search(r"\bincluding\b", back["group"], re.I) else count + extra
            # Groups named in a chain are specific ("police officers and civilians"), never a
            # general figure that would cover other groups.
            other = _group_of(back["group"])[0]
            head = head if other == head else "+".join(sorted({*head.split("+"), other}))
            start = back.start()
            prefix = sentence[:start]
        one_before = _ONE_BEFORE.search(sentence[:start]) if start == m.start() else None
        if (
            one_before
            and (one_before["kin"] or re.match(r"others?\b", group, re.I) or " other " in f" {group.lower()}")
            # "Six were killed, including Ali, and seven others were hurt": Ali is one of the six.
            and not re.search(rf"\b(?:{KILLED_WORDS}|{WOUNDED_WORDS}|including)\b", sentence[: one_before.start()], re.I)
        ):
            # "The commander and seven other fighters were killed", "a mother and her two
            # sons were killed": the one named before "and" died with them.
            count = count + Count(1, 1, 1)
        add(kind, count, head, attackers, start, m.end())

    # Active: "killed 32 people and wounded 110", "killed 42 IS jihadists", "leaving 5 dead".
    for m in _ACTIVE.finditer(sentence):
        rest = sentence[m.end() :]
        n = NUMBER.match(rest)
        if n is None:
            one = re.match(rf"{_ONE}\s+", rest, re.I)
            if not one or _UNKNOWN_NUMBER.match(rest):
                continue
            count, after = Count(1, 1, 1), rest[one.end() :]
            end = m.end() + one.end()
            # "killed a farmer and a civilian", "killed a teacher and his daughter": one each.
            extra = re.match(
                r"(?:[A-Za-z][\w'’\-]*\s+){1,4}?and\s+(?:a|an|one|his|her|their)\s+(?:[a-z][\w'’\-]*\s+)?(?:son|daughter|wife|husband|brother|sister|father|mother|child|civilian|man|woman|boy|girl|driver|guard|soldier|officer|policeman|relative|companion|bodyguard)\b",
                after,
            )
            if extra:
                count = Count(2, 2, 2)
        else:
            count, after = parse_count(n), rest[n.end() :]
            end = m.end() + n.end()
        group = re.match(r"\s*((?:(?:[A-Za-z][\w'’\-]*|\d+-years?-olds?)\s*){0,4})", after)[1]
        group_words = group.split()
        verb = m["verb"].lower()
        kind = _kind(verb)
        if verb in ("left", "leaving", "claimed", "claiming") and not re.search(r"\blives\s+of\b", m.group(0), re.I):
            # "left 5 dead", "claimed 32 lives": the casualty word follows the number.
            tail = re.match(
                rf"\s*(?:(?:people|persons|civilians|soldiers)\s+)?(?P<w>{KILLED_WORDS}|{WOUNDED_WORDS}|lives)\b", after, re.I
            )
            if not tail:
                continue
            kind = "killed" if tail["w"].lower() in ("lives",) else _kind(tail["w"])
            group_words = ["people"]
        if group_words and not _is_people(" ".join(group_words)):
            continue
        if n is None and not group_words:
            continue
        head, attackers = _group_of(" ".join(_noun_phrase(group_words)))
        add(kind, count, head or "people", attackers, m.start(), end)

    for m in _THEMSELVES.finditer(sentence):
        # "Two suicide bombers detonated, killing only themselves": the bombers' own number.
        if m["self"].lower() in ("himself", "herself"):
            count = Count(1, 1, 1)
        else:
            bombers = [
                b
                for b in NUMBER.finditer(sentence[: m.start()])
                if re.match(
                    r"\s+(?:[\w-]+\s+){0,3}?(?:suicide\s+)?(?:bombers|attackers|assailants|militants)", sentence[b.end() :]
                )
            ]
            count = parse_count(bombers[-1]) if bombers else None
        add("killed", count, "attackers", True, m.start(), m.end())
    for m in _KILLED_ONE.finditer(sentence):
        add("killed", Count(1, 1, 1), (m["head"] or m["head2"] or m["head3"] or "").lower(), False, m.start(), m.end())
    for m in _TO_DEATH.finditer(sentence):
        word = (m["num"] or m["num2"] or m["num3"]).lower()
        n = 1 if re.fullmatch(_ONE, word) else cardinal(word)
        if n:
            add("killed", Count(n, n, n), "", False, m.start(), m.end())
    for m in _BODY.finditer(sentence):
        if not _NOT_A_BODY.search(m.group(0)):
            add("killed", Count(1, 1, 1), "", False, m.start(), m.end())
    for m in _ONE_PASSIVE.finditer(sentence):
        group = m["group"] or ""
        if not group.strip() or not _is_people(group) or NOT_PERSON.search(group):
            continue
        head, attackers = _group_of(group)
        verb = m["verb"].lower()
        add("killed" if verb.startswith("found") else _kind(verb), Count(1, 1, 1), head, attackers, m.start(), m.end())
    for m in _THE_ONE.finditer(sentence):
        head = (m["head"] or m["head2"] or m["head3"]).lower()
        add("killed", Count(1, 1, 1), head, head in ATTACKER_NOUNS or head + "s" in ATTACKER_NOUNS, m.start(), m.end())

    # "At least 32 people were killed and more than 100 wounded": a bare number before a
    # casualty word, after an earlier mention, shares that mention's group.
    for m in re.finditer(
        rf"(?:\band\s+|,\s*){NUMBER.pattern}\s+(?:(?:others|more)\s+)?(?:were\s+)?(?P<verb>{KILLED_WORDS}|{WOUNDED_WORDS})\b",
        sentence,
        re.I,
    ):
        before = [x for x in mentions if x.start < m.start()]
        group, attackers = (before[-1].group, before[-1].attackers) if before else ("people", False)
        add(_kind(m["verb"]), parse_count(m), group, attackers, m.start(), m.end())
    # "Both sides suffered the death of one fighter": one on each side.
    for both in _BOTH_SIDES.finditer(sentence):
        mentions = [replace(x, count=x.count + x.count) if both.end() <= x.start <= both.end() + 40 else x for x in mentions]
    return sorted(mentions, key=lambda x: x.start)


_BOTH_SIDES = re.compile(r"\b(?:both|each\s+of\s+the\s+two)\s+(?:sides|parties|camps)\s+(?:suffered|lost|reported|had)\b", re.I)


def _noun_phrase(words: list[str]) -> list[str]:
    """The words up to the first that cannot belong to a noun phrase ('people and wounded 110' -> 'people')."""
    out = []
    for w in words:
        if w.lower() in (
            "and",
            "in",
            "at",
            "on",
            "near",
            "when",
            "after",
            "while",
            "during",
            "as",
            "with",
            "from",
            "by",
            "including",
        ):
            break
        out.append(w)
    return out


_SPLIT_WORDS = r"attacks|blasts|events|incidents|assaults|explosions|strikes|bombings|raids|events"
# "Eleven people died across both explosions": one toll for several incidents.
_ACROSS = re.compile(
    rf"\bacross\s+(?:(?:the\s+)?(?P<n>both|all\s+\w+|\d+|{_WORD})\s+(?:of\s+the\s+)?|the\s+|all\s+(?:the\s+)?)(?:{_SPLIT_WORDS})\b"
    rf"|\bin\s+the\s+(?:{_SPLIT_WORDS})\b",
    re.I,
)
_ONE_OF = re.compile(rf"\bone\s+of\s+(?P<n>\d+|{_WORD})\s+(?:\w+\s+){{0,2}}?(?:{_SPLIT_WORDS})\b", re.I)


def split_share(sentence: str, story_text: str) -> int | None:
    """How many incidents a sentence's toll is spread over, when it says so ("across both attacks").

    The count comes from the sentence ("across two of the raids") or from the story ("It
    was one of four coordinated bombings"); an even share of the toll is each incident's best figure.
    """
    m = _ACROSS.search(sentence)
    if not m:
        return None
    word = (m["n"] or "").lower()
    if word == "both":
        return 2
    if word.startswith("all "):
        word = word[4:]
    n = cardinal(word) if word else None
    if n is None:
        one_of = _ONE_OF.search(story_text)
        n = cardinal(one_of["n"]) if one_of else None
    return n if n and n > 1 else None


def share(count: Count, n: int) -> Count:
    def part(v):
        return None if v is None else v // n

    return Count(part(count.low), part(count.best), part(count.high))


@dataclass(frozen=True)
class Toll:
    killed: Count | None
    wounded: Count | None
    attackers_killed: int | None


# Which side of a fight a victims' noun names: the same figure for the same side, told again in
# another sentence, is the same people ("15 militants ... 15 Taliban fighters").
_STATE_NOUNS = {
    "soldier", "soldiers", "troop", "troops", "army", "military", "police", "policeman", "policemen", "policewoman",
    "officer", "officers", "personnel", "guard", "guards", "ranger", "rangers", "constable", "constables", "commando",
    "commandos", "serviceman", "servicemen", "gendarme", "gendarmes", "marine", "marines", "trooper", "troopers",
    "recruit", "recruits", "cadet", "cadets", "sergeant", "captain", "lieutenant", "corporal", "colonel",
}  # fmt: skip
_ARMED_NOUNS = ATTACKER_NOUNS | {
    "militia", "militias", "militiamen", "militiaman", "combatant", "combatants", "cultist", "cultists", "gunman", "gunmen",
}  # fmt: skip
_CIVILIAN_NOUNS = {
    "civilian", "civilians", "villager", "villagers", "resident", "residents", "child", "children", "woman", "women",
    "farmer", "farmers", "herder", "herders", "worker", "workers", "student", "students", "teacher", "teachers",
    "protester", "protesters", "demonstrator", "demonstrators", "boy", "boys", "girl", "girls", "refugee", "refugees",
    "worshipper", "worshippers", "passenger", "passengers", "pilgrim", "pilgrims", "shepherd", "shepherds", "hunters",
    "miners", "traders", "family", "relatives",
}  # fmt: skip


def _side(group: str) -> str | None:
    if group in _STATE_NOUNS:
        return "state"
    if group in _ARMED_NOUNS:
        return "armed"
    if group in _CIVILIAN_NOUNS:
        return "civilian"
    return None


# Nouns that name anyone: "a member of the militia", "the victim", "two people".
_ANYONE = {"people", "person", "persons", "member", "members", "victim", "victims", "man", "men", "individual", "individuals", ""}


def _same_victims(a: str, b: str, count: int) -> bool:
    """Whether two victims' nouns may name the same people.

    For a group an unknown side is no objection; one victim named twice must be of the same side
    or named as anyone ("a demonstrator ... a prisoner" are two people, "a fighter ... a member" one).
    """
    side_a, side_b = _side(a), _side(b)
    if count == 1:
        return a in _ANYONE or b in _ANYONE or (side_a is not None and side_a == side_b)
    return side_a is None or side_b is None or side_a == side_b


def combine(mentions: list[Mention]) -> Toll:
    """One incident's killed and wounded from all its mentions (rules in the module docstring).

    Claimed mentions count toward the high end only: the best figure is what the other mentions
    say (none when only a claim gives one).
    """

    def total(kind: str, pool: list[Mention]) -> Count | None:
        coded = [m.count for m in pool if m.kind == kind and m.group == CODED]
        if coded:
            return coded[-1]  # the figure the note says it was coded as, whatever else it reports
        groups: dict[str, Count] = {}
        told_in: dict[str, set[int]] = {}
        besides = [m.count for m in pool if m.kind == kind and m.group == BESIDES]
        for m in pool:
            if m.kind != kind or m.group == BESIDES:
                continue
            key = "people" if m.group in GENERAL_NOUNS or not m.group else m.group
            if key not in groups and m.count.best and m.group not in ("others", "more"):
                # The same figure told again in another sentence for a group of the same side.
                key = next(
                    (
                        k
                        for k, c in groups.items()
                        if c.best == m.count.best
                        and m.sentence not in told_in[k]
                        # A speaker names the dead his way: "three STC fighters" are his "three soldiers".
                        and (_same_victims(k, key, c.best) or m.quoted)
                    ),
                    key,
                )
            if (
                key in groups
                and not m.revision
                and m.sentence in told_in[key]
                and m.sentence >= 0
                and m.count.best != groups[key].best
                and key != "people"  # "several people were killed ... at least eight people": one toll, refined
            ):
                # Two counts of one noun in one sentence are two groups: "the army lost 5
                # members, while the rebels lost 8 members".
                groups[key] = groups[key] + m.count
            elif key in groups and not m.revision:
                old = groups[key]
                groups[key] = m.count if (m.count.best or 0) > (old.best or 0) else old
            else:
                groups[key] = m.count
            told_in.setdefault(key, set()).add(m.sentence)
        if not groups:
            return None
        general = groups.pop("people", None)
        specific = None
        for c in groups.values():
            specific = c if specific is None else specific + c
        if general is None:
            found = specific
        elif specific is None or (general.best or 0) >= (specific.best or 0):
            found = general
        else:
            found = specific
        # Attackers named apart from the toll ("as well as the attacker") are never inside it.
        for extra in besides:
            found = found + extra
        return found

    def ranged(kind: str) -> Count | None:
        told = total(kind, [m for m in mentions if not m.claimed])
        if not any(m.claimed and m.kind == kind for m in mentions):
            return told
        every = total(kind, mentions)
        high = every.high if every.high is not None else every.best
        if told is None:
            return Count(None, None, high)
        return Count(told.low, told.best, max(v for v in (high, told.high, told.best) if v is not None))

    attackers = [
        m.count.best for m in mentions if m.kind == "killed" and m.attackers and m.count.best is not None and not m.claimed
    ]
    return Toll(ranged("killed"), ranged("wounded"), sum(attackers) if attackers else None)
