"""Streamlit pieces more than one page draws: getting the view, empty states, export buttons,
and `plain()`, which every caption or notice that carries article or URL text goes through."""

from __future__ import annotations

import logging
import re
import shutil
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from loaders.geo.gazetteer import Gazetteer, default_gazetteer
from loaders.store.schema import GEO_PRECISIONS, LIST_SEPARATOR, REVIEW_REASONS
from views.export import IMAGE_FORMATS, caption_text, figure_bytes, for_export, sources_text
from views.view import VIEW_KEY, View

log = logging.getLogger("dashboard")
# What starts Markdown inside a line: emphasis, code, links and images ("[" and "!["), HTML,
# maths ("$"), Streamlit's ":red[...]" directives, strikethrough, tables, entities. An underscore
# inside a word (min_killed) cannot start emphasis and stays as it is, so the text reads the same.
_INLINE = re.compile(r"([\\`*\[\]<>$:~|&]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9]))")
# What starts a block only at the start of a line: headings, quotes, list items.
_BLOCK_START = re.compile(r"^(\d+(?=[.)])|)([.)#>+\-])")
WORD_JOINER = "\u2060"
# Escapes do not stop GitHub-style autolinks (a bare https://…, www.… or name@host): they are
# found in the text after Markdown is read. An invisible word joiner breaks their pattern.
_AUTOLINK = re.compile(r"(?i)(?:https?:/|www\.|@[-\w])")


def plain(text: str) -> str:
    """`text` as Markdown that shows it literally.

    st.caption, st.warning and friends read Markdown. Outlet names, places and actors come from
    articles, and search words and unknown parameters from a link someone sent: shown raw, a
    `[log in](https://…)` in them would become a live link, `![x](https://…)` an image the
    browser fetches. Escaped, they are only text.
    """
    text = " ".join(str(text).split())
    text = _AUTOLINK.sub(lambda m: m.group(0)[:-1] + WORD_JOINER + m.group(0)[-1], text)
    text = _INLINE.sub(r"\\\1", text)
    return _BLOCK_START.sub(r"\1\\\2", text)


@st.cache_resource(show_spinner="Loading the gazetteer…")
def gazetteer() -> Gazetteer:
    """The offline geocoder, loaded once per server (about a second from its cached index)."""
    return default_gazetteer()


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


def chromium_available() -> bool:
    """kaleido draws images with the Chromium on PATH (Debian's); without it only HTML exports work."""
    return any(shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome"))


def export_buttons(fig_of: Callable[[], go.Figure], title: str, view: View, name: str, note: str = "") -> None:
    """PNG, SVG, PDF and HTML downloads of a figure, rendered only when clicked (kaleido ~0.2 s each).
    `note` goes into the caption after the filters and sources (e.g. how coarse dates are drawn)."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")

    def render(fmt: str) -> Callable[[], bytes]:
        def make() -> bytes:
            try:
                return figure_bytes(for_export(fig_of(), title, " ".join(filter(None, [export_caption(view), note]))), fmt)
            except Exception:
                log.exception("export %s failed", fmt)
                raise

        return make

    formats = [*IMAGE_FORMATS, "html"]
    if not chromium_available():
        st.warning(
            "PNG, SVG and PDF exports are drawn by Chromium, which this server lacks: `make run` installs it "
            "(or `apt-get install chromium`). The interactive HTML export works without it."
        )
        formats = ["html"]
    columns = st.columns(4)
    for column, fmt in zip(columns, formats, strict=False):
        column.download_button(
            f"⬇ {fmt.upper()}",
            data=render(fmt),
            file_name=f"{slug}.{fmt}",
            mime=IMAGE_FORMATS.get(fmt, "text/html"),
            on_click="ignore",
            key=f"export-{slug}-{fmt}",
            width="stretch",
        )
    st.caption(
        f"Exports are slide-sized (1280×720), captioned with the filters ({plain(view.filter.describe())}) and the sources."
    )


def briefing_buttons(view: View) -> None:
    """The briefing pack of this view (slides and PDF), in the sidebar of every page; made only
    when a button is pressed (a few seconds: the map and timeline are rendered)."""
    from views.brief import brief_content, brief_pdf, brief_pptx

    def make(writer: Callable) -> Callable[[], bytes]:
        def build() -> bytes:
            try:
                return writer(brief_content(view.all, view.filter))
            except Exception:
                log.exception("briefing pack failed")
                raise

        return build

    with st.sidebar.expander("Briefing pack", expanded=False):
        st.caption("This view as slides or pages: filters, map, timeline, deadliest incidents, key quotes, sources and method.")
        if not chromium_available():
            st.warning("The pack's map and timeline are drawn by Chromium, which this server lacks: `make run` installs it.")
            return
        for label, writer, suffix, mime in (  # one above the other: the sidebar is narrow
            ("⬇ Slides (PPTX)", brief_pptx, "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
            ("⬇ Pages (PDF)", brief_pdf, "pdf", "application/pdf"),
        ):
            st.download_button(
                label,
                data=make(writer),
                file_name=f"briefing.{suffix}",
                mime=mime,
                on_click="ignore",
                key=f"brief-{suffix}",
                width="stretch",
            )


def export_caption(view: View) -> str:
    # Built when an export is clicked, not on every rerun: listing the sources of a million
    # incidents takes about a second.
    corrected = int(view.shown.incidents["corrections"].notna().sum())
    sources = sources_text(view.shown.incidents, view.all.articles)
    if corrected:
        sources += f". {corrected} incident(s) corrected by analysts (✎)"
    return caption_text(view.filter.describe(), sources)


def review_words(codes: pd.Series) -> pd.Series:
    """'toll only claimed by one side; located only to a region or country' for ';'-joined codes."""
    words = {code: text for code, text in REVIEW_REASONS.items()}
    return codes.map(
        lambda joined: "; ".join(words.get(c, c) for c in joined.split(LIST_SEPARATOR) if c) if isinstance(joined, str) else None
    ).astype("string")


TABLE_ROWS = 5_000  # rows a table sends the browser; the downloads hold every row


def newest_first(incidents: pd.DataFrame, limit: int) -> pd.DataFrame:
    """At most `limit` incidents, the newest first (then the deadliest): what a table shows."""
    if len(incidents) <= limit:
        return incidents
    return incidents.sort_values(["date", "killed_best"], ascending=False, na_position="last").head(limit)


def incident_table(incidents: pd.DataFrame, articles: pd.DataFrame, key: str, limit: int = TABLE_ROWS) -> None:
    """The incidents as a table: numbers and their evidence sentence first, then sources and place.
    Beyond `limit` rows only the newest are sent (a browser table of 100,000 rows helps nobody)."""
    if len(incidents) > limit:
        st.caption(f"The {limit:,} newest of {len(incidents):,} incidents are listed; the downloads hold them all.")
        incidents = newest_first(incidents, limit)
    title_of = dict(
        zip(articles["article_id"], articles["title"].astype(object).where(articles["title"].notna(), None), strict=True)
    )
    source_of = dict(zip(articles["article_id"], articles["source"], strict=True))
    firsts, titles = [], []
    for joined in incidents["article_ids"].tolist():
        ids = joined.split(LIST_SEPARATOR) if isinstance(joined, str) else []
        firsts.append(source_of.get(ids[0]) if ids else None)
        titles.append(" | ".join(str(title_of.get(i) or i) for i in ids))
    source = pd.Series(firsts, index=incidents.index, dtype="string")
    titles = pd.Series(titles, index=incidents.index, dtype="string")
    is_url = source.fillna("").str.match(r"https?://")
    table = incidents.assign(
        review=review_words(incidents["review"]),
        precision=incidents["geo_precision"].map(GEO_PRECISIONS),
        articles=titles,
        link=source.where(is_url),
        source_file=source.where(~is_url),
    )
    columns = [
        "date", "location", "review", "corrections", "killed_low", "killed_best", "killed_high", "wounded_low", "wounded_best", "wounded_high",
        "evidence", "articles", "link", "source_file", "source_count", "outlets", "date_precision", "admin1", "country",
        "precision", "event_type", "sub_event_type", "actor1", "actor2", "incident_id",
    ]  # fmt: skip
    number = {
        c: st.column_config.NumberColumn(c.replace("_", " "), format="%d") for c in columns if c.startswith(("killed", "wounded"))
    }
    # st.dataframe shows article text as text, never as HTML.
    st.dataframe(
        table[columns],
        hide_index=True,
        width="stretch",
        key=key,
        column_config={
            "date": st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
            "date_precision": st.column_config.TextColumn("Date precision"),
            "precision": st.column_config.TextColumn("Located to"),
            **number,
            "evidence": st.column_config.TextColumn("Evidence sentence", width="large"),
            "corrections": st.column_config.TextColumn("✎ Corrected by an analyst", width="medium"),
            "review": st.column_config.TextColumn("⚑ To review", width="medium", help="Why a person should look before briefing"),
            "source_count": st.column_config.NumberColumn("Sources", format="%d"),
            "articles": st.column_config.TextColumn("Articles", width="medium"),
            "link": st.column_config.LinkColumn("Article link"),
            "source_file": st.column_config.TextColumn("Article file"),
        },
    )
