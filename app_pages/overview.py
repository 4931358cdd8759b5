"""Overview: what the dashboard holds and where to look next."""

import streamlit as st

from views.charts import incident_label
from views.page_parts import current_view, nothing_to_show

view = current_view()
st.title("Conflict monitor")
st.write(
    "Incidents extracted from news articles: when, where, who, how many killed and wounded, and who "
    "said what. The filters in the sidebar apply to every page and are kept in the link."
)
for path, label, help_text in (
    ("app_pages/map.py", "Map", "where incidents happened, sized by the dead"),
    ("app_pages/timeline.py", "Timeline", "killed and wounded over time, with ranges"),
    ("app_pages/quotes.py", "Quotes", "who said what about the incidents"),
    ("app_pages/incidents.py", "Incidents", "the table, with evidence sentences and downloads"),
):
    st.page_link(path, label=f"{label}: {help_text}")
if not nothing_to_show(view):
    st.subheader("Deadliest incidents in view")
    top = view.shown.incidents.sort_values("killed_best", ascending=False).head(5)
    for label in incident_label(top):
        st.text(label)
