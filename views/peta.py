"""Peta: provinces by a chosen metric; a click opens the province's regencies; a ranked table beside."""

import pandas as pd
import streamlit as st

from netralitas import metrics, style
from netralitas.i18n import t
from netralitas.mapmetrics import available_metrics, ranked_table, with_metrics
from netralitas.present import maps
from netralitas.ui import alerts as early_warning
from netralitas.ui import context, sidebar, widgets
from netralitas.ui import ikp as ikp_ui

lang = context.lang()
filters = context.filters()

headcount = context.query("headcount")
options = available_metrics(headcount)
metric = (
    st.segmented_control(
        t("map_metric", lang),
        options,
        default="cases",
        key="map_metric",
        format_func=lambda m: t(m, lang),
    )
    or "cases"
)
label = t(metric, lang)
percent = metric == "follow_up_rate"
drill = filters.province[0] if len(filters.province) == 1 and filters.province[0].isdigit() else None
level = "regency" if drill else "province"
# the same for every viewer of this data version, filters and language (and metric): kept, not rebuilt
groups = context.built(
    f"map_groups_{level}",
    lambda: with_metrics(
        pd.DataFrame(metrics.groups(context.query("breakdowns", filters), level, lang)), level, headcount
    ),
)


def map_figure() -> dict:
    if drill:
        fig = maps.regency_choropleth(groups, drill, metric, label, lang, percent=percent)
    else:
        fig = maps.province_choropleth(groups, metric, label, lang, percent=percent)
    return {"map": early_warning.outlined(fig, level, filters, lang, within=drill)}


left, right = st.columns([3, 2])
with left:
    if drill and st.button("← " + t("map_back", lang), key="map_back"):
        context.set_filters(filters.cleared("province").cleared("regency"))
        sidebar.request_widget_sync()
        st.rerun()
    early_warning.outline_caption(level, filters, lang, within=drill)
    widgets.clickable_map(context.figures(f"map_{metric}", map_figure)["map"], level)
    hidden = maps.unmapped_cases(groups)
    if hidden:
        from netralitas.reference import province_label

        listed = ", ".join(f"{province_label(k, lang)}: {style.fmt_int(v, lang)}" for k, v in hidden.items())
        st.caption(t("map_pre_split", lang, units=listed))
with right:
    shown = context.built(f"map_table_{metric}", lambda: ranked_table(groups, metric, label, lang))
    if shown.empty:
        st.info(t("no_data", lang))
    else:
        st.dataframe(shown, hide_index=True, width="stretch", height=520)
ikp_ui.forecast_section(filters, lang)
