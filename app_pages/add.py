"""Add articles: upload files or paste text, review what was extracted, then save."""

from pathlib import Path

import streamlit as st

from loaders.draft import pasted_page
from loaders.read.pages import MAX_UPLOAD_MB, SOURCE_KINDS
from loaders.store import Store
from views.access import editing
from views.draft_review import DRAFT_KEY, SAVED_KEY, read_into_draft, read_uploads, show_draft
from views.page_parts import current_view

view = current_view()
store = Store(Path(view.data_dir))
st.title("Add articles")
st.write(
    "Upload article pages or paste an article's text. You see what was extracted before anything is saved; "
    "once saved, every page shows it."
)
if st.session_state.get(SAVED_KEY) is not None:
    st.success(f"Saved {st.session_state.pop(SAVED_KEY)} article(s). The map, timeline, quotes and incidents now include them.")

# Reading uploads is the start of a write (and costs the server): only for those who may save.
if editing("Adding articles", key="add"):
    upload_tab, paste_tab = st.tabs(["Upload files", "Paste text"])
    with upload_tab:
        suffixes = [suffix for kind in SOURCE_KINDS.values() for suffix in kind]
        files = st.file_uploader(
            "Article pages (text, HTML), RSS/Atom feeds, or ACLED / UCDP GED CSV exports; several at once",
            type=[suffix.lstrip(".") for suffix in suffixes],
            accept_multiple_files=True,
            key="add_files",
            help=f"Up to {MAX_UPLOAD_MB} MB per file (the browser refuses larger ones). Larger dataset exports go in "
            "from the command line: python -m loaders ingest export.csv",
        )
        # Never disabled: a click that blurs the field would hit a still-disabled button and be lost.
        if st.button("Read these files", type="primary", key="add_read_files") and not files:
            st.warning("Choose one or more files first.")
        elif st.session_state.get("add_read_files") and files:
            read_uploads(store, files)
    with paste_tab:
        text = st.text_area("Article text", height=220, key="add_text", placeholder="Paste the whole article, dateline included")
        left, right = st.columns(2)
        source = left.text_input("Source (outlet or URL), optional", key="add_source")
        published = right.date_input("Published on, optional", value=None, key="add_date", format="YYYY-MM-DD")
        if st.button("Read this text", type="primary", key="add_read_text") and not (text or "").strip():
            st.warning("Paste an article's text first.")
        elif st.session_state.get("add_read_text"):
            read_into_draft(store, lambda: [pasted_page(text, source, published)], 1)

    if (draft := st.session_state.get(DRAFT_KEY)) is not None:
        show_draft(draft, store)
