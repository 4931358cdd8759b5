"""Incidents: the table behind every page, each number with its evidence sentence; downloads; corrections."""

from pathlib import Path

import streamlit as st

from loaders.store import Store
from views.access import editing
from views.correction_form import SAVED_KEY, correction_form, dismissed_list
from views.export import corrections_csv, incidents_csv, incidents_geojson
from views.page_parts import current_view, incident_table, nothing_to_show, plain

# Who and when first: the table is the audit trail (the account is the provider's issuer and subject).
CORRECTIONS_SHOWN = (
    "author",
    "author_email",
    "made_at",
    "incident_id",
    "field",
    "old_value",
    "new_value",
    "note",
    "author_account",
)

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
    st.caption(f"{plain(description)}. Downloads hold exactly the rows above.")


if not view.store_empty:
    if message := st.session_state.pop(SAVED_KEY, None):
        st.success(plain(message))  # the label holds a place name from an article
    store = Store(Path(view.data_dir))
    if not view.shown.incidents.empty and editing("Correcting an incident", key="fix"):
        correction_form(view.shown.incidents, store)
    dismissed_list(view.all.dismissed, store)
    if not view.all.corrections.empty:
        with st.expander(f"All corrections ({len(view.all.corrections)}): who, when, what and why"):
            st.dataframe(view.all.corrections, hide_index=True, width="stretch", column_order=CORRECTIONS_SHOWN)
            st.download_button(
                "⬇ Corrections CSV",
                data=lambda: corrections_csv(view.all.corrections, CORRECTIONS_SHOWN),
                file_name="corrections.csv",
                mime="text/csv",
                on_click="ignore",
                key="download-corrections-csv",
            )
