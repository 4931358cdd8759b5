"""The add-articles page's review: reading uploads into a draft with a progress bar, and showing
each story's incidents, evidence, quotes and places before anything is saved.

Everything from the uploads (file names, reasons, titles, outlets) is shown through `plain()` or
in tables, never as Markdown.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd
import streamlit as st

from loaders.draft import Draft, draft_pages, is_dataset, rows_frame, uploaded_pages
from loaders.read.datasets import read_dataset
from loaders.read.pages import Page, ReadError
from loaders.store import Store
from views.access import WriteRefused, check_write
from views.charts import incident_label
from views.maps import build_deck
from views.page_parts import gazetteer, plain

DRAFT_KEY = "add_draft"
SAVED_KEY = "add_saved"
REVIEW_COLUMNS = [
    "date", "date_precision", "location", "country", "geo_precision", "killed_low", "killed_high",
    "wounded_low", "wounded_high", "event_type", "sub_event_type", "actor1", "evidence",
]  # fmt: skip


def read_into_draft(store: Store, pages_of: Callable[[], Iterable[Page | tuple[str, str]]], count: int) -> Draft:
    """Run the extraction with a progress bar and keep the result for review."""
    bar = st.progress(0.0, text="Reading…")
    done = [0]

    def step(source: str) -> None:
        done[0] += 1
        bar.progress(min(done[0] / max(count, 1), 1.0), text=plain(f"Reading {source} ({done[0]} of {count})"))

    draft = draft_pages(pages_of(), store.article_ids(), gazetteer(), progress=step)
    st.session_state[DRAFT_KEY] = draft
    bar.empty()
    return draft


def read_uploads(store: Store, files: list) -> Draft:
    """Uploaded files (Streamlit's UploadedFile) into a draft: pages and feeds through the
    readers, dataset exports as their new events; a file that cannot be read is named with why."""
    page_files = [f for f in files if not is_dataset(f.name)]

    def pages():
        # Readers take paths: each upload is written, under its own name, to a folder that
        # lives only while its pages are read.
        with tempfile.TemporaryDirectory() as folder:
            for file in page_files:
                try:
                    yield from uploaded_pages(file.name, file.getvalue(), Path(folder))
                except ReadError as error:
                    yield (file.name, str(error))

    draft = read_into_draft(store, pages, len(page_files))
    known = store.article_ids()
    for file in files:
        if is_dataset(file.name):
            try:
                draft.add_dataset(read_dataset(file.getvalue(), file.name), known)
            except ReadError as error:
                draft.skipped.append((file.name, str(error)))
    return draft


def review_table(reports: pd.DataFrame) -> None:
    st.dataframe(
        reports[REVIEW_COLUMNS],
        hide_index=True,
        width="stretch",
        column_config={"date": st.column_config.DateColumn("date", format="YYYY-MM-DD")},
    )


def _story(story, reports: pd.DataFrame, quotes: pd.DataFrame) -> None:
    title = story.article.get("title") or "(untitled story)"
    if story.already_stored:
        st.info(plain(f"Already in the store, skipped: {title} ({story.source})"))
        return
    with st.container(border=True):
        st.subheader(plain(title))
        meta = [story.article.get("outlet"), story.article.get("dateline_place"), story.source]
        st.caption(plain(" · ".join(str(m) for m in meta if m)))
        mine = reports[reports["article_id"] == story.article["article_id"]]
        if mine.empty:
            st.write("No incident found in this story; it is stored as an article (its quotes still count).")
        else:
            st.write(f"{len(mine)} incident report(s). Each number comes from the evidence sentence on its row.")
            for label in incident_label(mine):
                st.markdown(f"- {plain(label)}")
            review_table(mine)
        said = quotes[quotes["article_id"] == story.article["article_id"]]
        if not said.empty:
            st.write(f"{len(said)} quote(s)")
            st.dataframe(said[["speaker", "speaker_role", "text", "partial"]], hide_index=True, width="stretch")


def save_draft(draft: Draft, store: Store) -> int:
    """Store a reviewed draft; returns the articles added. Raises WriteRefused unless this session
    may write (views/access.py), whatever the page drew."""
    check_write()
    return draft.save(store)


def show_draft(draft: Draft, store: Store) -> None:
    """The review of a draft, with Save (through save_draft) and Discard."""
    st.divider()
    st.header("Review")
    for source, reason in draft.skipped:
        st.warning(plain(f"Not read: {source}: {reason}"))
    for source, note in draft.notes:
        st.caption(plain(f"Note on {source}: {note}"))
    reports, quotes = draft.frame("reports"), draft.frame("quotes")  # built once, not once per story
    for story in draft.stories:
        _story(story, reports, quotes)
    for rows in draft.datasets:
        with st.container(border=True):
            st.subheader(plain(f"{rows.dataset} export: {rows.source}"))
            st.write(f"{rows.rows_read:,} row(s) read; {len(rows.articles):,} new event(s) to save, each one incident.")
            if rows.reports:
                review_table(rows_frame(rows.reports).head(200))
    if not draft.size:
        st.info("Nothing new to save.")
        return
    places = draft.places()
    if places["latitude"].notna().any():
        st.write("Places found")
        st.pydeck_chart(build_deck(places).deck, height=300, key="add-map")
    left, right = st.columns(2)
    what = "article(s) and event(s)" if draft.datasets else "article(s)"
    if left.button(f"Save {draft.size} {what} to the store", type="primary", key="add_save"):
        try:
            st.session_state[SAVED_KEY] = save_draft(draft, store)
        except WriteRefused as refusal:
            st.error(plain(f"Not saved: {refusal}"))
            return
        del st.session_state[DRAFT_KEY]
        st.rerun()
    if right.button("Discard", key="add_discard"):
        del st.session_state[DRAFT_KEY]
        st.rerun()
