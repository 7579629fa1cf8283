"""Peta: provinces by a chosen metric; a click opens the province's regencies; a ranked table beside."""

import pandas as pd
import streamlit as st

from netralitas import metrics, style
from netralitas.i18n import t
from netralitas.mapmetrics import available_metrics, with_metrics
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
breakdowns = context.query("breakdowns", filters)
drill = filters.province[0] if len(filters.province) == 1 and filters.province[0].isdigit() else None
level = "regency" if drill else "province"
groups = with_metrics(pd.DataFrame(metrics.groups(breakdowns, level, lang)), level, headcount)

left, right = st.columns([3, 2])
with left:
    if drill:
        if st.button("← " + t("map_back", lang), key="map_back"):
            context.set_filters(filters.cleared("province").cleared("regency"))
            sidebar.request_widget_sync()
            st.rerun()
        fig = maps.regency_choropleth(groups, drill, metric, label, lang, percent=percent)
        widgets.clickable_map(early_warning.outlined(fig, "regency", filters, lang, within=drill), "regency")
    else:
        fig = maps.province_choropleth(groups, metric, label, lang, percent=percent)
        widgets.clickable_map(early_warning.outlined(fig, "province", filters, lang), "province")
    hidden = maps.unmapped_cases(groups)
    if hidden:
        from netralitas.reference import province_label

        listed = ", ".join(f"{province_label(k, lang)}: {style.fmt_int(v, lang)}" for k, v in hidden.items())
        st.caption(t("map_pre_split", lang, units=listed))
with right:
    table = (
        groups.dropna(subset=[metric]).sort_values(metric, ascending=False, kind="stable")
        if not groups.empty
        else groups
    )
    if table.empty:
        st.info(t("no_data", lang))
    else:
        shown = pd.DataFrame(
            {
                "#": range(1, len(table) + 1),
                t("alerts_col_region", lang): table["label"],
                label: [
                    style.fmt_pct(v, lang)
                    if percent
                    else style.fmt_num(v, lang, 0 if metric in ("cases", "violations") else 1)
                    for v in table[metric]
                ],
            }
        )
        st.dataframe(shown, hide_index=True, width="stretch", height=520)
ikp_ui.forecast_section(filters, lang)
