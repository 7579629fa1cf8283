"""Instansi: which agencies have cases, and whether their PPK carries out the sanctions recommended."""

from datetime import date

import pandas as pd
import streamlit as st

from netralitas import config, metrics, style
from netralitas.i18n import t
from netralitas.reference import vocabulary
from netralitas.ui import context, widgets

lang = context.lang()
filters = context.filters()
st.title(t("page_agencies", lang))
context.banner()
context.filter_line()

overdue_days = config.setting_int("overdue_days")
league = context.query("agencies", filters, overdue_days=overdue_days, as_of=date.today(), limit=500)
if league.empty:
    st.info(t("no_data", lang))
else:
    vocab = vocabulary()
    unknown = t("unknown", lang)
    rates = [
        f / r if r else None for f, r in zip(league["followed_up"], league["recommendations"], strict=True)
    ]
    table = pd.DataFrame(
        {
            t("f_agency", lang): league["key"].replace("", unknown),
            t("f_agency_type", lang): [vocab.label("agency_type", v, lang) for v in league["agency_type"]],
            t("cases", lang): league["cases"],
            t("recommendations", lang): league["recommendations"],
            t("followed_up", lang): league["followed_up"],
            t("follow_up_rate", lang): [None if r is None else r * 100 for r in rates],
            (
                f"Terlambat (> {overdue_days} hari)" if lang == "id" else f"Overdue (> {overdue_days} days)"
            ): league["overdue"],
            t("kpi_blocked", lang): league["blocked"],
        }
    )
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        height=460,
        column_config={
            t("follow_up_rate", lang): st.column_config.ProgressColumn(
                t("follow_up_rate", lang), format="%.0f%%", min_value=0, max_value=100
            )
        },
    )
    st.caption(
        ("Klik judul kolom untuk mengurutkan. " if lang == "id" else "Click a column title to sort. ")
        + (
            f"{style.fmt_int(len(league), lang)} instansi ditampilkan (maks. 500)."
            if lang == "id"
            else f"{style.fmt_int(len(league), lang)} agencies shown (max. 500)."
        )
    )

breakdowns = context.query("breakdowns", filters)
left, right = st.columns(2)
with left:
    widgets.clickable_bars(
        pd.DataFrame(metrics.groups(breakdowns, "agency_type", lang)),
        "agency_type",
        "cases",
        t("f_agency_type", lang),
        lang,
    )
with right:
    widgets.clickable_bars(
        pd.DataFrame(metrics.groups(breakdowns, "position", lang)),
        "position",
        "cases",
        t("f_position", lang),
        lang,
    )
