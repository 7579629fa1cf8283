"""The one figure style: palette, fonts and Indonesian/English number and date formats for every chart."""

from __future__ import annotations

from datetime import date

import plotly.graph_objects as go

from .safetext import plotly_safe

FONT = "Inter, 'Segoe UI', 'Helvetica Neue', Arial, sans-serif"
INK = "#1a1a2e"
MUTED = "#5c5c70"
GRID = "#e3e3ea"
NO_DATA = "#d9d9de"
# Okabe-Ito: distinguishable with the common colour-vision deficiencies and on a projector.
CATEGORICAL = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
PRIMARY = "#0072B2"
ACCENT = "#D55E00"
GOOD = "#009E73"
# Sequential scale for choropleths: light to dark blue-purple, readable when a projector washes colours out.
SEQUENTIAL = [[0.0, "#e8f1fa"], [0.25, "#a6c8e6"], [0.5, "#5b9bd1"], [0.75, "#2166ac"], [1.0, "#0b2e59"]]
PHASE_COLOURS = {
    "pra-tahapan": "#f2f2f2",
    "pendaftaran": "#e6efe9",
    "kampanye": "#fbeee0",
    "masa-tenang": "#e9e6f3",
    "pemungutan": "#f9dede",
    "rekapitulasi": "#e2edf7",
    "pasca": "#f2f2f2",
}
# The smallest text any chart draws: readable on a phone held at arm's length.
MIN_TEXT_PX = 12
MONTHS_ID = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def fmt_int(value: float | int | None, lang: str = "id") -> str:
    """1234567 -> '1.234.567' (id) or '1,234,567' (en)."""
    if value is None:
        return "–"
    text = f"{int(round(value)):,}"
    return text.replace(",", ".") if lang == "id" else text


def fmt_num(value: float | None, lang: str = "id", decimals: int = 1) -> str:
    """1234.5 -> '1.234,5' (id) or '1,234.5' (en)."""
    if value is None:
        return "–"
    text = f"{value:,.{decimals}f}"
    if lang == "id":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def fmt_pct(value: float | None, lang: str = "id", decimals: int = 1) -> str:
    """0.522 -> '52,2%' (id) or '52.2%' (en)."""
    return "–" if value is None else fmt_num(value * 100, lang, decimals) + "%"


def fmt_date(value: date | None, lang: str = "id") -> str:
    """date(2023, 11, 29) -> '29 Nov 2023'; Indonesian month abbreviations in id (Mei, Agu, Okt, Des)."""
    if value is None:
        return "–"
    months = MONTHS_ID if lang == "id" else MONTHS_EN
    return f"{value.day} {months[value.month - 1]} {value.year}"


def fmt_month(value: date, lang: str = "id") -> str:
    months = MONTHS_ID if lang == "id" else MONTHS_EN
    return f"{months[value.month - 1]} {value.year}"


def separators(lang: str) -> str:
    """plotly's layout.separators: decimal mark then thousands mark."""
    return ",." if lang == "id" else ".,"


def apply(
    fig: go.Figure,
    lang: str = "id",
    presenter: bool = False,
    height: int | None = None,
    layout: dict | None = None,
    after: dict | None = None,
) -> go.Figure:
    """Fonts, colours, margins and number format shared by every chart; larger type in presenter mode.
    `layout`: the chart's own settings (title, axes, shapes), under the shared ones; `after`: settings
    that win over the shared ones (a map's zero margins).

    Everything is merged as plain data and the figure is built once from it: each update_layout or
    update_xaxes call cost plotly several milliseconds of bookkeeping, ~16 ms a chart in all."""
    chart = _merged(fig.layout.to_plotly_json(), layout or {})
    titled = bool((chart.get("title") or {}).get("text"))
    base = 22 if presenter else 14
    ours = {
        "font": {"family": FONT, "size": base, "color": INK},
        "separators": separators(lang),
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "colorway": CATEGORICAL,
        "margin": {"l": 10, "r": 10, "t": 50 if titled else 20, "b": 10},
        "hoverlabel": {"font": {"family": FONT, "size": base}},
        # Under everything, measured from the figure's bottom edge: plotly then reserves the legend's
        # height and lays the x axis's tick labels out above it. At y=-0.15 of the plot area the legend
        # sat on the tick labels once presenter type made them taller.
        "legend": {
            "font": {"size": base},
            "orientation": "h",
            "xref": "paper",
            "x": 0,
            "xanchor": "left",
            "yref": "container",
            "y": 0,
            "yanchor": "bottom",
        },
        # text inside bars is shrunk to fit; never below the smallest readable size (12 px on a phone)
        "uniformtext": {"minsize": MIN_TEXT_PX + (6 if presenter else 0), "mode": "show"},
        "title": {"font": {"size": base + 4}},
        "height": height,
    }
    axis = {
        "gridcolor": GRID,
        "zerolinecolor": GRID,
        "tickfont": {"size": base},
        "title": {"font": {"size": base}},
    }
    merged = _merged(chart, ours)
    # The figure gets plotly's default template again on construction, by reference; passing it as data
    # would validate its few hundred settings on every chart.
    merged.pop("template", None)
    for name in {"xaxis", "yaxis", *(k for k in merged if k.startswith(("xaxis", "yaxis")))}:
        merged[name] = _merged(merged.get(name, {}), axis)
    # Labels, names and hovers from data are escaped here, where every chart passes (#18: text is text).
    return plotly_safe(go.Figure(data=fig.data, layout=_merged(merged, after or {})))


def _merged(base: dict, override: dict) -> dict:
    """`base` with `override` laid over it, nested dictionaries merged key by key (update_layout's rule)."""
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merged(out[key], value)
        else:
            out[key] = value
    return out


def empty_figure(message: str, lang: str = "id", presenter: bool = False, height: int = 300) -> go.Figure:
    """A chart that says there is no data instead of failing or drawing blank axes."""
    fig = go.Figure()
    fig.add_annotation(
        text=message,
        showarrow=False,
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        font={"size": 24 if presenter else 16, "color": MUTED},
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return apply(fig, lang, presenter, height)
