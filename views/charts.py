"""Chart builders and the totals shown above every page: frames in, figures and numbers out.

Pure functions of pandas frames; no streamlit here, so each is tested on its own. Text that came
from articles (places, actors) is escaped before it goes into plotly's hover labels, which
understand a little HTML.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd
import plotly.colors
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from loaders.store.schema import COUNT_COLUMNS, EVENT_TYPES

# One colour per event type, shared by the timeline, the map and the map export (RGB).
EVENT_COLOURS: dict[str, tuple[int, int, int]] = {
    "Battles": (214, 39, 40),
    "Explosions/Remote violence": (255, 127, 14),
    "Violence against civilians": (148, 103, 189),
    "Protests": (31, 119, 180),
    "Riots": (140, 86, 75),
    "Strategic developments": (44, 160, 44),
}
UNKNOWN_COLOUR = (127, 127, 127)
assert set(EVENT_COLOURS) == set(EVENT_TYPES), "every event type needs a colour"

PERIODS = {"day": "D", "week": "W", "month": "M"}
# Bar widths in ms on the date axis: without them plotly stretches bars over the gap to the next
# one, and two incidents a month apart look like month-long bars on a per-day chart.
PERIOD_MS = {"day": 86_400_000, "week": 7 * 86_400_000, "month": 30 * 86_400_000}
SPLITS = {"event type": "event_type", "actor": "actor1"}
MAX_GROUPS = 8  # more series than this is unreadable; the rest become "Other"
HOVER_NAMES = 5  # incidents named in a bar's hover, the deadliest first


def colour_hex(event_type: str | None) -> str:
    r, g, b = EVENT_COLOURS.get(event_type or "", UNKNOWN_COLOUR)
    return f"#{r:02x}{g:02x}{b:02x}"


@dataclass(frozen=True)
class Totals:
    incidents: int
    killed_low: int
    killed_high: int
    wounded_low: int
    wounded_high: int
    killed_reported: bool  # False when no incident in view gives a killed figure
    wounded_reported: bool

    @staticmethod
    def _range(low: int, high: int, reported: bool) -> str:
        if not reported:
            return "not reported"
        return f"{low:,}" if low == high else f"{low:,}–{high:,}"

    @property
    def killed(self) -> str:
        return self._range(self.killed_low, self.killed_high, self.killed_reported)

    @property
    def wounded(self) -> str:
        return self._range(self.wounded_low, self.wounded_high, self.wounded_reported)


def casualty_totals(incidents: pd.DataFrame) -> Totals:
    """Sums of the low and high ends. An open range ('at least 32') counts its low end as its high:
    the total's high end is then the most the sources support, not a bound on reality."""

    def sums(kind: str) -> tuple[int, int, bool]:
        low = incidents[f"{kind}_low"]
        high = incidents[f"{kind}_high"].fillna(low)
        return int(low.fillna(0).sum()), int(high.fillna(0).sum()), bool(low.notna().any() or high.notna().any())

    kl, kh, kr = sums("killed")
    wl, wh, wr = sums("wounded")
    return Totals(len(incidents), kl, kh, wl, wh, kr, wr)


def default_period(incidents: pd.DataFrame) -> str:
    """Days for up to two months, weeks up to two years, months beyond: ~10-100 bars."""
    if incidents.empty or incidents["date"].isna().all():
        return "day"
    span = (incidents["date"].max() - incidents["date"].min()).days
    return "day" if span <= 62 else "week" if span <= 730 else "month"


def incident_label(incidents: pd.DataFrame) -> pd.Series:
    """'2021-01-21 Baghdad (32 killed)': how one incident is named in hovers and lists."""
    killed = incidents["killed_best"].fillna(incidents["killed_low"])
    place = incidents["location"].fillna(incidents["country"]).fillna("unknown place")
    corrected = incidents["corrections"].notna() if "corrections" in incidents else pd.Series(False, index=incidents.index)
    return (
        incidents["date"].dt.strftime("%Y-%m-%d").fillna("undated")
        + " "
        + place.astype(str)
        + killed.map(lambda k: "" if pd.isna(k) else f" ({int(k)} killed)").astype(str)
        + corrected.map({True: " ✎ corrected", False: ""}).astype(str)
    )


def _groups(incidents: pd.DataFrame, column: str) -> pd.Series:
    group = incidents[column].fillna("unknown").astype(str)
    top = group.value_counts().index[:MAX_GROUPS]
    return group.where(group.isin(top), "Other")


def timeline_frame(incidents: pd.DataFrame, period: str = "week", split: str = "event type") -> pd.DataFrame:
    """One row per (period, group): best, low and high sums of killed and wounded, and the names."""
    # Only the columns used here are copied: at a million rows, copying the long text columns
    # (evidence, article ids) cost more than the whole chart.
    frame = incidents.loc[incidents["date"].notna().to_numpy(), ["date", SPLITS[split], *COUNT_COLUMNS]]
    columns = ["period", "group", "incidents", "names"] + [
        f"{k}_{e}" for k in ("killed", "wounded") for e in ("best", "low", "high")
    ]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    work = pd.DataFrame(
        {
            "period": frame["date"].dt.to_period(PERIODS[period]).dt.start_time,
            # Categorical: sorting and grouping move small codes, not a million strings.
            "group": _groups(frame, SPLITS[split]).astype("category"),
        }
    )
    for kind in ("killed", "wounded"):
        low = frame[f"{kind}_low"]
        work[f"{kind}_best"] = frame[f"{kind}_best"].fillna(low).fillna(0).astype("int64")
        work[f"{kind}_low"] = low.fillna(0).astype("int64")
        work[f"{kind}_high"] = frame[f"{kind}_high"].fillna(low).fillna(0).astype("int64")
    keys = ["period", "group"]
    sums = work.groupby(keys, observed=True)[[c for c in columns if "_" in c]].sum()
    counts = work.groupby(keys, observed=True).size().rename("incidents")
    # Name only the deadliest few per bar: a bar of 10,000 incidents cannot list them all.
    deadliest = work.sort_values("killed_best", ascending=False).groupby(keys, observed=True).head(HOVER_NAMES)
    # Labels for those few only: formatting a million labels was most of the chart's time.
    deadliest = deadliest.assign(label=incident_label(incidents.loc[deadliest.index]))
    names = deadliest.groupby(keys, observed=True)["label"].agg(lambda s: "<br>".join(html.escape(x, quote=False) for x in s))
    out = pd.concat([sums, counts, names.rename("names")], axis=1).reset_index()
    more = out["incidents"] - out["incidents"].clip(upper=HOVER_NAMES)
    out["names"] = out["names"] + more.map(lambda n: f"<br>… and {n:,} more" if n else "")
    return out[columns]


def timeline_figure(incidents: pd.DataFrame, period: str = "week", split: str = "event type") -> go.Figure:
    """Killed (top) and wounded (bottom) per period, one bar series per group, low–high as error bars."""
    data = timeline_frame(incidents, period, split)
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08, subplot_titles=("Killed", "Wounded"))
    palette = plotly.colors.qualitative.D3
    for index, (group, rows) in enumerate(data.groupby("group", sort=True)):
        # Set per group so the killed and wounded bars of one group share a colour.
        colour = colour_hex(str(group)) if split == "event type" else palette[index % len(palette)]
        for row, kind in ((1, "killed"), (2, "wounded")):
            fig.add_trace(
                go.Bar(
                    x=rows["period"],
                    width=PERIOD_MS[period] * 0.8 / max(1, data["group"].nunique()),
                    y=rows[f"{kind}_best"],
                    name=html.escape(str(group), quote=False),
                    legendgroup=str(group),
                    showlegend=row == 1,
                    marker_color=colour,
                    error_y=dict(
                        type="data",
                        symmetric=False,
                        array=rows[f"{kind}_high"] - rows[f"{kind}_best"],
                        arrayminus=rows[f"{kind}_best"] - rows[f"{kind}_low"],
                        thickness=1.2,
                    ),
                    # The last two fields identify the bar when it is clicked (see bar_incidents).
                    customdata=rows.assign(bar_period=rows["period"].dt.strftime("%Y-%m-%d"), bar_group=str(group))[
                        [f"{kind}_low", f"{kind}_high", "incidents", "names", "bar_period", "bar_group"]
                    ].to_numpy(),
                    hovertemplate=(
                        f"<b>%{{x|%Y-%m-%d}}</b> ({period} of)<br>{html.escape(str(group), quote=False)}<br>"
                        f"{kind}: %{{y:,}} (range %{{customdata[0]:,}}–%{{customdata[1]:,}})<br>"
                        "%{customdata[2]:,} incident(s):<br>%{customdata[3]}<extra></extra>"
                    ),
                ),
                row=row,
                col=1,
            )
    fig.update_layout(
        barmode="group",
        legend_title_text=split.capitalize(),
        margin=dict(l=60, r=20, t=60, b=40),
        hovermode="closest",
        template="plotly_white",
    )
    fig.update_yaxes(rangemode="tozero", title_text="people", tickformat=",d")
    fig.update_xaxes(title_text=f"{period} starting", row=2, col=1)
    if not data.empty:
        pad = pd.Timedelta(milliseconds=PERIOD_MS[period])
        fig.update_xaxes(range=[data["period"].min() - pad, data["period"].max() + 2 * pad])
    return fig


def bar_incidents(incidents: pd.DataFrame, period: str, split: str, period_start: str, group: str) -> pd.DataFrame:
    """The incidents behind one timeline bar (a click on it), deadliest first.

    `period_start` and `group` are the bar's last two customdata fields; groups are recomputed
    from the same frame so "Other" means what it meant in the chart.
    """
    frame = incidents[incidents["date"].notna()]
    if frame.empty:
        return frame
    starts = frame["date"].dt.to_period(PERIODS[period]).dt.start_time
    hit = (starts == pd.Timestamp(period_start)) & (_groups(frame, SPLITS[split]) == group)
    chosen = frame[hit.to_numpy()]
    killed = chosen["killed_best"].fillna(chosen["killed_low"]).fillna(-1)
    return chosen.iloc[killed.argsort()[::-1].to_numpy()]
