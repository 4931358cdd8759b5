"""Timeline: killed and wounded per day, week or month, with low–high ranges."""

import streamlit as st

from loaders.charts import PERIODS, SPLITS, default_period, timeline_figure
from page_parts import current_view, export_buttons, nothing_to_show

view = current_view()
st.title("Timeline")
if not nothing_to_show(view):
    incidents = view.shown.incidents
    left, right = st.columns(2)
    periods = list(PERIODS)
    period = left.radio("Per", periods, index=periods.index(default_period(incidents)), horizontal=True, key="tl_period")
    split = right.radio("Split by", list(SPLITS), horizontal=True, key="tl_split")
    fig = timeline_figure(incidents, period, split)
    st.plotly_chart(fig, width="stretch", key="timeline-chart")
    st.caption(
        "Bars show the best estimate; the whiskers run from the sum of low ends to the sum of high ends. "
        "Hover a bar for the incidents in it (the deadliest first)."
    )
    st.subheader("Export this chart")
    export_buttons(lambda: fig, f"Killed and wounded per {period}, by {split}", view, f"timeline-{period}")
