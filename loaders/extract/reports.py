"""One story in, its incident reports and quotes out.

A sentence that states a toll opens or joins an incident: it joins the story's current
incident unless it names its own place and date that differ ("One coalition air strike near
Mosul in December killed 42" is not the Baghdad bombing), or opens with a day of its own
("Yesterday, ...", "On 9 August, ...") that the incident does not share. The lead's event comes
first. A sentence without its own date takes the last date its paragraph named; the incident the
lead tells of takes the lead's date; a later sentence saying where and when "the attack took place"
dates and places the incident it follows. Without any date, the story's date (dateline,
page metadata, publication) dates it, and the report says so.

Tallies over a period ("since the coup", "in July alone") and the sentences that go on with them
("Of them, 40 were ...") are context: never a toll, a place or a date of an incident, but a
review flag on the incidents near them. A toll only an armed group claims of its enemies widens
the range and sets no best figure (claims.py). Each report carries its review codes
(schema.REVIEW_REASONS). Pure: the gazetteer is passed in; nothing is stored here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from loaders.extract.casualties import PERSON, Mention, combine, find_mentions, is_tally, share, split_share
from loaders.extract.claims import acronyms, claimed_by_one_side, confirms, resolve, sources
from loaders.extract.dates import DateMention, find_dates
from loaders.extract.events import classify_event, find_actors, find_claimant, is_event
from loaders.extract.places import DEMONYMS, Place, PlaceResolver, countries_named
from loaders.extract.quotes import extract_quotes
from loaders.extract.stories import Story
from loaders.geo.gazetteer import Gazetteer
from loaders.store.schema import GEO_REGION, LIST_SEPARATOR

STAND_IN_ANCHOR = date(2000, 1, 5)
LEAD_SENTENCES = 3
_QUOTED = re.compile(r'"[^"]*"|“[^”]*”')  # a quotation within a sentence
# Sentences either side of an incident's own in which a tally makes it worth a second look.
TALLY_REACH = 2
# Sentences below an incident's last beyond which an untied toll belongs to another event.
FAR_SENTENCES = 10
_SENTENCE = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“A-Z0-9])")
_ABBREVIATION = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Maj|Capt|Sgt|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|No|Brig|Cpl|Pte|Pvt|Insp|Supt|Gov|Sen|Rep|Prof)\.$"
)
# A sentence that goes on with the tally before it: "Of the total, 41 were killed", "Also, four
# members were killed", "They died in raids by the gang", "In addition, 210 fighters ...",
# "Another 26 were injured", "One fighter was also killed".
_GOES_ON = re.compile(
    r"^\W*(?:of\s+(?:the\s+total|them|these|those|whom|the\s+dead|the\s+victims|the\s+fatalities)|among\s+(?:them|the\s+dead|those|the\s+victims)"
    r"|in\s+addition\b|additionally\b|also\b|moreover\b|furthermore\b|besides\b|this\s+(?:includes|brings|takes|raises)\b|these\s+include\b"
    r"|(?:they|all|all\s+of\s+them|most\s+of\s+them)\s+were\s+(?:killed|documented)\b|the\s+(?:fatalities|victims|dead)\s+(?:were|are|include)"
    r"|while\s+[\w,]+\s+[\w\s]{0,40}?were\s+also\s+killed|another\s+[\w,]+\s"
    r"|[^.]*\b(?:was|were)\s+also\s+(?:killed|wounded|injured)\b)",
    re.I,
)
# A sentence that says when and where the event told before it happened.
_TOOK_PLACE = re.compile(
    r"\b(?:the|this|that)\s+(?:[\w-]+\s+){0,3}?(?:attack|operations?|incident|clash(?:es)?|fighting|ambush|raid|explosion|blast|strike|shooting|events?|encounter|firefight|skirmish|assault|killings?|massacre)"
    r"\s+(?:[\w'’\-]+\s+){0,4}?(?:took\s+place|occurr?ed|happened|was\s+carried\s+out|was\s+executed|was\s+launched|erupted|broke\s+out)\b"
    r"|\b(?:it|this)\s+(?:was\s+executed|happened|occurr?ed|took\s+place)\b",
    re.I,
)
_WHY = re.compile(
    r"\s*(?:,\s*)?(?:in\s+(?:retaliation|response|revenge|reprisal)|as\s+(?:a|an|part)|because|to\s+\w+|by\b)", re.I
)
_GOES_ON_ABOUT = re.compile(r"^\W*(?:He|She|They|His|Her|Their|The\s+(?:victim|victims|man|woman|boy|girl|soldier|officer))\b")
_ANOTHER = re.compile(
    r"\b(?:in\s+)?(?:another|a\s+separate|a\s+second|a\s+similar|an\s+earlier|a\s+related)\s+(?:[\w-]+\s+)?(?:attack|incident|raid|ambush|clash|explosion|blast|bombing|shooting|strike)\b",
    re.I,
)
# A toll told inside a quotation: "... told the agency that \"four soldiers were killed\"".
_QUOTED_TOLL = re.compile(r"[\"“][^\"”]*\b(?:killed|died|dead|wounded|injured)\b")
_HEADLINE_SOURCE = re.compile(r":\s*(?P<src>[\w'’\- ]{2,40}?)\s*$")
_CASUALTY_WORDS = re.compile(r"\b(?:killed|died|dead|deaths?|wounded|injured|casualties|losses|bodies)\b", re.I)
# A sentence that opens with a day of its own: a new item in a round-up ("Yesterday, ...").
_OPENING_DAY = re.compile(
    r"^\W*(?:yesterday|earlier\s+(?:today|this\s+week)|on\s+\w+|last\s+\w+|a\s+day\s+earlier|the\s+day\s+before)\b", re.I
)
# A place introduced as where someone comes from, not where it happened: "a resident of X",
# "a farm worker from X" (but "residents of X confronted the police" are where it happened).
_ORIGIN = re.compile(
    r"\b(?:(?:a|the|an?\s+\w+)\s+resident\s+of|natives?\s+of|hail(?:s|ed|ing)\s+from|originally\s+from|(?:who|which)\s+(?:is|was|are|were)\s+from"
    rf"|(?:{PERSON}s?|men|women|people|children|nationals?|citizens?|migrants?|immigrants?|tourists?|labou?rers?|famil(?:y|ies))\s+from)\s+(?:the\s+)?$",
    re.I,
)


def split_sentences(paragraph: str) -> list[str]:
    pieces = _SENTENCE.split(paragraph)
    out: list[str] = []
    for piece in pieces:
        if out and _ABBREVIATION.search(out[-1]):
            out[-1] += " " + piece
        else:
            out.append(piece)
    return [p.strip() for p in out if p.strip()]


@dataclass
class _Sentence:
    text: str
    paragraph: int
    tally: bool = False
    mentions: list[Mention] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)  # the days of the acts it tells
    said: list[DateMention] = field(default_factory=list)  # the days things were said
    confirmed: bool = False  # it names a source that is no party to the fight (the state, a hospital, residents)


@dataclass
class _Incident:
    sentences: list[int] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    when: DateMention | None = None
    when_told: bool = False  # the date stands in one of its own sentences, not borrowed from the lead or a paragraph
    place: Place | None = None
    gathering: bool = False  # a protest the lead reports: an incident with no toll of its own


def _same_place(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None:
        return True
    return a.country_code == b.country_code and (
        abs(a.latitude - b.latitude) + abs(a.longitude - b.longitude) < 0.5 or a.admin1 == b.admin1
    )


def _same_date(a: DateMention | None, b: DateMention | None) -> bool:
    if a is None or b is None:
        return True
    if a.precision == "day" and b.precision == "day":
        return abs((a.date - b.date).days) <= 1
    return (
        (a.date.year, a.date.month) == (b.date.year, b.date.month)
        or "year" in (a.precision, b.precision)
        and a.date.year == b.date.year
    )


@dataclass(frozen=True)
class Extraction:
    reports: list[dict]
    quotes: list[dict]


def extract_story(story: Story, gazetteer: Gazetteer, anchor: date | None = None) -> Extraction:
    anchor = anchor or story.date
    # A dateline or a page's date is the day the story came out: nothing it tells happened later.
    latest = anchor if story.date_source != "text" else None
    text = story.text
    context = countries_named(((story.title or "") + " " + text), gazetteer)
    dateline_place = None
    if story.dateline_place:
        found = gazetteer.geocode(story.dateline_place, country_codes=context or None) or gazetteer.geocode(story.dateline_place)
        if found is not None:
            context = [found.raw["country_code"], *context]
    capital = gazetteer.capital(context[0]) if context else None
    placed = bool(countries_named(((story.title or "") + " " + text), gazetteer, demonyms=False))
    resolver = PlaceResolver(gazetteer, context, capital, placed=placed)
    if story.dateline_place:
        dateline_place = resolver.place_named(story.dateline_place)
    quotes = extract_quotes(story.paragraphs)
    sentences = _read_sentences(story, resolver, anchor, latest, quotes, gazetteer)

    incidents: list[_Incident] = []
    first_place = next((p for s in sentences for p in s.places), None)
    any_toll = any(s.mentions for s in sentences)
    lead = [i for i in range(min(LEAD_SENTENCES, len(sentences))) if not sentences[i].tally]

    tolled = {s.paragraph for s in sentences if s.mentions}

    def lead_date(paragraph: int) -> DateMention | None:
        # A lead sentence of another paragraph with a toll of its own that opens with a day
        # ("Yesterday, a blast injured a civilian") tells another item; it does not date this one.
        return next(
            (
                d
                for i in lead
                if sentences[i].paragraph == paragraph
                or not (_OPENING_DAY.match(sentences[i].text) and sentences[i].paragraph in tolled)
                for d in sentences[i].dates
            ),
            None,
        )

    last: _Incident | None = None
    paragraph_date: DateMention | None = None
    paragraph_opening: DateMention | None = None
    for position, sentence in enumerate(sentences):
        if position == 0 or sentence.paragraph != sentences[position - 1].paragraph:
            # "He was later shot": a paragraph that goes on about the same person keeps the last day,
            # and so does one that a heading line introduces ("5 November, near the village:").
            keep = position and (_GOES_ON_ABOUT.match(sentence.text) or sentences[position - 1].text.rstrip().endswith(":"))
            paragraph_date = paragraph_date if keep else None
            paragraph_opening = None
        own_date = _nearest(sentence)
        if paragraph_opening is None and _OPENING_DAY.match(sentence.text):
            paragraph_opening = next(
                (d for d in sorted(sentence.dates + sentence.said, key=lambda d: d.start) if d.start < 25), None
            )
        if sentence.tally:
            continue
        mentions = sentence.mentions
        took_place = _TOOK_PLACE.search(sentence.text) if not mentions and last is not None else None
        if took_place and not _WHY.match(sentence.text, took_place.end()):
            # "The raid took place on Friday in Hilowle village": when and where the incident told
            # before happened, said in the words right after (not "carried out in retaliation for ...").
            reach = range(took_place.start(), took_place.end() + 90)
            day = next((d for d in sentence.dates if d.start in reach), None)
            if day is not None and not last.when_told:
                last.when, last.when_told = day, True
            own_place = _finest([p for p in sentence.places if p.start in reach], resolver.context)
            if own_place is not None and (last.place is None or own_place.geo_precision <= last.place.geo_precision):
                last.place = own_place
        # A protest the lead reports is the story's event even when a background line has a toll
        # ("Thousands marched in X ... Last month an air strike there killed six").
        gathering = not mentions and not incidents and position in lead and _is_gathering(sentence.text)
        if (
            not mentions
            and not gathering
            and (any_toll or incidents or position >= LEAD_SENTENCES or not is_event(sentence.text))
        ):
            # Without any toll in the story, a violent event its lead reports is still an
            # incident (a clash with no reported deaths); otherwise only tolls open incidents.
            paragraph_date = own_date or paragraph_date
            continue
        told = own_date is not None
        when = own_date or paragraph_date
        if when is None and not incidents and position in lead:
            when = lead_date(sentence.paragraph)  # the lead's event, dated where the lead dates it
        own_place = _finest(sentence.places, resolver.context)
        # "Yesterday, ..." and "On Sunday, the ministry said ..." open an item of their own in a
        # round-up: such a sentence joins only an incident of that day.
        opening = next((d for d in sorted(sentence.dates + sentence.said, key=lambda d: d.start) if d.start < 25), None)
        opening = opening if opening is not None and _OPENING_DAY.match(sentence.text) else None
        if opening is None and own_date is None:
            opening = paragraph_opening  # the rest of an item its paragraph opened with a day
        target = None
        # "Three gendarmes were killed on Tuesday in another attack": another incident, whatever its day.
        other = bool(_ANOTHER.search(sentence.text)) and bool(incidents)
        # A toll told far below an incident, with nothing to tie it there (no day, no place, no
        # update of a toll), is of another event the story recalls.
        far = not told and own_place is None and not any(m.revision for m in mentions)
        for incident in incidents if not other else ():
            if far and position - incident.sentences[-1] > FAR_SENTENCES:
                continue
            if opening is not None and (incident.when is None or not _same_date(incident.when, opening)):
                continue
            if _same_date(incident.when, when) and _same_place(incident.place, own_place):
                target = incident
                break
        if target is None:
            target = _Incident()
            incidents.append(target)
        target.sentences.append(position)
        target.mentions.extend(mentions)
        target.gathering = target.gathering or gathering
        if target.when is None and when is not None:
            target.when, target.when_told = when, told
        if own_place and (target.place is None or own_place.geo_precision < target.place.geo_precision):
            target.place = own_place
        last = target
        paragraph_date = own_date or paragraph_date

    texts = [s.text for s in sentences]
    # The lead: its first sentence, and those after it that are neither a tally ("protests have
    # spread to several cities this year" says nothing of what the story's event was) nor another
    # incident's ("Last month an air strike there killed 12" does not make today's shooting one).
    owner = {i: n for n, incident in enumerate(incidents) for i in incident.sentences}
    reports = []
    for number, incident in enumerate(incidents):
        toll = combine(incident.mentions)
        if toll.killed is None and toll.wounded is None and any_toll and not incident.gathering:
            continue
        own = [texts[i] for i in incident.sentences]
        # The story's first incident is the one its headline and lead are about.
        described = own
        if not reports:
            lead_texts = [
                _QUOTED.sub("", s.text)  # a witness's "huge explosion" does not make a shooting a bombing
                for i, s in enumerate(sentences[:LEAD_SENTENCES])
                if i == 0 or not (s.tally or owner.get(i, number) != number)
            ]
            described = own + lead_texts + [story.title or ""]
        # A toll given only as a noun ("2 fatalities") says nothing of who the victims were.
        victims = [m.group for m in incident.mentions if m.kind == "killed" and m.group] or [
            m.group for m in incident.mentions if m.group
        ]
        event_type, sub_event_type = classify_event(own, victims)
        if not reports and sub_event_type in ("Attack", "Armed clash"):
            event_type, sub_event_type = classify_event(described, victims)
        actor1, actor2 = find_actors(own, text, mentions=bool(reports))
        if not reports and actor1 is None:
            # A claim or attribution for the story's main incident may come anywhere in it.
            actor1 = find_claimant(texts, text)
        if not reports and actor1 is None:
            actor1, actor2_lead = find_actors(described, text)
            actor2 = actor2 or actor2_lead
        told_places = [s.places for s in sentences if not s.tally]
        place = _refine_place(incident.place, told_places) if not reports else incident.place
        if place is None and not reports and dateline_place is not None:
            place = dateline_place
        place = place or first_place
        if place is None and context:
            place = resolver.country_place(context[0])
        when = incident.when
        if when is not None and anchor is None and not _explicit(when):
            when = None  # "on Tuesday" with nothing to count back from
        if when is None and not reports:
            # The story's lead dates its main incident ("On 14 March 2021, gunmen ...").
            first = sentences[incident.sentences[0]].paragraph
            lead_dates = (
                d
                for s in sentences[:2]
                if not s.tally and (s.paragraph == first or not (_OPENING_DAY.match(s.text) and s.paragraph in tolled))
                for d in s.dates
            )
            when = next((d for d in lead_dates if anchor is not None or _explicit(d)), None)
        if when is None:
            # The day it was said ("police said on Friday") is the nearest a text comes.
            said = (d for i in incident.sentences for d in sentences[i].said)
            when = next((d for d in said if anchor is not None or _explicit(d)), None)
        inferred = when is None and anchor is not None
        report_date, precision = (when.date, when.precision) if when else (anchor, "day") if anchor else (None, None)
        review = _review(incident, sentences, toll, place, inferred or story.date_source == "text" and when is None)
        reports.append(
            {
                "article_id": story.article_id,
                "date": report_date,
                "date_precision": precision,
                "location": place.written if place else None,
                "latitude": place.latitude if place else None,
                "longitude": place.longitude if place else None,
                "country": place.country if place else None,
                "admin1": place.admin1 if place else None,
                "geo_precision": place.geo_precision if place else None,
                "event_type": event_type,
                "sub_event_type": sub_event_type,
                "actor1": actor1,
                "actor2": actor2,
                **_count_columns("killed", toll.killed),
                **_count_columns("wounded", toll.wounded),
                "evidence": " ".join(own),
                "review": review,
            }
        )
    for n, report in enumerate(reports):
        report["report_id"] = f"{story.article_id}-{n}"
    main_report = reports[0]["report_id"] if reports else None
    quote_rows = [
        {
            "quote_id": f"{story.article_id}-q{n}",
            "article_id": story.article_id,
            "report_id": main_report,
            "speaker": q.speaker,
            "speaker_role": q.speaker_role,
            "text": q.text,
            "partial": q.partial,
        }
        for n, q in enumerate(quotes)
    ]
    return Extraction(reports, quote_rows)


def _read_sentences(story: Story, resolver: PlaceResolver, anchor, latest, quotes, gazetteer: Gazetteer) -> list[_Sentence]:
    """Each sentence with its tally flag, tolls (claims marked), places and dates."""
    text = story.text
    known = acronyms(text)

    def is_country(word: str) -> bool:
        return word in DEMONYMS or gazetteer.country_code(word) is not None

    speakers: dict[int, list[str]] = {}
    for q in quotes:
        speakers.setdefault(q.paragraph, []).append(" ".join(filter(None, (q.speaker, q.speaker_role))))
    out: list[_Sentence] = []
    last_sources: list[str] = []
    split = [split_sentences(p) for p in story.paragraphs]
    following = [s for parts in split for s in parts][1:] + [""]
    # A headline's source: "Three police killed on the highway: resistance".
    headline = _HEADLINE_SOURCE.search(story.title or "")
    for p_index, parts in enumerate(split):
        quoted = story.paragraphs[p_index].lstrip()[:1] in '"“'
        for part in parts:
            # Who tells it: the sentence's own source, else that of the sentence after it when that
            # too tells of the dead ("... shot dead nine soldiers. Many more died later, according
            # to a rebel officer."), else, inside a quote, its speaker; in the lead, the headline's.
            after = following[len(out)]
            nearby = sources(after) if _CASUALTY_WORDS.search(after) else []
            paragraph_sources = nearby + (speakers.get(p_index, []) if quoted else [])
            if headline and len(out) < LEAD_SENTENCES:
                paragraph_sources.append(headline["src"])
            sentence = _Sentence(part, p_index)
            previous = out[-1] if out else None
            sentence.tally = is_tally(part) or bool(
                previous is not None and previous.tally and previous.paragraph >= p_index - 1 and _GOES_ON.match(part)
            )
            sentence.places = [p for p in resolver.places_in(part) if not _ORIGIN.search(part[: p.start])]
            found = find_dates(part, anchor or STAND_IN_ANCHOR, latest if anchor else None)
            found = [d for d in found if anchor is None or latest is None or d.date <= latest]
            sentence.dates = [d for d in found if not d.aside]
            sentence.said = [d for d in found if d.aside == "said"]
            attribution = resolve(sources(part), last_sources) or resolve(paragraph_sources, last_sources)
            if attribution:
                last_sources = attribution
            if not sentence.tally:
                mentions = find_mentions(part)
                parts_of = split_share(part, text) if mentions else None
                if parts_of:
                    mentions = [replace(m, count=share(m.count, parts_of)) for m in mentions]
                sentence.mentions = [
                    replace(
                        m,
                        sentence=len(out),
                        claimed=claimed_by_one_side(part, m.group, attribution, known, is_country),
                        quoted=quoted or bool(_QUOTED_TOLL.search(part)),
                    )
                    for m in mentions
                ]
            sentence.confirmed = confirms(sources(part))
            out.append(sentence)
    # The same dead told again without a source that could confirm them stay one side's claim
    # ("... according to the rebels." then "Eight troops died, said the officer.").
    claimed = [m for s in out for m in s.mentions if m.claimed]
    for s in out:
        if s.confirmed:
            continue
        s.mentions = [
            replace(m, claimed=True)
            if not m.claimed
            and any(c.kind == m.kind and c.count.best == m.count.best and c.sentence < m.sentence for c in claimed)
            else m
            for m in s.mentions
        ]
    return out


def _nearest(sentence: _Sentence) -> DateMention | None:
    """The day of the sentence's toll: of several days, the one nearest its first toll.

    "While the post was attacked on Tuesday night, the killing of a guard took place on
    Thursday": Thursday, nearer the killing; a day after the toll is preferred to one as far before it.
    """
    if not sentence.dates:
        return None
    if not sentence.mentions:
        return sentence.dates[0]
    at = sentence.mentions[0].start
    return min(sentence.dates, key=lambda d: (d.start - at) if d.start >= at else 1.5 * (at - d.start))


def _is_gathering(sentence: str) -> bool:
    return is_event(sentence) and classify_event([sentence], [])[0] == "Protests"


def _finest(places: list[Place], named: list[str]) -> Place | None:
    """The sentence's finest place, among those in the countries the story names if any is.

    "a wall of the United Kingdom embassy in Zamalek district, Cairo" happened in Cairo, not in the
    United Kingdom; "an air raid in eastern Libya killed three (Wednesday in Jakarta)" in Libya, when
    the story never names Indonesia.
    """
    if not places:
        return None
    inside = [p for p in places if p.country_code in named]
    return min(inside or places, key=lambda p: p.geo_precision)


def _review(incident: _Incident, sentences: list[_Sentence], toll, place: Place | None, date_inferred: bool) -> str:
    """The REVIEW_REASONS codes that apply to one incident, in the schema's order."""
    codes = []
    if any(m.claimed for m in incident.mentions):
        codes.append("toll_claimed")
    near = {j for i in incident.sentences for j in range(i - TALLY_REACH, i + TALLY_REACH + 1)}
    paragraphs = {sentences[i].paragraph for i in incident.sentences}
    if any(s.tally and (j in near or s.paragraph in paragraphs) for j, s in enumerate(sentences)):
        codes.append("tally_nearby")
    if place is not None and place.ambiguous:
        codes.append("place_ambiguous")
    if place is None or place.geo_precision >= GEO_REGION:
        codes.append("place_coarse")
    if date_inferred:
        codes.append("date_inferred")
    return LIST_SEPARATOR.join(codes)


def _count_columns(kind: str, count) -> dict:
    if count is None:
        return {f"{kind}_low": None, f"{kind}_best": None, f"{kind}_high": None}
    return {f"{kind}_low": count.low, f"{kind}_best": count.best, f"{kind}_high": count.high}


def _explicit(when: DateMention) -> bool:
    """A date that stands on its own ("21 January 2021"), not one resolved against the stand-in."""
    return abs((when.date - STAND_IN_ANCHOR).days) > 400


def _refine_place(place: Place | None, sentences: list[list[Place]]) -> Place | None:
    """A country- or region-level place sharpened by a finer one the lead names in that country.

    "Air strikes ... in eastern Syria killed 12" followed by "on the village of Susa in Deir Ezzor
    province": the village is where it happened. A region is sharpened only by a place inside it:
    "clashes in a village of Helmand ... families fled to Kandahar" stay in Helmand.
    """
    if place is not None and place.geo_precision < GEO_REGION:
        return place
    for places in sentences[:4]:
        for candidate in places:
            if candidate.geo_precision < (place.geo_precision if place else 9) and (
                place is None
                or candidate.country_code == place.country_code
                and (place.geo_precision > GEO_REGION or not place.admin1 or candidate.admin1 == place.admin1)
            ):
                return candidate
    return place
