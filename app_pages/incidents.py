"""Incidents: the table behind every page, each number with its evidence sentence; downloads."""

import streamlit as st

from loaders.export import incidents_csv, incidents_geojson
from loaders.schema import GEO_PRECISIONS, LIST_SEPARATOR
from page_parts import current_view, nothing_to_show

view = current_view()
st.title("Incidents")
if not nothing_to_show(view):
    incidents = view.shown.incidents
    articles = view.all.articles.set_index("article_id")
    first_article = incidents["article_ids"].str.split(LIST_SEPARATOR).str[0]
    titles = (
        incidents["article_ids"]
        .str.split(LIST_SEPARATOR)
        .map(lambda ids: " | ".join(str(articles["title"].get(i, i)) for i in ids) if isinstance(ids, list) else "")
    )
    source = first_article.map(articles["source"])
    is_url = source.fillna("").str.match(r"https?://")
    table = incidents.assign(
        precision=incidents["geo_precision"].map(GEO_PRECISIONS),
        articles=titles,
        link=source.where(is_url),
        source_file=source.where(~is_url),
    )
    # The numbers and the sentence they came from first, so both fit on screen together.
    columns = [
        "date", "location", "killed_low", "killed_best", "killed_high", "wounded_low", "wounded_best", "wounded_high",
        "evidence", "articles", "link", "source_file", "source_count", "outlets", "date_precision", "admin1", "country",
        "precision", "event_type", "sub_event_type", "actor1", "actor2", "incident_id",
    ]  # fmt: skip
    number = {
        c: st.column_config.NumberColumn(c.replace("_", " "), format="%d") for c in columns if c.startswith(("killed", "wounded"))
    }
    st.write(f"{len(table):,} incident(s). Every number comes from the evidence sentence next to it.")
    st.dataframe(
        table[columns],
        hide_index=True,
        width="stretch",
        column_config={
            "date": st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
            "date_precision": st.column_config.TextColumn("Date precision"),
            "precision": st.column_config.TextColumn("Located to"),
            **number,
            "evidence": st.column_config.TextColumn("Evidence sentence", width="large"),
            "source_count": st.column_config.NumberColumn("Sources", format="%d"),
            "articles": st.column_config.TextColumn("Articles", width="medium"),
            "link": st.column_config.LinkColumn("Article link"),
            "source_file": st.column_config.TextColumn("Article file"),
        },
    )
    st.subheader("Download these incidents")
    left, right = st.columns(2)
    description = view.filter.describe()
    left.download_button(
        "⬇ CSV",
        data=lambda: incidents_csv(incidents),
        file_name="incidents.csv",
        mime="text/csv",
        on_click="ignore",
        key="download-csv",
        width="stretch",
    )
    right.download_button(
        "⬇ GeoJSON",
        data=lambda: incidents_geojson(incidents, description),
        file_name="incidents.geojson",
        mime="application/geo+json",
        on_click="ignore",
        key="download-geojson",
        width="stretch",
    )
    st.caption(f"{description}. Downloads hold exactly the rows above.")
