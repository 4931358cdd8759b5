"""URL fuzzing: whatever a link holds, `Filter.from_query_params` never raises, and what it gives
back is a valid filter: it round-trips through its own URL, describes itself, and filters the
seed data without error. Links are shared between people, so they are untrusted input too.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, urlencode

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders.store.schema import EVENT_TYPES
from views.filters import PARAMS, Filter

# Values near what the parser expects (numbers, dates, event types) and anything at all.
VALUES = st.one_of(
    st.text(max_size=300),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(date.isoformat),
    st.sampled_from([*EVENT_TYPES, "1", "4", "0", "5", "٣", "²", "1e9", "nan", "-1", " 7 ", "9999-99-99", "2021-02-30"]),
    st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=50),
)
KEYS = st.one_of(st.sampled_from([*PARAMS, "embed", "utm_source"]), st.text(max_size=30))
PARAMS_STRATEGY = st.dictionaries(KEYS, st.one_of(VALUES, st.lists(VALUES, max_size=5)), max_size=12)
FUZZ = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_valid(value: Filter, notices: list[str], seed_frames) -> None:
    assert isinstance(value, Filter) and all(isinstance(n, str) for n in notices)
    params = value.to_query_params()
    again, again_notices = Filter.from_query_params(params)
    assert again == value and again_notices == []  # its own URL reads back to itself, silently
    # and through a real URL's encoding too
    parsed = parse_qs(urlencode(params, doseq=True), keep_blank_values=True)
    assert Filter.from_query_params(parsed)[0] == value
    assert isinstance(value.describe(), str)
    shown = value.apply(seed_frames)
    assert len(shown.incidents) <= len(seed_frames.incidents)
    assert set(value.event_types) <= set(EVENT_TYPES)
    assert value.min_killed >= 0 and (value.date_from is None or value.date_to is None or value.date_from <= value.date_to)


@FUZZ
@given(params=PARAMS_STRATEGY)
def test_any_parameters_give_a_valid_filter(params, seed_frames) -> None:
    value, notices = Filter.from_query_params(params)
    assert_valid(value, notices, seed_frames)


@FUZZ
@given(query=st.text(max_size=400))
def test_any_query_string_gives_a_valid_filter(query, seed_frames) -> None:
    params = parse_qs(query, keep_blank_values=True)
    value, notices = Filter.from_query_params(params)
    assert_valid(value, notices, seed_frames)


@FUZZ
@given(
    date_from=st.none() | st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    date_to=st.none() | st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    min_killed=st.integers(min_value=0, max_value=10**9 - 1),
    text=st.text(max_size=250),
    names=st.lists(st.text(max_size=40), max_size=4),
)
def test_filters_the_widgets_can_make_round_trip(date_from, date_to, min_killed, text, names, seed_frames) -> None:
    value = Filter(
        date_from=date_from, date_to=date_to, min_killed=min_killed, text=text, actors=tuple(names), countries=tuple(names)
    )
    if value.date_from and value.date_to and value.date_from > value.date_to:
        return  # the date widget cannot produce a reversed range
    assert Filter.from_query_params(value.to_query_params()) == (value, [])
    value.apply(seed_frames)
