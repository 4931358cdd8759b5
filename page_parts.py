"""Streamlit pieces more than one page draws: getting the view, empty states, export buttons."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

import plotly.graph_objects as go
import streamlit as st

from loaders.export import IMAGE_FORMATS, caption_text, figure_bytes, for_export, sources_text
from loaders.view import VIEW_KEY, View

log = logging.getLogger("dashboard")


def current_view() -> View:
    """The view the entry script prepared; pages never read the URL or the store themselves."""
    view = st.session_state.get(VIEW_KEY)
    if view is None:  # a page script run on its own, outside dashboard.py
        st.error("Open the dashboard with `streamlit run dashboard.py`.")
        st.stop()
    return view


def nothing_to_show(view: View, what: str = "incidents") -> bool:
    """Say why the page is empty and return True, or return False when there is data."""
    if view.store_empty:
        st.info(f"No {what} yet: the store is empty (see the note above).")
        return True
    if view.shown.incidents.empty and what == "incidents":
        st.info("No incidents match these filters. Widen the dates or clear a filter in the sidebar.")
        return True
    return False


def export_buttons(fig_of: Callable[[], go.Figure], title: str, view: View, name: str) -> None:
    """PNG, SVG, PDF and HTML downloads of a figure, rendered only when clicked (kaleido ~0.2 s each)."""
    caption = caption_text(view.filter.describe(), sources_text(view.shown.incidents, view.all.articles))
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")

    def render(fmt: str) -> Callable[[], bytes]:
        def make() -> bytes:
            try:
                return figure_bytes(for_export(fig_of(), title, caption), fmt)
            except Exception:
                log.exception("export %s failed", fmt)
                raise

        return make

    columns = st.columns(4)
    for column, fmt in zip(columns, [*IMAGE_FORMATS, "html"], strict=True):
        column.download_button(
            f"⬇ {fmt.upper()}",
            data=render(fmt),
            file_name=f"{slug}.{fmt}",
            mime=IMAGE_FORMATS.get(fmt, "text/html"),
            on_click="ignore",
            key=f"export-{slug}-{fmt}",
            width="stretch",
        )
    st.caption(f"Exports are slide-sized (1280×720) and captioned: {caption}")
