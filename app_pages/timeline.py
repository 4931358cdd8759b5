"""Timeline: killed and wounded per day, week or month, with low–high ranges."""

import streamlit as st

from views.charts import PERIODS, SPLITS, bar_incidents, coarse_note, default_period, timeline_figure
from views.page_parts import current_view, export_buttons, incident_table, nothing_to_show, plain

view = current_view()
st.title("Timeline")
if not nothing_to_show(view):
    incidents = view.shown.incidents
    left, right = st.columns(2)
    periods = list(PERIODS)
    period = left.radio("Per", periods, index=periods.index(default_period(incidents)), horizontal=True, key="tl_period")
    split = right.radio("Split by", list(SPLITS), horizontal=True, key="tl_split")
    fig = timeline_figure(incidents, period, split)
    event = st.plotly_chart(fig, width="stretch", key="timeline-chart", on_select="rerun", selection_mode="points")
    note = coarse_note(incidents, period, "drawn across that whole period, lighter, in the band at the bottom")
    st.caption(
        "Bars show the best estimate; the whiskers run from the sum of low ends to the sum of high ends. "
        "Hover a bar for the incidents in it (the deadliest first); click it to list them all below. " + plain(note)
    )
    points = [p for p in (event.selection.points if event else []) if len(p.get("customdata") or []) >= 7]
    if points:
        period_start, group, precision = points[0]["customdata"][4:7]
        chosen = bar_incidents(incidents, period, split, period_start, group, precision)
        when = (
            f"the {precision} of {period_start} (known only to the {precision})" if precision else f"{period} of {period_start}"
        )
        st.subheader(plain(f"{group}, {when}: {len(chosen):,} incident(s)"))  # actors come from articles
        incident_table(chosen, view.all.articles, key="timeline-bar-table")
    st.subheader("Export this chart")
    export_buttons(lambda: fig, f"Killed and wounded per {period}, by {split}", view, f"timeline-{period}", note)
