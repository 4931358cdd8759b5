"""The shared filter: URL table, URL round trip, and what it keeps of the seed data."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.store import Frames
from loaders.store.schema import EVENT_TYPES, GEO_PRECISIONS, ORIGINS
from views.filters import Filter


def from_url(url: str) -> tuple[Filter, list[str]]:
    return Filter.from_query_params(parse_qs(urlsplit(url).query, keep_blank_values=True))


# url -> (expected filter, number of notices)
URLS = [
    ("/map", Filter(), 0),
    ("/incidents?min_killed=40", Filter(min_killed=40), 0),
    ("/map?from=2021-01-01&to=2021-01-31", Filter(date_from=date(2021, 1, 1), date_to=date(2021, 1, 31)), 0),
    ("/map?country=Iraq&country=Syria&country=Iraq", Filter(countries=("Iraq", "Syria")), 0),
    ("/map?admin1=Nineveh", Filter(admin1=("Nineveh",)), 0),
    ("/map?type=Battles&type=Explosions%2FRemote+violence", Filter(event_types=("Battles", "Explosions/Remote violence")), 0),
    ("/map?actor=Islamic+State&outlet=AFP", Filter(actors=("Islamic State",), outlets=("AFP",)), 0),
    ("/map?precision=1&precision=2", Filter(precisions=(1, 2)), 0),
    ("/quotes?q=++a+gap++to+exploit", Filter(text="a gap to exploit"), 0),
    ("/map?country=", Filter(), 0),  # an emptied widget, not junk
    ("/map?embed=true", Filter(), 0),  # Streamlit's own parameter
    # junk: each bad field falls back to its default, with a notice, the rest still applies
    ("/map?utm_source=mail&min_killed=5", Filter(min_killed=5), 1),
    ("/map?min_killed=-3", Filter(), 1),
    ("/map?min_killed=lots&country=Iraq", Filter(countries=("Iraq",)), 1),
    ("/map?min_killed=1e9", Filter(), 1),
    ("/map?min_killed=%C2%B2", Filter(), 1),  # a superscript two: str.isdigit() says yes, int() says no
    ("/map?min_killed=99999999999999999999", Filter(), 1),
    ("/map?min_killed=3&min_killed=7", Filter(min_killed=7), 1),
    ("/map?from=yesterday", Filter(), 1),
    ("/map?from=2021-02-30", Filter(), 1),
    ("/map?from=2021-02-01&to=2021-01-01", Filter(), 1),
    ("/map?to=2021-01-31&from=2021-13-01", Filter(date_to=date(2021, 1, 31)), 1),
    ("/map?type=Wars&type=Riots", Filter(event_types=("Riots",)), 1),
    ("/map?precision=0&precision=x&precision=3", Filter(precisions=(3,)), 2),
    ("/map?q=" + "x" * 300, Filter(text="x" * 200), 1),
    ("/map?%3Cscript%3E=1", Filter(), 1),
    ("/map?origin=ACLED&origin=UCDP+GED", Filter(origins=("ACLED", "UCDP GED")), 0),
    ("/map?origin=article", Filter(origins=("article",)), 0),
    ("/map?origin=GDELT&origin=ACLED", Filter(origins=("ACLED",)), 1),
    ("/map?origin=acled", Filter(), 1),  # origins are spelled as in the schema
    ("/incidents?review=1", Filter(review=True), 0),
    ("/incidents?review=0", Filter(), 0),
    ("/incidents?review=yes", Filter(), 1),
]


@pytest.mark.parametrize(("url", "expected", "notices"), URLS, ids=[u for u, _, _ in URLS])
def test_url_to_filter(url: str, expected: Filter, notices: int) -> None:
    got, messages = from_url(url)
    assert got == expected
    assert len(messages) == notices, messages


def test_defaults_stay_out_of_the_url() -> None:
    assert Filter().to_query_params() == {}
    assert Filter(min_killed=0, text="  ").to_query_params() == {}


names = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20)
filters = st.builds(
    Filter,
    date_from=st.none() | st.dates(max_value=date(2030, 1, 1)),
    date_to=st.none() | st.dates(min_value=date(2030, 1, 1)),
    countries=st.lists(names, max_size=3).map(tuple),
    admin1=st.lists(names, max_size=3).map(tuple),
    event_types=st.lists(st.sampled_from(list(EVENT_TYPES)), max_size=3).map(tuple),
    actors=st.lists(names, max_size=3).map(tuple),
    outlets=st.lists(names, max_size=3).map(tuple),
    precisions=st.lists(st.sampled_from(list(GEO_PRECISIONS)), max_size=4).map(tuple),
    min_killed=st.integers(min_value=0, max_value=10**6),
    text=st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=50),
    origins=st.lists(st.sampled_from(list(ORIGINS)), max_size=3).map(tuple),
    review=st.booleans(),
)


@settings(max_examples=300, deadline=None)
@given(filters)
def test_round_trip_through_a_real_url(value: Filter) -> None:
    url = "/map?" + urlencode(value.to_query_params(), doseq=True)
    parsed, notices = from_url(url)
    assert parsed == value
    assert notices == []


def test_min_killed_keeps_mosul_only(seed_frames: Frames) -> None:
    view = Filter(min_killed=40).apply(seed_frames)
    assert list(view.incidents["location"]) == ["Mosul"]
    assert view.quotes.empty  # all seed quotes concern the Baghdad bombing


@pytest.mark.parametrize(
    ("value", "places", "quotes"),
    [
        (Filter(), {"Baghdad", "Mosul"}, 10),
        (Filter(date_from=date(2020, 12, 20), date_to=date(2020, 12, 31)), {"Mosul"}, 0),  # month precision overlaps
        (Filter(date_from=date(2021, 1, 21)), {"Baghdad"}, 10),
        (Filter(countries=("Iraq",), admin1=("Nineveh",)), {"Mosul"}, 0),
        (Filter(actors=("Islamic State",)), {"Baghdad", "Mosul"}, 10),  # Mosul's target
        (Filter(actors=("US-led coalition",)), {"Mosul"}, 0),
        (Filter(outlets=("AFP",)), {"Baghdad", "Mosul"}, 10),
        (Filter(outlets=("AF",)), set(), 0),  # whole names only
        (Filter(precisions=(3,)), {"Mosul"}, 0),
        (Filter(event_types=("Battles",)), set(), 0),
        (Filter(text="GAP TO EXPLOIT"), {"Baghdad"}, 1),
        (Filter(text="jihadists"), {"Mosul"}, 0),  # evidence sentence
        (Filter(origins=("article",)), {"Baghdad", "Mosul"}, 10),  # the seed reports were read from articles
        (Filter(origins=("ACLED", "UCDP GED")), set(), 0),
    ],
)
def test_apply_on_seed(seed_frames: Frames, value: Filter, places: set[str], quotes: int) -> None:
    view = value.apply(seed_frames)
    assert set(view.incidents["location"]) == places
    assert len(view.quotes) == quotes


def test_review_keeps_the_incidents_the_machine_is_unsure_of(seed_frames: Frames) -> None:
    from dataclasses import replace

    flagged = seed_frames.incidents.assign(
        review=["toll_claimed;tally_nearby" if p == "Mosul" else None for p in seed_frames.incidents["location"]]
    )
    frames = replace(seed_frames, incidents=flagged.astype({"review": "string"}))
    assert list(Filter(review=True).apply(frames).incidents["location"]) == ["Mosul"]
    assert Filter(review=True).describe() == "Incidents flagged for review"


def test_describe_is_plain_english() -> None:
    assert Filter().describe() == "All incidents"
    text = Filter(min_killed=40, countries=("Iraq",), event_types=("Battles", "Riots")).describe()
    assert text == "Incidents in Iraq of type Battles or Riots with at least 40 killed (best estimate)"
    text = Filter(countries=("Iraq",), origins=("article", "ACLED")).describe()
    assert text == "Incidents in Iraq (source: ACLED or news articles)"
