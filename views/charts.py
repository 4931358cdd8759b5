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

from loaders.store.schema import COUNT_COLUMNS, DATE_PRECISIONS, EVENT_TYPES

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
    period = "day" if span <= 62 else "week" if span <= 730 else "month"
    # When most incidents are known only to a longer period, bars of that period say more than
    # empty day bars above a band (one month-only strike in view: show its month).
    for longer in [p for p in PERIODS if DATE_PRECISIONS.index(p) > DATE_PRECISIONS.index(period)]:
        if coarse_dates(incidents, period).mean() > 0.5:
            period = longer
    return period


def range_text(low: pd.Series, high: pd.Series) -> pd.Series:
    """'32', '40–50', 'at least 32' or 'not reported': a toll as words."""
    low_s = low.astype("string")
    high_s = high.astype("string")
    text = low_s.where((high.isna() | (low == high)).fillna(True), low_s + "–" + high_s)
    text = text.where(~(high.isna() & low.notna()).fillna(False), "at least " + low_s)
    return text.fillna("not reported").astype(str)


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


def coarse_dates(incidents: pd.DataFrame, finer_than: str = "day") -> pd.Series:
    """Incidents known only to a period longer than `finer_than` (a week, a month, a year)."""
    coarser = list(DATE_PRECISIONS[DATE_PRECISIONS.index(finer_than) + 1 :])
    return incidents["date_precision"].isin(coarser).fillna(False).astype(bool)


def coarse_note(incidents: pd.DataFrame, finer_than: str = "day", how: str = "drawn lighter") -> str:
    """'1 incident known only to its month or year is drawn lighter.' or ''."""
    coarse = coarse_dates(incidents, finer_than)
    if not coarse.any():
        return ""
    kinds = sorted(incidents.loc[coarse, "date_precision"].unique(), key=DATE_PRECISIONS.index)  # not one by one: a million rows
    n = int(coarse.sum())
    return f"{n:,} incident{'s' if n != 1 else ''} known only to {' or '.join(f'the {k}' for k in kinds)} {'are' if n != 1 else 'is'} {how}."


def _groups(incidents: pd.DataFrame, column: str) -> pd.Series:
    group = incidents[column].fillna("unknown").astype(str)
    top = group.value_counts().index[:MAX_GROUPS]
    return group.where(group.isin(top), "Other")


def timeline_frame(incidents: pd.DataFrame, period: str = "week", split: str = "event type") -> pd.DataFrame:
    """One row per (period, group): best, low and high sums of killed and wounded, and the names.

    Only incidents dated at least as precisely as `period`; the coarser ones are band_frame's."""
    fits = ~coarse_dates(incidents, period).to_numpy()
    return _sums(incidents[fits], period, split, lambda frame: frame["date"].dt.to_period(PERIODS[period]).dt.start_time)


def band_frame(incidents: pd.DataFrame, period: str = "week", split: str = "event type") -> pd.DataFrame:
    """The incidents known only to a longer period than the bars' (the week, month or year), one
    row per (their own period, its precision, group), with that period's first and last day."""
    coarse = incidents[coarse_dates(incidents, period).to_numpy()]
    parts = []
    for precision, rows in coarse.groupby("date_precision", sort=False):
        sums = _sums(
            rows, precision, split, lambda frame, p=precision: frame["date"].dt.to_period(_PERIOD_CODES[p]).dt.start_time
        )
        ends = sums["period"].dt.to_period(_PERIOD_CODES[precision]).dt.end_time.dt.normalize()
        parts.append(sums.assign(precision=precision, end=ends))
    if not parts:
        return pd.DataFrame(columns=[*_SUM_COLUMNS, "precision", "end"])
    return pd.concat(parts, ignore_index=True)


_PERIOD_CODES = {**PERIODS, "year": "Y"}
_SUM_COLUMNS = ["period", "group", "incidents", "names"] + [
    f"{k}_{e}" for k in ("killed", "wounded") for e in ("best", "low", "high")
]


def _sums(incidents: pd.DataFrame, period: str, split: str, starts) -> pd.DataFrame:
    # Only the columns used here are copied: at a million rows, copying the long text columns
    # (evidence, article ids) cost more than the whole chart.
    frame = incidents.loc[incidents["date"].notna().to_numpy(), ["date", SPLITS[split], *COUNT_COLUMNS]]
    columns = _SUM_COLUMNS
    if frame.empty:
        return pd.DataFrame(columns=columns)
    work = pd.DataFrame(
        {
            "period": starts(frame),
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


BAND_TITLE = "Known only to a longer period: killed"


def timeline_figure(incidents: pd.DataFrame, period: str = "week", split: str = "event type") -> go.Figure:
    """Killed and wounded per period, one bar series per group, low–high as error bars. Incidents
    known only to a longer period than the bars' (a month-only incident on a per-day chart) are
    not put on one day: they stretch across their whole period, lighter, in a band of their own."""
    data = timeline_frame(incidents, period, split)
    band = band_frame(incidents, period, split)
    rows = 3 if not band.empty else 2
    fig = make_subplots(
        rows=rows,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.08,
        subplot_titles=("Killed", "Wounded", BAND_TITLE)[:rows],
        row_heights=[0.4, 0.35, 0.25][:rows] if rows == 3 else None,
    )
    palette = plotly.colors.qualitative.D3
    groups = sorted(set(data["group"].astype(str)) | set(band["group"].astype(str)))
    colour_of = {g: colour_hex(g) if split == "event type" else palette[i % len(palette)] for i, g in enumerate(groups)}
    shown_in_legend: set[str] = set()
    for group, rows_ in data.groupby("group", sort=True, observed=True):
        group = str(group)
        for row, kind in ((1, "killed"), (2, "wounded")):
            fig.add_trace(
                go.Bar(
                    x=rows_["period"],
                    width=PERIOD_MS[period] * 0.8 / max(1, data["group"].nunique()),
                    y=rows_[f"{kind}_best"],
                    name=html.escape(group, quote=False),
                    legendgroup=group,
                    showlegend=group not in shown_in_legend,
                    marker_color=colour_of[group],
                    error_y=dict(
                        type="data",
                        symmetric=False,
                        array=rows_[f"{kind}_high"] - rows_[f"{kind}_best"],
                        arrayminus=rows_[f"{kind}_best"] - rows_[f"{kind}_low"],
                        thickness=1.2,
                    ),
                    # The last fields identify the bar when it is clicked (see bar_incidents).
                    customdata=rows_.assign(
                        bar_period=rows_["period"].dt.strftime("%Y-%m-%d"), bar_group=group, bar_precision=""
                    )[
                        [f"{kind}_low", f"{kind}_high", "incidents", "names", "bar_period", "bar_group", "bar_precision"]
                    ].to_numpy(),
                    hovertemplate=(
                        f"<b>%{{x|%Y-%m-%d}}</b> ({period} of)<br>{html.escape(group, quote=False)}<br>"
                        f"{kind}: %{{y:,}} (range %{{customdata[0]:,}}–%{{customdata[1]:,}})<br>"
                        "%{customdata[2]:,} incident(s):<br>%{customdata[3]}<extra></extra>"
                    ),
                ),
                row=row,
                col=1,
            )
            shown_in_legend.add(group)
    for (group, precision), rows_ in band.groupby(["group", "precision"], sort=True, observed=True):
        group = str(group)
        starts, ends = rows_["period"], rows_["end"] + pd.Timedelta(days=1)
        fig.add_trace(
            go.Bar(
                x=starts + (ends - starts) / 2,
                width=((ends - starts).dt.total_seconds() * 1000 * 0.96).to_numpy(),
                y=rows_["killed_best"],
                name=html.escape(group, quote=False),
                legendgroup=group,
                showlegend=group not in shown_in_legend,
                marker=dict(color=colour_of[group], opacity=0.4, line=dict(color=colour_of[group], width=1)),
                # Said on the bar, so a printed chart shows it too: "Dec 2020 (month): 42".
                text=rows_["period"].dt.strftime({"year": "%Y", "month": "%b %Y"}.get(precision, "week of %-d %b"))
                + f" ({precision}): "
                + rows_["killed_best"].map("{:,}".format),
                textposition="inside",
                insidetextanchor="start",
                customdata=rows_.assign(
                    bar_period=rows_["period"].dt.strftime("%Y-%m-%d"),
                    bar_group=group,
                    bar_precision=precision,
                    span=rows_["period"].dt.strftime("%Y-%m-%d") + " to " + rows_["end"].dt.strftime("%Y-%m-%d"),
                )[
                    ["killed_low", "killed_high", "incidents", "names", "bar_period", "bar_group", "bar_precision", "span"]
                ].to_numpy(),
                hovertemplate=(
                    f"<b>%{{customdata[7]}}</b> (known only to the {precision})<br>{html.escape(group, quote=False)}<br>"
                    "killed: %{y:,} (range %{customdata[0]:,}–%{customdata[1]:,})<br>"
                    "%{customdata[2]:,} incident(s):<br>%{customdata[3]}<extra></extra>"
                ),
            ),
            row=3,
            col=1,
        )
        shown_in_legend.add(group)
    fig.update_layout(
        barmode="group",
        legend_title_text=split.capitalize(),
        margin=dict(l=60, r=20, t=60, b=40),
        hovermode="closest",
        template="plotly_white",
    )
    fig.update_yaxes(rangemode="tozero", title_text="people", tickformat=",d")
    fig.update_xaxes(title_text=f"{period} starting", row=rows, col=1)
    starts = pd.concat([data["period"], band["period"]]) if not band.empty else data["period"]
    ends = pd.concat([data["period"], band["end"]]) if not band.empty else data["period"]
    if not starts.empty:
        pad = pd.Timedelta(milliseconds=PERIOD_MS[period])
        fig.update_xaxes(range=[starts.min() - pad, ends.max() + 2 * pad])
    return fig


def bar_incidents(
    incidents: pd.DataFrame, period: str, split: str, period_start: str, group: str, precision: str = ""
) -> pd.DataFrame:
    """The incidents behind one timeline bar (a click on it), deadliest first.

    `period_start`, `group` and `precision` are the bar's customdata fields 4 to 6; a band bar
    has the precision it stands for, a main bar none. Groups are recomputed from the same frame
    so "Other" means what it meant in the chart.
    """
    frame = incidents[incidents["date"].notna()]
    if frame.empty:
        return frame
    if precision:
        mine = (frame["date_precision"] == precision).to_numpy()
        starts = frame["date"].dt.to_period(_PERIOD_CODES[precision]).dt.start_time
    else:
        mine = ~coarse_dates(frame, period).to_numpy()
        starts = frame["date"].dt.to_period(PERIODS[period]).dt.start_time
    hit = mine & (starts == pd.Timestamp(period_start)).to_numpy() & (_groups(frame, SPLITS[split]) == group).to_numpy()
    chosen = frame[hit]
    killed = chosen["killed_best"].fillna(chosen["killed_low"]).fillna(-1)
    return chosen.iloc[killed.argsort()[::-1].to_numpy()]
