"""Tahapan: when in the election cases happen, the violation mix by phase, elections compared fairly."""

import streamlit as st

from netralitas.i18n import t
from netralitas.present import charts
from netralitas.ui import context

lang = context.lang()
filters = context.filters()

phases = context.query("phases", filters)
names = context.election_names()
no_data = t("no_data", lang)
st.plotly_chart(
    charts.phase_bars(
        phases,
        names,
        "cases",
        t("ph_cases", lang),
        lang,
        no_data=no_data,
    ),
    width="stretch",
    key="phase_cases",
)
st.plotly_chart(
    charts.phase_bars(
        phases,
        names,
        "per_day",
        t("ph_per_day", lang),
        lang,
        no_data=no_data,
    ),
    width="stretch",
    key="phase_per_day",
)
mix = context.query("phase_mix", filters)
st.plotly_chart(
    charts.phase_heatmap(
        mix,
        t("ph_mix", lang),
        lang,
        no_data=no_data,
    ),
    width="stretch",
    key="phase_mix",
)
