"""Ringkasan: what leadership asks first: how many, where, when, and are sanctions carried out."""

import streamlit as st

from netralitas import metrics, overview
from netralitas.ui import alerts as early_warning
from netralitas.ui import context, widgets

lang = context.lang()
filters = context.filters()

totals = context.built("overview_totals", lambda: metrics.totals_dict(context.query("totals", filters)))
breakdowns = context.query("breakdowns", filters)
# the KPI cards' place, filled after the map is sent: a new session starts loading plotly.js sooner
headline = st.container()

figs = context.figures(
    "overview",
    lambda: overview.figures(
        totals,
        breakdowns,
        context.query("trend", filters),
        context.query("calendar"),
        filters.election,
        lang,
    ),
)
left, right = st.columns([3, 2])
with left:
    widgets.clickable_map(figs["province_map"], "province")
with right:
    st.plotly_chart(figs["funnel"], width="stretch", key="funnel")
with headline:
    before, prev_name = widgets.previous_totals(filters)
    widgets.kpi_row(totals, before, prev_name, lang)
    widgets.coverage_caption(filters, lang)
# below the map, so that a phone still shows the map's top on its first screen (#19)
# one case however many agencies reported it (#14): say how many records stand behind the cases
st.caption(
    context.built(
        "overview_records", lambda: metrics.cases_and_records(totals, context.query("records", filters), lang)
    )
)
early_warning.overview_block(filters, lang)
st.plotly_chart(figs["trend"], width="stretch", key="trend")
left, right = st.columns(2)
with left:
    widgets.clickable_figure(figs["violation_type"], "violation_type")
with right:
    widgets.clickable_figure(figs["agency"], "agency")
