"""Map: incidents sized by killed, coloured by event type, over country outlines."""

import html

import streamlit as st

from views.charts import EVENT_COLOURS
from views.maps import AGGREGATE_ABOVE, build_deck, located, map_figure
from views.page_parts import current_view, export_buttons, nothing_to_show

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
    # Legend from our own constants (never article text), so this small bit of HTML is safe.
    swatches = " ".join(
        f'<span style="display:inline-block;width:12px;height:12px;background:rgb{colour};border-radius:6px;"></span> {html.escape(name)}'
        for name, colour in EVENT_COLOURS.items()
    )
    st.markdown(f"<div style='line-height:1.9'>{swatches}</div>", unsafe_allow_html=True)
    st.caption(
        "Circle area grows with the best estimate of people killed. Hover a circle for date, place, "
        "how precisely it is located, killed and wounded ranges and sources."
        + (f" {missing:,} incident(s) without coordinates are not on the map." if missing else "")
    )
    st.subheader("Export this map")
    export_buttons(lambda: map_figure(located(incidents)), "Incidents map", view, "incident-map")
