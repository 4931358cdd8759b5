"""Add articles: upload files or paste text, review what was extracted, then save."""

import tempfile
from pathlib import Path

import streamlit as st

from loaders.draft import Draft, draft_pages, is_dataset, pasted_page, rows_frame, uploaded_pages
from loaders.read.datasets import read_dataset
from loaders.read.pages import MAX_UPLOAD_MB, SOURCE_KINDS, ReadError
from loaders.store import Store
from views.charts import incident_label
from views.maps import build_deck
from views.page_parts import current_view, gazetteer, plain

K_DRAFT = "add_draft"
REVIEW_COLUMNS = [
    "date", "date_precision", "location", "country", "geo_precision", "killed_low", "killed_high",
    "wounded_low", "wounded_high", "event_type", "sub_event_type", "actor1", "evidence",
]  # fmt: skip

view = current_view()
store = Store(Path(view.data_dir))
st.title("Add articles")
st.write(
    "Upload article pages or paste an article's text. You see what was extracted before anything is saved; "
    "once saved, every page shows it."
)
if st.session_state.get("add_saved") is not None:
    st.success(f"Saved {st.session_state.pop('add_saved')} article(s). The map, timeline, quotes and incidents now include them.")


def review_table(reports) -> None:
    st.dataframe(
        reports[REVIEW_COLUMNS],
        hide_index=True,
        width="stretch",
        column_config={"date": st.column_config.DateColumn("date", format="YYYY-MM-DD")},
    )


def read_into_draft(pages_of, count: int) -> None:
    """Run the extraction with a progress bar and keep the result for review."""
    bar = st.progress(0.0, text="Reading…")
    done = [0]

    def step(source: str) -> None:
        done[0] += 1
        bar.progress(min(done[0] / max(count, 1), 1.0), text=f"Reading {source} ({done[0]} of {count})")

    st.session_state[K_DRAFT] = draft_pages(pages_of(), store.article_ids(), gazetteer(), progress=step)
    bar.empty()


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
        pages_files = [f for f in files if not is_dataset(f.name)]

        def uploaded():
            with tempfile.TemporaryDirectory() as folder:
                for file in pages_files:
                    try:
                        yield from uploaded_pages(file.name, file.getvalue(), Path(folder))
                    except ReadError as error:
                        yield (file.name, str(error))

        read_into_draft(uploaded, len(pages_files))
        known = store.article_ids()
        for file in files:
            if is_dataset(file.name):
                try:
                    st.session_state[K_DRAFT].add_dataset(read_dataset(file.getvalue(), file.name), known)
                except ReadError as error:
                    st.session_state[K_DRAFT].skipped.append((file.name, str(error)))
with paste_tab:
    text = st.text_area("Article text", height=220, key="add_text", placeholder="Paste the whole article, dateline included")
    left, right = st.columns(2)
    source = left.text_input("Source (outlet or URL), optional", key="add_source")
    published = right.date_input("Published on, optional", value=None, key="add_date", format="YYYY-MM-DD")
    if st.button("Read this text", type="primary", key="add_read_text") and not (text or "").strip():
        st.warning("Paste an article's text first.")
    elif st.session_state.get("add_read_text"):
        read_into_draft(lambda: [pasted_page(text, source, published)], 1)

draft: Draft | None = st.session_state.get(K_DRAFT)
if draft is not None:
    st.divider()
    st.header("Review")
    # File names, reasons and titles come from the uploads: shown as plain text, never as Markdown.
    for source, reason in draft.skipped:
        st.warning(plain(f"Not read: {source}: {reason}"))
    for source, note in draft.notes:
        st.caption(plain(f"Note on {source}: {note}"))
    all_reports, all_quotes = draft.frame("reports"), draft.frame("quotes")
    for story in draft.stories:
        title = story.article.get("title") or "(untitled story)"
        if story.already_stored:
            st.info(plain(f"Already in the store, skipped: {title} ({story.source})"))
            continue
        with st.container(border=True):
            st.subheader(plain(title))
            meta = [story.article.get("outlet"), story.article.get("dateline_place"), story.source]
            st.caption(plain(" · ".join(str(m) for m in meta if m)))
            reports = all_reports[all_reports["article_id"] == story.article["article_id"]]
            if reports.empty:
                st.write("No incident found in this story; it is stored as an article (its quotes still count).")
            else:
                st.write(f"{len(reports)} incident report(s). Each number comes from the evidence sentence on its row.")
                for label in incident_label(reports):
                    st.markdown(f"- {plain(label)}")
                review_table(reports)
            quotes = all_quotes[all_quotes["article_id"] == story.article["article_id"]]
            if not quotes.empty:
                st.write(f"{len(quotes)} quote(s)")
                st.dataframe(quotes[["speaker", "speaker_role", "text", "partial"]], hide_index=True, width="stretch")
    for rows in draft.datasets:
        with st.container(border=True):
            st.subheader(plain(f"{rows.dataset} export: {rows.source}"))
            st.write(f"{rows.rows_read:,} row(s) read; {len(rows.articles):,} new event(s) to save, each one incident.")
            if rows.reports:
                review_table(rows_frame(rows.reports).head(200))
    if draft.size:
        places = draft.places()
        if places["latitude"].notna().any():
            st.write("Places found")
            st.pydeck_chart(build_deck(places).deck, height=300, key="add-map")
        left, right = st.columns(2)
        if left.button(
            f"Save {draft.size} article(s) and event(s) to the store"
            if draft.datasets
            else f"Save {draft.size} article(s) to the store",
            type="primary",
            key="add_save",
        ):
            added = draft.save(store)
            del st.session_state[K_DRAFT]
            st.session_state["add_saved"] = added
            st.rerun()
        if right.button("Discard", key="add_discard"):
            del st.session_state[K_DRAFT]
            st.rerun()
    else:
        st.info("Nothing new to save.")
