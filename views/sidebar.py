"""The sidebar: the shared filters, kept in step with the URL, and the link that shares the view.

Drawn by the entry script before the page runs, so the filters keep their state when the user
switches page. This is the only module that touches `st.query_params`; what the URL means is
`views/filters.py` (`Filter.from_query_params` and `to_query_params`).
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from loaders.store.schema import EVENT_TYPES, GEO_PRECISIONS, ORIGINS
from views.filters import ORIGIN_WORDS, Filter
from views.page_parts import plain

# Widget keys in session state. The URL parameter names live in views/filters.py only: the
# widgets are synced to the URL through Filter, not bound to it (bind="query-params" drops
# invalid values silently), so that junk in a URL gets a
# visible notice and the same parser serves links, tests and exports.
K_DATES, K_COUNTRY, K_ADMIN1, K_TYPE, K_ACTOR, K_OUTLET, K_PRECISION, K_MIN_KILLED, K_TEXT = (
    "f_dates",
    "f_country",
    "f_admin1",
    "f_type",
    "f_actor",
    "f_outlet",
    "f_precision",
    "f_min_killed",
    "f_text",
)
K_ORIGIN = "f_origin"
K_REVIEW = "f_review"
K_URL_READ, K_URL_NOTICES, K_URL_FILTER, K_SPAN = "url_read", "url_notices", "url_filter", "data_span"


def data_span(incidents: pd.DataFrame) -> tuple[date, date] | None:
    dates = incidents["date"].dropna()
    if dates.empty:
        return None
    return dates.min().date(), dates.max().date()


def seed_widgets_from_url(span: tuple[date, date] | None) -> None:
    """Once per session: read the URL into the widgets' state, and remember what was ignored."""
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    value, notices = Filter.from_query_params(params)
    st.session_state[K_URL_READ] = True
    st.session_state[K_URL_NOTICES] = tuple(notices)
    st.session_state[K_URL_FILTER] = value
    if span:
        st.session_state[K_DATES] = (value.date_from or span[0], value.date_to or span[1])
    st.session_state[K_COUNTRY] = list(value.countries)
    st.session_state[K_ADMIN1] = list(value.admin1)
    st.session_state[K_TYPE] = list(value.event_types)
    st.session_state[K_ACTOR] = list(value.actors)
    st.session_state[K_OUTLET] = list(value.outlets)
    st.session_state[K_PRECISION] = list(value.precisions)
    st.session_state[K_ORIGIN] = list(value.origins)
    st.session_state[K_REVIEW] = value.review
    st.session_state[K_MIN_KILLED] = value.min_killed
    st.session_state[K_TEXT] = value.text


def follow_data_span(span: tuple[date, date] | None) -> None:
    """When articles are added, the data's span grows: date ends left at the old span's ends
    (the default) follow it, so new incidents are in view; ends the user set stay put."""
    old = st.session_state.get(K_SPAN)
    st.session_state[K_SPAN] = span
    if span is None:
        return
    chosen = st.session_state.get(K_DATES)
    if not chosen:
        st.session_state[K_DATES] = span
    elif old is not None and old != span:
        chosen = tuple(chosen)
        start = span[0] if chosen[0] == old[0] else chosen[0]
        end = span[1] if len(chosen) < 2 or chosen[1] == old[1] else chosen[1]
        st.session_state[K_DATES] = (start, end)


def sidebar_filter(options: dict[str, list[str]], span: tuple[date, date] | None) -> Filter:
    """Draw the shared filters and return their value. Created here, before the page runs, so
    they keep their state when the user switches page."""

    def choices(key: str, known: list[str]) -> list[str]:
        # A link from a colleague with more data may name values this store lacks: keep them
        # selectable rather than dropping them, so the view is what the link says (maybe empty).
        return sorted(set(known) | set(st.session_state.get(key, [])))

    sb = st.sidebar
    sb.header("Filters")
    date_from = date_to = None
    if span:
        chosen = st.session_state.get(K_DATES, span)
        low = min([span[0], *[d for d in chosen[:1]]])
        high = max([span[1], *[d for d in chosen[1:2]]])
        picked = sb.date_input("Dates", min_value=low, max_value=high, key=K_DATES, format="YYYY-MM-DD")
        picked = tuple(picked) if isinstance(picked, list | tuple) else (picked,)
        # The full data span is the default: leave it out of the filter (and the URL).
        if len(picked) >= 1 and picked[0] != span[0]:
            date_from = picked[0]
        if len(picked) == 2 and picked[1] != span[1]:
            date_to = picked[1]
    countries = sb.multiselect("Country", choices(K_COUNTRY, options[K_COUNTRY]), key=K_COUNTRY)
    admin1 = sb.multiselect("Region (admin1)", choices(K_ADMIN1, options[K_ADMIN1]), key=K_ADMIN1)
    types = sb.multiselect("Event type", list(EVENT_TYPES), key=K_TYPE)
    actors = sb.multiselect("Actor (perpetrator or target)", choices(K_ACTOR, options[K_ACTOR]), key=K_ACTOR)
    min_killed = sb.number_input("Minimum killed (best estimate)", min_value=0, step=1, key=K_MIN_KILLED)
    text = sb.text_input("Search evidence and quotes", key=K_TEXT, placeholder="e.g. suicide, Watling")
    outlets = sb.multiselect("Outlet", choices(K_OUTLET, options[K_OUTLET]), key=K_OUTLET)
    precisions = sb.multiselect(
        "Located to", list(GEO_PRECISIONS), key=K_PRECISION, format_func=lambda p: f"{p}: {GEO_PRECISIONS[p]}"
    )
    origins = sb.multiselect("Source", list(ORIGINS), key=K_ORIGIN, format_func=lambda o: ORIGIN_WORDS.get(o, o))
    review = sb.checkbox(
        "Only incidents to review",
        key=K_REVIEW,
        help="Incidents the machine is unsure of: a toll only claimed, a tally nearby, a place ambiguous or coarse, a date inferred.",
    )
    return Filter(
        date_from=date_from,
        date_to=date_to,
        countries=tuple(countries),
        admin1=tuple(admin1),
        event_types=tuple(types),
        actors=tuple(actors),
        outlets=tuple(outlets),
        precisions=tuple(precisions),
        min_killed=int(min_killed or 0),
        text=text or "",
        origins=tuple(origins),
        review=bool(review),
    )


def sync_url(value: Filter) -> None:
    """Write the filter to the URL (only when it differs, so an unchanged rerun sends nothing)."""
    wanted = {k: v if isinstance(v, list) else [v] for k, v in value.to_query_params().items()}
    current = {key: st.query_params.get_all(key) for key in st.query_params}
    if current != wanted:
        st.query_params.from_dict(value.to_query_params())


def share_link(value: Filter) -> None:
    base = st.context.url or ""
    query = urlencode(value.to_query_params(), doseq=True)
    with st.sidebar.expander("Share this view", expanded=False):
        st.caption("This link opens this page with these filters:")
        st.code(base + (f"?{query}" if query else ""), language=None, wrap_lines=True)


def notify_url_notices(value: Filter) -> tuple[str, ...]:
    """Say which of the link's parameters were ignored, while the filter is still the link's."""
    notices = st.session_state.get(K_URL_NOTICES, ())
    if notices and value == st.session_state.get(K_URL_FILTER):
        st.warning(
            "Some of the link's filters were not understood and were left out:\n\n" + "\n".join(f"- {plain(n)}" for n in notices)
        )
    return tuple(notices)


def shared_filter(options: dict[str, list[str]], incidents: pd.DataFrame) -> tuple[Filter, tuple[str, ...]]:
    """The filter every page shares: read from the URL on a session's first run, drawn in the
    sidebar, written back to the URL, offered as a link. Returns it and the URL's notices."""
    span = data_span(incidents)
    if K_URL_READ not in st.session_state:
        seed_widgets_from_url(span)
    follow_data_span(span)
    value = sidebar_filter(options, span)
    sync_url(value)
    share_link(value)
    return value, notify_url_notices(value)
