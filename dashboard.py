"""Entry script: the frame every page runs in.

It sets the page, loads the store once per store version (cached), draws the shared filters
(views/sidebar.py keeps them and the URL in step), shows the totals in view, then runs the
chosen page with a `View` in the session.
Run with `streamlit run dashboard.py`; `CONFLICT_DATA_DIR` picks the store (default data/).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pandas as pd
import streamlit as st

from loaders.store import DEFAULT_DATA, Frames, Store
from loaders.store.schema import LIST_SEPARATOR
from views.access import account_control
from views.charts import casualty_totals
from views.filters import Filter
from views.page_parts import briefing_buttons, plain
from views.sidebar import K_ACTOR, K_ADMIN1, K_COUNTRY, K_OUTLET, shared_filter
from views.view import VIEW_KEY, View

ROOT = Path(__file__).resolve().parent
log = logging.getLogger("dashboard")

# No ":material/..." icons: they make the browser fetch an icon font from Google, and no page may
# ask any host but its own (a leak of who reads what, and an error on a closed network). Emoji
# icons need an emoji font a reader's machine may lack, so the pages have no icons.
st.set_page_config(page_title="Conflict monitor", page_icon="🌍", layout="wide")


def data_dir() -> Path:
    return Path(os.environ.get("CONFLICT_DATA_DIR") or DEFAULT_DATA)


def seeds_dir() -> Path:
    # Overridable so tests (and deployments that must start empty) can skip the bundled seeds.
    return Path(os.environ.get("CONFLICT_SEEDS_DIR") or ROOT / "seeds")


# cache_resource, not cache_data: cache_data hands every rerun a fresh copy (an unpickle), which
# at a million incidents cost ~1 s per filter change. The frames are shared read-only: pages and
# Filter.apply only ever select from them, never assign into them.
@st.cache_resource(show_spinner="Reading the store…", max_entries=2)
def load_uncorrected(root: str, data_version: tuple[str, ...]) -> Frames:
    """The store's frames before corrections, read once per data version (a new batch, a
    compaction or a rebuild changes it). The pages never show article text, so it stays on disk."""
    return Store(Path(root)).uncorrected(article_text=False)


@st.cache_resource(show_spinner="Applying corrections…", max_entries=2)
def load(root: str, data_version: tuple[str, ...], corrections_version: tuple[str, ...]) -> tuple[Frames, dict[str, list[str]]]:
    """All frames with analysts' corrections applied, and the values each filter can choose from.

    Two levels, so that a saved correction re-applies the corrections to the frames already read
    instead of reading the store again. The versions are only cache keys.
    """
    frames = Store(Path(root)).corrected(load_uncorrected(root, data_version))
    incidents = frames.incidents

    def values(series: pd.Series) -> list[str]:
        return sorted(str(v) for v in series.dropna().unique() if str(v).strip())

    outlets = incidents["outlets"].dropna().str.split(LIST_SEPARATOR).explode()
    options = {
        K_COUNTRY: values(incidents["country"]),
        K_ADMIN1: values(incidents["admin1"]),
        K_ACTOR: values(pd.concat([incidents["actor1"], incidents["actor2"]])),
        K_OUTLET: values(outlets),
    }
    return frames, options


def open_store() -> Store:
    store = Store(data_dir())
    if not store.version() and seeds_dir().is_dir() and any(seeds_dir().iterdir()):
        from loaders.ingest import ingest_paths

        with st.spinner("The store is empty: reading the bundled seed articles…"):
            ingest_paths([seeds_dir()], store)
    return store


def totals(incidents: pd.DataFrame, value: Filter) -> None:
    t = casualty_totals(incidents)
    a, b, c = st.columns(3)
    a.metric("Incidents in view", f"{t.incidents:,}")
    b.metric("Killed (low–high)", t.killed)
    c.metric("Wounded (low–high)", t.wounded)
    st.caption(plain(value.describe()))  # names from articles and words from the link: text, not Markdown


def main() -> None:
    pages = [
        st.Page(str(ROOT / "app_pages" / "overview.py"), title="Overview", default=True),
        st.Page(str(ROOT / "app_pages" / "map.py"), title="Map", url_path="map"),
        st.Page(str(ROOT / "app_pages" / "timeline.py"), title="Timeline", url_path="timeline"),
        st.Page(str(ROOT / "app_pages" / "quotes.py"), title="Quotes", url_path="quotes"),
        st.Page(str(ROOT / "app_pages" / "incidents.py"), title="Incidents", url_path="incidents"),
        st.Page(str(ROOT / "app_pages" / "add.py"), title="Add articles", url_path="add"),
    ]
    page = st.navigation(pages)
    try:
        store = open_store()
        frames, options = load(str(store.root), store.data_version(), store.corrections_version())
    except Exception as error:  # a broken store must not become a traceback in the browser
        log.exception("reading the store failed")
        st.error(
            f"The data store at `{data_dir()}` could not be read ({type(error).__name__}: {error}). "
            "Check that the folder exists and holds batches written by `python -m loaders ingest`."
        )
        st.stop()
    value, notices = shared_filter(options, frames.incidents)
    account_control()  # sign in and out, when the server asks editors to sign in (views/access.py)
    shown = value.apply(frames)
    view = View(filter=value, all=frames, shown=shown, data_dir=str(store.root), notices=notices)
    st.session_state[VIEW_KEY] = view
    if not view.store_empty:
        briefing_buttons(view)
    if view.store_empty:
        st.info(
            "The store is empty: there are no articles yet. Add some on the **Add articles** page, or with "
            f"`python -m loaders ingest PATH --data {store.root}` (PATH: text or HTML files, or a folder) "
            "and reload this page."
        )
    else:
        totals(shown.incidents, value)
    try:
        page.run()
    except Exception as error:
        log.exception("page %s failed", page.title)
        st.error(
            f"This page could not be drawn ({type(error).__name__}). The other pages may still work; the server log has details."
        )


main()
