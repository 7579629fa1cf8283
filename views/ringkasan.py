"""Ringkasan: what leadership asks first: how many, where, when, and are sanctions carried out."""

import pandas as pd
import streamlit as st

from netralitas import charts, metrics
from netralitas.i18n import t
from netralitas.ui import context, widgets

lang = context.lang()
filters = context.filters()
st.title(t("page_overview", lang))
context.banner()
context.filter_line()

totals = metrics.totals_dict(context.query("totals", filters))
before, prev_name = widgets.previous_totals(filters)
widgets.kpi_row(totals, before, prev_name, lang)
breakdowns = context.query("breakdowns", filters)
widgets.coverage_caption(breakdowns, lang)
no_data = t("no_data", lang)
left, right = st.columns([3, 2])
with left:
    widgets.province_map(breakdowns, lang)
with right:
    fig = charts.funnel(totals, "Alur penanganan" if lang == "id" else "Case pipeline", lang, no_data=no_data)
    st.plotly_chart(fig, width="stretch", key="funnel")
fig = charts.trend(
    context.query("trend", filters),
    context.query("calendar"),
    filters.election,
    "Kasus per bulan" if lang == "id" else "Cases per month",
    lang,
    no_data=no_data,
)
st.plotly_chart(fig, width="stretch", key="trend")
left, right = st.columns(2)
with left:
    groups = pd.DataFrame(metrics.groups(breakdowns, "violation_type", lang))
    widgets.clickable_bars(
        groups,
        "violation_type",
        "cases",
        "Jenis pelanggaran terbanyak" if lang == "id" else "Most common violation types",
        lang,
    )
with right:
    groups = pd.DataFrame(metrics.groups(breakdowns, "agency", lang))
    widgets.clickable_bars(
        groups,
        "agency",
        "cases",
        "Instansi dengan kasus terbanyak" if lang == "id" else "Agencies with most cases",
        lang,
    )
