"""Figures of the early warning and the forecast check (issue #17): the map layer that outlines flagged
regions, and the IKP-against-cases scatter. Builders take data and return plotly figures."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .. import style
from ..i18n import t
from ..reference import province_label, regency_label

OUTLINE_COLOUR = style.ACCENT
OUTLINE_WIDTH = 3.0


def outline_flagged(fig: go.Figure, keys: list[str], level: str, lang: str = "id") -> go.Figure:
    """The map with one more layer: flagged regions outlined (no fill, so the colours underneath still read).
    Uses the boundaries of the map's first trace, so it follows the map (URL or inline, built or official)."""
    if not keys or not fig.data:
        return fig
    base = fig.data[0]
    label = province_label if level == "province" else regency_label
    word = t("alerts_outline_hover", lang)
    fig.add_trace(
        go.Choropleth(
            geojson=base.geojson,
            locations=list(keys),
            z=[1] * len(keys),
            featureidkey=base.featureidkey,
            colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
            showscale=False,
            marker_line_color=OUTLINE_COLOUR,
            marker_line_width=OUTLINE_WIDTH,
            customdata=[[label(k, lang)] for k in keys],
            hovertemplate="<b>%{customdata[0]}</b>: " + word + "<extra></extra>",
            name="alerts",
        )
    )
    return fig


def ikp_scatter(frame: pd.DataFrame, title: str, lang: str = "id", presenter: bool = False) -> go.Figure:
    """IKP score (x) against cases (y), one point per region; outliers (`outlier` not '') labelled by name.
    `frame`: label, score, cases, outlier ('' | 'under' | 'over')."""
    if frame.empty:
        return style.empty_figure(t("no_data", lang), lang, presenter)
    colours = {"": style.PRIMARY, "under": style.ACCENT, "over": style.CATEGORICAL[4]}
    traces = []
    for kind in ("", "under", "over"):
        part = frame[frame["outlier"] == kind]
        if part.empty:
            continue
        traces.append(
            go.Scatter(
                # plain lists: a handful of points, readable in the figure's JSON (no base64 arrays)
                x=part["score"].tolist(),
                y=part["cases"].tolist(),
                mode="markers+text" if kind else "markers",
                text=part["label"].tolist() if kind else None,
                textposition="top center",
                marker={"size": 14 if presenter else 10, "color": colours[kind]},
                name=t(f"ikp_outlier_{kind or 'none'}", lang),
                customdata=[[v] for v in part["label"]],
                hovertemplate="<b>%{customdata[0]}</b><br>IKP %{x}<br>"
                + t("cases", lang)
                + " %{y}<extra></extra>",
            )
        )
    return style.apply(
        go.Figure(traces),
        lang,
        presenter,
        height=460,
        layout={
            "title": {"text": title},
            "xaxis": {"title": {"text": t("ikp_score", lang)}},
            "yaxis": {"title": {"text": t("cases", lang)}},
            "legend": {"orientation": "h", "y": -0.2},
        },
    )
