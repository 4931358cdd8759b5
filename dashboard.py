"""Entry script: the frame every page runs in (a simple incident list until the pages land)."""

from __future__ import annotations

import streamlit as st

from loaders.ingest import ingest_paths
from loaders.store import DEFAULT_DATA, Store

st.set_page_config(page_title="Conflict monitor", layout="wide")
store = Store(DEFAULT_DATA)
if not store.version():
    with st.spinner("Reading the bundled seed articles…"):
        ingest_paths([DEFAULT_DATA.parent / "seeds"], store)


@st.cache_data(show_spinner=False)
def load(version: tuple[str, ...]):
    return Store(DEFAULT_DATA).frames()


frames = load(store.version())
st.title("Incidents")
st.dataframe(frames.incidents, hide_index=True)
