"""Tahapan: when in the election cases happen, the violation mix by phase, elections compared fairly."""

import streamlit as st

from netralitas.i18n import t
from netralitas.present import charts
from netralitas.ui import context

lang = context.lang()
filters = context.filters()


def phase_figures() -> dict:
    phases = context.query("phases", filters)
    names = context.election_names()
    no_data = t("no_data", lang)
    return {
        "phase_cases": charts.phase_bars(phases, names, "cases", t("ph_cases", lang), lang, no_data=no_data),
        "phase_per_day": charts.phase_bars(
            phases, names, "per_day", t("ph_per_day", lang), lang, no_data=no_data
        ),
        "phase_mix": charts.phase_heatmap(
            context.query("phase_mix", filters), t("ph_mix", lang), lang, no_data=no_data
        ),
    }


for key, fig in context.figures("phases", phase_figures).items():
    st.plotly_chart(fig, width="stretch", key=key)
