"""Quotes: who said what, about which incident, in which article."""

import pandas as pd
import streamlit as st

from views.charts import incident_label
from views.export import quotes_csv
from views.page_parts import current_view, nothing_to_show, plain

READ_LIMIT = 200  # a page of reading; the table above holds them all

view = current_view()
st.title("Quotes")
if not nothing_to_show(view, "quotes"):
    quotes = view.shown.quotes
    articles = view.all.articles.set_index("article_id")
    incidents = view.all.incidents.set_index("incident_id")
    labels = incident_label(view.all.incidents)
    labels.index = view.all.incidents["incident_id"]
    table = pd.DataFrame(
        {
            "speaker": quotes["speaker"],
            "role": quotes["speaker_role"],
            "quote": quotes["text"],
            "partial": quotes["partial"],
            "article": quotes["article_id"].map(articles["title"]),
            "outlet": quotes["article_id"].map(articles["outlet"]),
            "published": quotes["article_id"].map(articles["published"]),
            "incident": quotes["incident_id"].map(labels).fillna("(not tied to one incident)"),
        }
    )
    left, right = st.columns([2, 1])
    find = left.text_input("Find in these quotes", key="quotes_find", placeholder="words in the quote, speaker or role")
    speakers = right.multiselect("Speaker", sorted(table["speaker"].dropna().unique()), key="quotes_speaker")
    if find:
        hit = pd.Series(False, index=table.index)
        for column in ("speaker", "role", "quote"):
            hit |= table[column].str.contains(find, case=False, regex=False).fillna(False)
        table = table[hit]
    if speakers:
        table = table[table["speaker"].isin(speakers)]
    if view.filter.text:
        st.caption(f'Quotes also match the sidebar search "{plain(view.filter.text)}".')
    if table.empty:
        st.info("No quotes match. Clear the search or the speaker filter, or widen the sidebar filters.")
    else:
        st.write(f"{len(table):,} quote(s)")
        # st.dataframe shows article text as text, never as HTML.
        st.dataframe(
            table,
            hide_index=True,
            width="stretch",
            column_config={
                "quote": st.column_config.TextColumn("Quote (verbatim)", width="large"),
                "partial": st.column_config.CheckboxColumn("Fragment", help="Only part of a sentence was quoted"),
                "published": st.column_config.DateColumn("Published", format="YYYY-MM-DD"),
                "incident": st.column_config.TextColumn("Incident it concerns", width="medium"),
            },
        )
        st.download_button(
            "⬇ CSV",
            data=lambda: quotes_csv(table),
            file_name="quotes.csv",
            mime="text/csv",
            on_click="ignore",
            key="download-quotes-csv",
            help="These quotes as a spreadsheet; a cell starting with = + - @ gets an apostrophe, so it is never run",
        )
        # The table cuts long quotes at the column edge; this reads them whole, as plain text.
        with st.expander(f"Read the quotes in full ({min(len(table), READ_LIMIT)} shown)"):
            for row in table.head(READ_LIMIT).itertuples(index=False):
                who = ", ".join(str(v) for v in (row.speaker, row.role) if isinstance(v, str) and v)
                where = " · ".join(str(v) for v in (row.outlet, row.article) if isinstance(v, str) and v)
                st.markdown(f"> {plain(row.quote)}")
                st.caption(plain(f"— {who or 'unnamed speaker'}" + (f" ({where})" if where else "")))
