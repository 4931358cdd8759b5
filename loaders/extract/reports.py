"""One story in, its incident reports and quotes out.

A sentence that states a toll opens or joins an incident: it joins the story's current
incident unless it names its own place and date that differ ("One coalition air strike near
Mosul in December killed 42" is not the Baghdad bombing). An incident without its own date
takes the dateline's; without its own place, the dateline place or the story's first place.
Pure: the gazetteer is passed in; nothing is stored here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from loaders.extract.casualties import Mention, combine, find_mentions, share, split_share
from loaders.extract.dates import DateMention, find_dates
from loaders.extract.events import classify_event, find_actors, find_claimant, is_event
from loaders.extract.places import Place, PlaceResolver, countries_named
from loaders.extract.quotes import extract_quotes
from loaders.extract.stories import Story
from loaders.geo.gazetteer import Gazetteer

STAND_IN_ANCHOR = date(2000, 1, 5)
LEAD_SENTENCES = 3
_SENTENCE = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“A-Z0-9])")
_ABBREVIATION = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Maj|Capt|Sgt|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|No)\.$"
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
class _Incident:
    sentences: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    when: DateMention | None = None
    place: Place | None = None


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
    text = story.text
    context = countries_named(((story.title or "") + " " + text), gazetteer)
    dateline_place = None
    if story.dateline_place:
        found = gazetteer.geocode(story.dateline_place, country_codes=context or None) or gazetteer.geocode(story.dateline_place)
        if found is not None:
            context = [found.raw["country_code"], *context]
    capital = gazetteer.capital(context[0]) if context else None
    resolver = PlaceResolver(gazetteer, context, capital)
    if story.dateline_place:
        dateline_place = resolver.place_named(story.dateline_place)

    sentences = [s for p in story.paragraphs for s in split_sentences(p)]
    incidents: list[_Incident] = []
    first_place: Place | None = None
    any_toll = any(find_mentions(s) for s in sentences)
    for position, sentence in enumerate(sentences):
        places = resolver.places_in(sentence)
        first_place = first_place or (places[0] if places else None)
        mentions = find_mentions(sentence)
        parts = split_share(sentence, text) if mentions else None
        if parts:
            mentions = [replace(m, count=share(m.count, parts)) for m in mentions]
        if not mentions and (any_toll or incidents or position >= LEAD_SENTENCES or not is_event(sentence)):
            # Without any toll in the story, a violent event its lead reports is still an
            # incident (a clash with no reported deaths); otherwise only tolls open incidents.
            continue
        # Without a dateline, relative dates still tell incidents apart ("last week" is not
        # "on Wednesday"): resolve them against a stand-in anchor, and report no date.
        dates = [d for d in find_dates(sentence, anchor or STAND_IN_ANCHOR) if anchor is None or d.date <= anchor]
        own_date = dates[0] if dates else None
        # The finest place the sentence names: "a wall of the United Kingdom embassy in
        # Zamalek district, Cairo" happened in Cairo, not in the United Kingdom.
        own_place = min(places, key=lambda p: p.geo_precision) if places else None
        target = None
        for incident in incidents:
            if _same_date(incident.when, own_date) and _same_place(incident.place, own_place):
                target = incident
                break
        if target is None:
            target = _Incident()
            incidents.append(target)
        target.sentences.append(sentence)
        target.mentions.extend(mentions)
        target.when = target.when or own_date
        if own_place and (target.place is None or own_place.geo_precision < target.place.geo_precision):
            target.place = own_place

    lead = sentences[:3]
    reports = []
    for n, incident in enumerate(incidents):
        toll = combine(incident.mentions)
        if toll.killed is None and toll.wounded is None and any_toll:
            continue
        # The story's first incident is the one its headline and lead are about.
        described = incident.sentences + ((lead + [story.title or ""]) if n == 0 else [])
        # A toll given only as a noun ("2 fatalities") says nothing of who the victims were.
        victims = [m.group for m in incident.mentions if m.kind == "killed" and m.group] or [
            m.group for m in incident.mentions if m.group
        ]
        event_type, sub_event_type = classify_event(incident.sentences, victims)
        if n == 0 and sub_event_type in ("Attack", "Armed clash"):
            event_type, sub_event_type = classify_event(described, victims)
        actor1, actor2 = find_actors(incident.sentences, text, mentions=n > 0)
        if n == 0 and actor1 is None:
            # A claim or attribution for the story's main incident may come anywhere in it.
            actor1 = find_claimant(sentences, text)
        if n == 0 and actor1 is None:
            actor1, actor2_lead = find_actors(described, text)
            actor2 = actor2 or actor2_lead
        place = _refine_place(incident.place, sentences, resolver) if n == 0 else incident.place
        if place is None and n == 0 and dateline_place is not None:
            place = dateline_place
        place = place or first_place
        if place is None and context:
            place = resolver.country_place(context[0])
        when = incident.when
        if when is not None and anchor is None and not _explicit(when):
            when = None  # "on Tuesday" with nothing to count back from
        if when is None and n == 0:
            # The story's lead dates its main incident ("On 14 March 2021, gunmen ...").
            lead_dates = (d for s in sentences[:2] for d in find_dates(s, anchor or STAND_IN_ANCHOR))
            when = next((d for d in lead_dates if anchor is not None or _explicit(d)), None)
        report_date, precision = (when.date, when.precision) if when else (anchor, "day") if anchor else (None, None)
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
                "evidence": " ".join(incident.sentences),
            }
        )
    for n, report in enumerate(reports):
        report["report_id"] = f"{story.article_id}-{n}"
    main_report = reports[0]["report_id"] if reports else None
    quotes = [
        {
            "quote_id": f"{story.article_id}-q{n}",
            "article_id": story.article_id,
            "report_id": main_report,
            "speaker": q.speaker,
            "speaker_role": q.speaker_role,
            "text": q.text,
            "partial": q.partial,
        }
        for n, q in enumerate(extract_quotes(story.paragraphs))
    ]
    return Extraction(reports, quotes)


def _count_columns(kind: str, count) -> dict:
    if count is None:
        return {f"{kind}_low": None, f"{kind}_best": None, f"{kind}_high": None}
    return {f"{kind}_low": count.low, f"{kind}_best": count.best, f"{kind}_high": count.high}


def _explicit(when: DateMention) -> bool:
    """A date that stands on its own ("21 January 2021"), not one resolved against the stand-in."""
    return abs((when.date - STAND_IN_ANCHOR).days) > 400


def _refine_place(place: Place | None, sentences: list[str], resolver: PlaceResolver) -> Place | None:
    """A country- or region-level place sharpened by a finer one the lead names in that country.

    "Air strikes ... in eastern Syria killed 12" followed by "on the village of Susa in Deir Ezzor
    province": the village is where it happened.
    """
    if place is not None and place.geo_precision < 3:
        return place
    for sentence in sentences[:4]:
        for candidate in resolver.places_in(sentence):
            if candidate.geo_precision < (place.geo_precision if place else 9) and (
                place is None or candidate.country_code == place.country_code
            ):
                return candidate
    return place
