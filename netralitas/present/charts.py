"""Chart builders: each takes DataFrames and returns a plotly figure, testable without Streamlit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from .. import style
from ..i18n import pick, t
from ..reference import vocabulary

FUNNEL_STAGES = ("cases", "processed", "violations", "recommendations", "followed_up")
FUNNEL_LABELS = {
    "id": ("Dilaporkan", "Diproses", "Pelanggaran", "Rekomendasi", "Ditindaklanjuti"),
    "en": ("Reported", "Processed", "Violation", "Recommended", "Followed up"),
}


def ranked_bars(
    frame: pd.DataFrame,
    value: str,
    title: str,
    lang: str = "id",
    presenter: bool = False,
    top: int = 10,
    key: str = "key",
    label: str = "label",
    no_data: str = "",
    fmt: Callable[[float, str], str] | None = None,
) -> go.Figure:
    """Horizontal bars of the largest groups, biggest on top; customdata carries the canonical key
    so a click can set a filter. `fmt(value, lang)` writes the values (default: whole numbers); groups
    without a value (NaN: a rate with no denominator) are left out."""
    if frame.empty or frame[value].sum() == 0:
        return style.empty_figure(no_data, lang, presenter)
    part = frame.dropna(subset=[value]).nlargest(top, value).iloc[::-1]
    texts = [(fmt or style.fmt_int)(v, lang) for v in part[value]]
    fig = go.Figure(
        go.Bar(
            x=part[value],
            y=part[label],
            orientation="h",
            customdata=part[[key]].to_numpy(),
            marker_color=style.PRIMARY,
            text=texts,
            textposition="auto",
            textangle=0,
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    return style.apply(
        fig,
        lang,
        presenter,
        height=max(260, 38 * len(part) + 80),
        layout={"title": {"text": title}, "yaxis": {"automargin": True}},
    )


def funnel(
    totals: dict, title: str, lang: str = "id", presenter: bool = False, no_data: str = ""
) -> go.Figure:
    """dilaporkan → diproses → pelanggaran → rekomendasi → ditindaklanjuti, with the share of the first."""
    values = [int(totals.get(k) or 0) for k in FUNNEL_STAGES]
    if values[0] == 0:
        return style.empty_figure(no_data, lang, presenter)
    fig = go.Figure(
        go.Funnel(
            y=list(FUNNEL_LABELS[lang]),
            x=values,
            marker={"color": [style.PRIMARY, "#3a8dc9", style.ACCENT, "#E69F00", style.GOOD]},
            text=[style.fmt_int(v, lang) for v in values],
            customdata=[f"({style.fmt_pct(v / values[0], lang, 0)})" for v in values],
            # the share under the count: on one line "22.080 (40%)" ran past the narrowest stage's edges
            # in a 1280-pixel window (uniformtext keeps it at 12 px and still shows it). The line break is
            # the template's: the texts themselves are escaped (safetext.plotly_safe)
            texttemplate="%{text}<br>%{customdata}",
            # inside, shrunk to fit: outside, the last (narrowest) stage's label ran off a narrow chart
            textposition="inside",
            hovertemplate="%{y}: %{x:,}<extra></extra>",
        )
    )
    return style.apply(fig, lang, presenter, height=340, layout={"title": {"text": title}})


def trend(
    monthly: pd.DataFrame,
    calendar: pd.DataFrame,
    elections: tuple[str, ...],
    title: str,
    lang: str = "id",
    presenter: bool = False,
    no_data: str = "",
) -> go.Figure:
    """Cases per month with the phases of the elections in view shaded and labelled."""
    if monthly.empty:
        return style.empty_figure(no_data, lang, presenter)
    months = pd.to_datetime(monthly["month"])
    fig = go.Figure(
        go.Bar(
            x=months,
            y=monthly["cases"],
            marker_color=style.PRIMARY,
            name=title,
            customdata=[style.fmt_month(m.date(), lang) for m in months],
            hovertemplate="%{customdata}: %{y:,}<extra></extra>",
        )
    )
    start, end = months.min(), months.max() + pd.offsets.MonthEnd(1)
    vocab = vocabulary()
    in_view = calendar[
        (pd.to_datetime(calendar["end_date"]) >= start) & (pd.to_datetime(calendar["start_date"]) <= end)
    ]
    if elections:
        in_view = in_view[in_view["election"].isin(elections)]
    # Shapes and annotations go in as one list each: plotly's add_vrect/add_annotation re-validate the
    # whole layout on every call, which cost ~200 ms per chart.
    shapes, notes = [], []
    r: Any  # a calendar row: phase, name_id, name_en, start_date, end_date
    for r in in_view.itertuples(index=False):
        if r.phase in ("pra-tahapan", "pasca"):
            continue
        shapes.append(
            {
                "type": "rect",
                "xref": "x",
                "yref": "paper",
                "x0": pd.Timestamp(r.start_date),
                "x1": pd.Timestamp(r.end_date) + pd.Timedelta(days=1),
                "y0": 0,
                "y1": 1,
                "fillcolor": style.PHASE_COLOURS.get(r.phase, "#eee"),
                "opacity": 0.9,
                "layer": "below",
                "line": {"width": 0},
            }
        )
        if r.phase == "kampanye":  # one label per election: the campaign, where most cases fall
            name = pick(r.name_id, r.name_en, lang)
            notes.append(
                {
                    "x": pd.Timestamp(r.start_date),
                    "y": 1,
                    "yref": "paper",
                    "yanchor": "bottom",
                    "xanchor": "left",
                    "text": f"{name}: {vocab.label('phase', r.phase, lang)}",
                    "showarrow": False,
                    "font": {"size": 16 if presenter else style.MIN_TEXT_PX, "color": style.MUTED},
                }
            )
    years = (end - start).days / 365
    freq = "12MS" if years > 4 else "6MS" if years > 2 else "3MS"
    ticks = pd.date_range(start.normalize().replace(day=1), end, freq=freq) if len(months) > 6 else months
    layout = {
        "shapes": shapes,
        "annotations": notes,
        "xaxis": {
            "tickvals": ticks,
            "ticktext": [style.fmt_month(t.date(), lang) for t in ticks],
            "tickangle": 0,
        },
        "title": {"text": title},
        "bargap": 0.1,
    }
    return style.apply(fig, lang, presenter, height=360, layout=layout)


def phase_bars(
    phases: pd.DataFrame,
    election_names: dict[str, str],
    value: str,
    title: str,
    lang: str = "id",
    presenter: bool = False,
    no_data: str = "",
) -> go.Figure:
    """Grouped bars: one group per phase, one bar per election; value 'per_day' divides by the phase's days."""
    if phases.empty or phases["cases"].sum() == 0:
        return style.empty_figure(no_data, lang, presenter)
    vocab = vocabulary()
    frame = phases.copy()
    frame["per_day"] = frame["cases"] / frame["days"]
    order = vocab.codes("phase")
    bars = []
    for i, (election, part) in enumerate(frame.groupby("election", sort=False)):
        part = part.set_index("phase").reindex(order).reset_index()
        bars.append(
            go.Bar(
                x=[vocab.label("phase", p, lang) for p in part["phase"]],
                y=part[value],
                name=election_names.get(str(election), str(election)),
                marker_color=style.CATEGORICAL[i % len(style.CATEGORICAL)],
                hovertemplate="%{x}: %{y:,.2f}<extra>%{fullData.name}</extra>"
                if value == "per_day"
                else "%{x}: %{y:,}<extra>%{fullData.name}</extra>",
            )
        )
    return style.apply(
        go.Figure(bars), lang, presenter, height=380, layout={"title": {"text": title}, "barmode": "group"}
    )


def phase_heatmap(
    mix: pd.DataFrame, title: str, lang: str = "id", presenter: bool = False, no_data: str = ""
) -> go.Figure:
    """Violation types (rows) by phase (columns), as the share of each phase's cases."""
    if mix.empty:
        return style.empty_figure(no_data, lang, presenter)
    vocab = vocabulary()
    table = mix.pivot_table(
        index="violation_type", columns="phase", values="cases", aggfunc="sum", fill_value=0
    )
    phases = [p for p in [*vocab.codes("phase"), ""] if p in table.columns]
    types = [v for v in [*vocab.codes("violation_type"), ""] if v in table.index]
    table = table.loc[types, phases]
    share = table / table.sum(axis=0).replace(0, 1)
    fig = go.Figure(
        go.Heatmap(
            z=share.to_numpy(),
            x=[vocab.label("phase", p, lang) for p in phases],
            y=[vocab.label("violation_type", v, lang) for v in types],
            colorscale=style.SEQUENTIAL,
            customdata=table.to_numpy(),
            zmin=0,
            hovertemplate="%{y} · %{x}: %{customdata:,} (%{z:.0%})<extra></extra>",
            colorbar={"tickformat": ".0%", "thickness": 14},
        )
    )
    return style.apply(
        fig,
        lang,
        presenter,
        height=max(360, 34 * len(types) + 120),
        layout={"title": {"text": title}, "yaxis": {"autorange": "reversed", "automargin": True}},
    )


def follow_up_bars(
    league: pd.DataFrame,
    title: str,
    lang: str = "id",
    presenter: bool = False,
    top: int = 10,
    no_data: str = "",
) -> go.Figure:
    """Agencies with most recommendations, each bar split into followed up and not yet, with the rate:
    which PPK do not carry out the sanctions recommended."""
    part = league[(league["key"] != "") & (league["recommendations"] > 0)] if not league.empty else league
    if part.empty:
        return style.empty_figure(no_data, lang, presenter)
    part = part.nlargest(top, "recommendations").iloc[::-1]
    pending = part["recommendations"] - part["followed_up"]
    rate = part["followed_up"] / part["recommendations"]
    done_name, pending_name = t("fu_done", lang), t("fu_pending", lang)
    fig = go.Figure(
        [
            go.Bar(
                y=part["key"],
                x=part["followed_up"],
                orientation="h",
                name=done_name,
                marker_color=style.GOOD,
                hovertemplate="%{y}: %{x:,}<extra>" + done_name + "</extra>",
            ),
            go.Bar(
                y=part["key"],
                x=pending,
                orientation="h",
                name=pending_name,
                marker_color=style.ACCENT,
                text=[style.fmt_pct(r, lang, 0) for r in rate],
                textposition="outside",
                textangle=0,
                cliponaxis=False,  # the longest bar's rate sits past the axis end
                hovertemplate="%{y}: %{x:,}<extra>" + pending_name + "</extra>",
            ),
        ]
    )
    layout = {
        "title": {"text": title},
        "barmode": "stack",
        "yaxis": {"automargin": True},
    }
    return style.apply(
        fig,
        lang,
        presenter,
        height=max(300, 44 * len(part) + 120),
        layout=layout,
        after={"margin": {"r": 80 if presenter else 50}},  # room for the longest bar's rate
    )
