"""Event type (ACLED's taxonomy) and the actors of an incident, from its sentences.

The type comes from the weapon or action words of the evidence ("suicide bombing" before
"bombing"; an air strike before a generic attack), falling back on who was hit: armed men on
both sides is a battle, otherwise violence against civilians. Actors are named groups as the
story names them ("the Islamic State group claimed", "attacks by Taliban militants", "coalition
air strike" widened to "the US-led coalition" the story mentions), written in one canonical form.
"""

from __future__ import annotations

import re

# Most specific first: the first pattern that matches decides.
EVENT_RULES: list[tuple[str, str, str]] = [
    (
        r"suicide\s+(?:bomb|blast|attack|car|vest|belt|truck)|suicide[- ]bomb|twin\s+suicide|blew\s+(?:himself|herself|themselves)\s+up",
        "Explosions/Remote violence",
        "Suicide bomb",
    ),
    (
        r"\bair\s*strikes?|\bairstrikes?|\bair\s+raids?|\bdrone\s+(?:strike|attack)s?|\bwarplanes?|\bjets?\s+(?:bombed|struck|hit)|\bhelicopter\s+gunships?|\baerial\s+bombardment|\bbombed\s+from\s+the\s+air|\bUAV",
        "Explosions/Remote violence",
        "Air/drone strike",
    ),
    (
        r"\bshell(?:ing|ed|s)?\b|\bartillery|\bmortars?\b|\brockets?\b|\bmissiles?\b|\bRPG\b|\bbarrel\s+bombs?",
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
    ),
    (r"\bgrenades?\b", "Explosions/Remote violence", "Grenade"),
    (
        r"\bIEDs?\b|roadside\s+bomb|landmine|\bmines?\b|explosive\s+device|car\s+bomb|bomb\s+(?:exploded|went\s+off|blast)|\bexplosions?\b|\bblasts?\b|\bbombings?\b|\bexplosives?\b|\bdetonated",
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
    ),
    (r"\b(?:kidnapp|abduct)\w*|taken\s+hostage|hostages?\b", "Violence against civilians", "Abduction/forced disappearance"),
    (r"\brap(?:e|ed|ing)\b|sexual(?:ly)?\s+(?:violence|assault|abuse)", "Violence against civilians", "Sexual violence"),
    (r"\b(?:retook|recaptured|regained\s+control|liberated)\b", "Battles", "Government regains territory"),
    (
        r"\b(?:seized|captured|overran|took\s+control\s+of)\s+(?:the\s+)?(?:town|city|village|district|base|area)",
        "Battles",
        "Non-state actor overtakes territory",
    ),
    (
        r"\b(?:clash(?:es|ed)?|fighting|fought|gun\s*fights?|firefights?|exchange\s+of\s+fire|exchang(?:ed|ing|es)\s+(?:heavy\s+)?(?:gun)?fire"
        r"|battles?|repuls\w+|ambush\w*|offensive|engaged|counter-?attack)",
        "Battles",
        "Armed clash",
    ),
    (
        r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies)|marche[sd])\b.*\b(?:tear\s*gas|fired\s+(?:on|at|into)|live\s+(?:ammunition|fire)|killed|shot)",
        "Protests",
        "Excessive force against protesters",
    ),
    (r"\b(?:riot\w*|mob\b|lynch\w*|looted|torched)", "Riots", "Mob violence"),
    (r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies))\b", "Protests", "Peaceful protest"),
    (r"\b(?:arrested|detained|arrests)\b", "Strategic developments", "Arrests"),
]
_COMPILED = [(re.compile(p, re.I), t, s) for p, t, s in EVENT_RULES]
ARMED = re.compile(
    r"\b(?:soldiers?|troops?|police(?:men|man)?|officers?|militants?|fighters?|insurgents?|rebels?|forces|militia\w*|"
    r"gunmen|jihadists?|army|military|guards?|security\s+personnel|servicemen|combatants?|checkpoints?|commanders?)\b",
    re.I,
)

# Canonical names of armed groups, with the ways stories write them. General knowledge of the
# field, not of any evaluation row: the groups every conflict desk reports on.
GROUPS: dict[str, tuple[str, ...]] = {
    # A branch before its parent: the first name that matches is the group.
    "Islamic State West Africa Province": (r"\bISWAP\b", r"Islamic\s+State\s+West\s+Africa\s+Province"),
    "Islamic State": (r"Islamic\s+State(?:\s+group)?", r"\bIS\b", r"\bISIS\b", r"\bISIL\b", r"\bDaesh\b", r"\bDaech\b"),
    "Tehreek-e-Taliban Pakistan": (r"\bTTP\b", r"Pakistani\s+Taliban", r"Tehreek-e-Taliban"),
    "Taliban": (r"\bTaliban\b", r"\bTaleban\b"),
    "Al-Shabaab": (r"\bal-?\s?Shabaab?\b", r"\bShabaab?\b"),
    "Boko Haram": (r"\bBoko\s+Haram\b", r"\bJAS\b"),
    "Al-Qaeda": (r"\bal-?\s?Qa[e']?i?da\b", r"\bAQAP\b", r"\bAQIM\b"),
    "JNIM": (r"\bJNIM\b", r"Jama'?at\s+Nusrat\s+al-Islam"),
    "Houthis": (r"\bHouthis?\b", r"\bAnsar\s+Allah\b"),
    "Hezbollah": (r"\bHezbollah\b", r"\bHizbullah\b"),
    "Hamas": (r"\bHamas\b",),
    "PKK": (r"\bPKK\b", r"Kurdistan\s+Workers'?\s+Party"),
    "Hayat Tahrir al-Sham": (r"\bHTS\b", r"Hayat\s+Tahrir\s+al-Sham"),
    "Hashed al-Shaabi": (r"Hashed\s+al-Shaabi", r"Popular\s+Mobili[sz]ation\s+(?:Forces|Units)", r"\bPMF\b"),
    "ADF": (r"\bADF\b", r"Allied\s+Democratic\s+Forces"),
    "M23": (r"\bM23\b",),
    "Wagner Group": (r"\bWagner\b",),
    "RSF": (r"\bRSF\b", r"Rapid\s+Support\s+Forces"),
    "Fulani militia": (r"\bFulani\s+(?:militia|herdsmen|gunmen|militants)",),
}
_NUMBER_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|several"
_GROUP_PATTERNS = [(name, re.compile("|".join(ps))) for name, ps in GROUPS.items()]
_CLAIM = re.compile(
    r"(?:claimed\s+by|blamed\s+on|carried\s+out\s+by|conducted\s+by|launched\s+by|attributed\s+to|(?:attack|attacks|assault|raid|ambush)\s+by|killed\s+by|at\s+the\s+hands\s+of)\s+(?:the\s+)?(?:suspected\s+)?(?P<a>[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,4}(?:\s+(?:group|militants|fighters|forces|gunmen|insurgents|rebels|troops|soldiers|coalition|militia))?)"
    r"|(?P<b>(?:the\s+)?[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,4}(?:\s+(?:group|militants|fighters))?)\s+(?:has\s+|have\s+)?claimed\s+(?:responsibility|the\s+attack)"
)
_NOT_STRIKERS = frozenset(
    "the one a an another this that these those its their his her new fresh heavy late early overnight".split()
)
_STRIKER = re.compile(
    r"\b(?P<who>(?:[A-Z][\w'’\-]*\s+|US-led\s+|Saudi-led\s+|coalition\s+|government\s+|army\s+|military\s+|Russian\s+|Israeli\s+|Turkish\s+|American\s+|US\s+){1,3})"
    r"(?:[Aa]ir\s*strikes?|[Aa]irstrikes?|[Dd]rone\s+strikes?|warplanes?|jets?|shelling|artillery"
    # Forces are the perpetrator only when they act; "targets Afghan police" names the target.
    # ("troops killed in clash" is a headline about victims: the verb needs an object).
    r"|(?:forces|troops|soldiers|police)\s+(?:killed|shot|opened\s+fire|fired|attacked|raided|bombed|shelled|stormed)"
    r"(?!\s+(?:in|at|on|during|after|when|as|by|while)\b)(?![,.]))\b"
)
# The other side of a fight the story tells from the army's: "clashes with al-Shabaab", "fighting
# between the army and Arakan Army fighters", "troops battled Houthi fighters". A name, capitalised.
_SIDE = r"(?:the\s+)?(?:suspected\s+)?(?P<who>(?:[Aa]l-)?[A-Z][\w'’\-]*(?:\s+(?:[Aa]l-)?[A-Z][\w'’\-]*){0,3})"
_OPPONENT = [
    re.compile(r"\b(?i:clash(?:es|ed)?|fighting|battles?|gunfights?|firefights?)\s+(?:with|against)\s+" + _SIDE),
    re.compile(
        r"\b(?i:fighting|clashes)\s+between\s+(?:the\s+)?(?:[a-z]+\s+){0,2}?(?:army|troops|forces|soldiers|police|military)\s+and\s+"
        + _SIDE
    ),
    re.compile(
        r"\b(?:battled|fought|repelled|repulsed)\s+"
        + _SIDE
        + r"\s+(?:fighters|militants|insurgents|rebels|forces|troops|gunmen)\b"
    ),
]
# Names of a state's own forces: the side a story tells the fight from, not the opponent it names.
_OWN_SIDE = frozenset("government security army military police state national federal".split())
_VICTIMS = re.compile(
    r"\b(?:killed|killing|wounded|targeted|targeting|against|on)\s+(?:\w+\s+){0,3}?(?P<who>[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*)?)\s+(?:jihadists|militants|fighters|soldiers|troops|members|positions|rebels)"
)


def classify_event(sentences: list[str], victims: list[str] | None = None) -> tuple[str, str]:
    """(event_type, sub_event_type) of the incident these sentences describe.

    `victims` are the nouns of the casualty groups ("soldiers", "people"): armed victims make
    an attack without weapon words a battle, unarmed ones violence against civilians.
    """
    text = " ".join(sentences)
    for pattern, event_type, sub_type in _COMPILED:
        if pattern.search(text):
            return event_type, sub_type
    if victims:
        armed = any(ARMED.fullmatch(v) for v in victims if v)
        return ("Battles", "Armed clash") if armed else ("Violence against civilians", "Attack")
    if len(ARMED.findall(text)) >= 2 or re.search(
        r"\b(?:attack\w*)\b.*\b(?:soldiers|troops|police|checkpoint|base|post|convoy)", text, re.I
    ):
        return "Battles", "Armed clash"
    return "Violence against civilians", "Attack"


_EVENT_WORDS = re.compile(
    r"\b(?:attack\w*|clash\w*|fight\w*|fought|battle\w*|ambush\w*|explo\w+|blasts?|bomb\w*|detonat\w+|strike|strikes|struck"
    r"|shell\w*|fired|shot|shoot\w*|gunfire|raid\w*|stormed|kill\w*|wound\w*|injur\w*|kidnap\w*|abduct\w*|hostage\w*"
    r"|assassinat\w+|protest\w*|demonstrat(?:ors?|ions?|ing)|demonstrated\s+(?:in|against|outside|at|over|for|near|on|along|across)|riot\w*|looted|torched|burn(?:ed|t)\s+down|arrest\w*|seized|captured|violence"
    r"|assault\w*|grenade\w*|mortar\w*|rocket\w*|missile\w*|landmine\w*|IEDs?|airstrikes?|offensive|repuls\w+|executed|beheaded"
    r"|stabb\w*|beat|beaten|beating|rap(?:e|ed)|tortur\w*|lynch\w*|targeted|exchanged\s+fire|(?:pronounced|found)\s+dead|bod(?:y|ies)\s+of|drones?|hit)\b",
    re.I,
)


# Words that make a violent word talk about what may, might or is planned to happen, or about
# capabilities, not about an act that took place: "officials are debating whether to strike",
# "its missile programme". Lower case only: "May" is a month.
_NOT_AN_ACT = re.compile(
    r"\b(?:whether|would|could|might|may|plans?\s+to|planning\s+to|threaten\w*|programs?|programmes?|capabilit\w+|believes?)\b"
)


def is_event(sentence: str) -> bool:
    """Whether the sentence reports an act of political violence, protest or its like."""
    return bool(_EVENT_WORDS.search(sentence)) and not _NOT_AN_ACT.search(sentence)


def canonical_group(text: str) -> str | None:
    for name, pattern in _GROUP_PATTERNS:
        if pattern.search(text):
            return name
    return None


def _clean_actor(phrase: str, story_text: str) -> str:
    phrase = re.sub(rf"^(?:(?:the|a|an|another|some|\d+|{_NUMBER_WORDS})\s+)+", "", phrase.strip(), flags=re.I)
    group = canonical_group(phrase)
    if group:
        return group
    # Widen to the fuller form the story uses: "coalition" -> "US-led coalition".
    fuller = re.findall(rf"\b((?:[\w'’]+-led|[A-Z][\w'’\-]*)\s+{re.escape(phrase)})\b", story_text)
    fuller = [f for f in fuller if not re.match(rf"(?:the|a|an|another|some|\d+|{_NUMBER_WORDS})\s", f, re.I)]
    return max(fuller, key=len) if fuller else phrase


def find_claimant(sentences: list[str], story_text: str) -> str | None:
    """Who the story says claimed or carried out its attack, wherever it says so."""
    for sentence in sentences:
        m = _CLAIM.search(sentence)
        if m and (m["a"] or m["b"]):
            return _clean_actor(m["a"] or m["b"], story_text)
    return None


def find_actors(sentences: list[str], story_text: str, mentions: bool = True) -> tuple[str | None, str | None]:
    """(actor1 the perpetrator, actor2 the target) as the sentences name them.

    With `mentions`, a named group anywhere in the sentences is the perpetrator when nothing
    says more; without, only a claim, an attribution or a strike names it.
    """
    text = " ".join(sentences)
    actor1 = None
    for m in _CLAIM.finditer(text):
        phrase = m["a"] or m["b"]
        if phrase:
            actor1 = _clean_actor(phrase, story_text)
            break
    if actor1 is None:
        for m in _STRIKER.finditer(text):
            who = m["who"].strip()
            if who.lower() in _NOT_STRIKERS:
                continue  # "An air strike hit", "Heavy shelling": a word of the sentence, not who struck
            actor1 = _clean_actor(who, story_text)
            break
    if actor1 is None:
        sides = (m["who"].strip() for pattern in _OPPONENT for m in pattern.finditer(text))
        side = next((w for w in sides if w.split()[0].lower() not in _OWN_SIDE | _NOT_STRIKERS), None)
        if side is not None:
            actor1 = _clean_actor(side, story_text)
    actor2 = None
    m = _VICTIMS.search(text)
    if m:
        actor2 = _clean_actor(m["who"], story_text)
        if actor2 == actor1:
            actor2 = None
    if actor1 is None and mentions:
        group = canonical_group(text)
        if group and group != actor2:
            actor1 = group
    return actor1, actor2
