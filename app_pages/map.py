"""Map: incidents sized by killed, coloured by event type, over named countries and regions."""

import streamlit as st

from views.maps import AGGREGATE_ABOVE, build_deck, coarse_note, legend_html, located, map_figure, map_title
from views.page_parts import current_view, export_buttons, nothing_to_show, plain

view = current_view()
st.title("Map")
if not nothing_to_show(view):
    incidents = view.shown.incidents
    shown = build_deck(incidents)
    missing = len(incidents) - shown.points
    if shown.aggregated:
        st.info(
            f"{shown.points:,} incidents are more than the browser draws quickly (over {AGGREGATE_ABOVE:,}): "
            f"they are summed into {shown.cell_deg:g}° cells on the server and drawn as hexagons "
            "(colour: killed; hover for totals). Narrow the filters to see single incidents."
        )
    st.pydeck_chart(shown.deck, height=560, key="incident-map")
    st.markdown(legend_html(), unsafe_allow_html=True)  # our own constants only: see legend_html
    st.caption(
        "Circle area grows with the best estimate of people killed; the deadliest places are named. Hover a circle "
        "for date, place, how precisely it is located, killed and wounded ranges and sources. "
        + " ".join(plain(n) for n in shown.notes)
        + (f" {missing:,} incident(s) without coordinates are not on the map." if missing else "")
    )
    st.subheader("Export this map")
    export_buttons(lambda: map_figure(located(incidents)), map_title(incidents), view, "incident-map", coarse_note(incidents))
