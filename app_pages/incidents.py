"""Incidents: the table behind every page, each number with its evidence sentence; downloads."""

import streamlit as st

from loaders.export import incidents_csv, incidents_geojson
from page_parts import current_view, incident_table, nothing_to_show

view = current_view()
st.title("Incidents")
if not nothing_to_show(view):
    incidents = view.shown.incidents
    st.write(f"{len(incidents):,} incident(s). Every number comes from the evidence sentence next to it.")
    incident_table(incidents, view.all.articles, key="incidents-table")
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
