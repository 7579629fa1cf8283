"""Instansi: which agencies have cases, and whether their PPK carries out the sanctions recommended."""

from datetime import date

import streamlit as st

from netralitas import config, reconcile, style
from netralitas.headcount import fmt_rate, rank_agencies
from netralitas.i18n import t
from netralitas.overview import group_bars
from netralitas.present import charts
from netralitas.present.tables import agency_table
from netralitas.ui import context, widgets

lang = context.lang()
filters = context.filters()

overdue_days = config.setting_int("overdue_days")
with_headcount = "agency" in set(context.query("headcount_status")["level"])
order = "cases"
if with_headcount:
    order = st.radio(
        t("rank_by", lang),
        ["cases", "per_asn"],
        format_func=lambda o: t("cases", lang) if o == "cases" else t("per_1000_asn", lang),
        horizontal=True,
        key="agency_order",
    )
today = date.today()


def ranked_league():
    # Ranked by cases, the first 500 suffice; ranked per ASN, an agency with few cases may lead, so all are read.
    limit = 500 if order == "cases" else None
    frame = context.query("agencies", filters, overdue_days=overdue_days, as_of=today, limit=limit)
    return rank_agencies(frame, order)


# kept per data version, filters and language, and what else they depend on: the ranking, the day
league = context.built(("agency_league", order, overdue_days, today), ranked_league)
if league.empty:
    st.info(t("no_data", lang))
else:
    table = context.built(
        ("agency_table", order, overdue_days, today),
        lambda: agency_table(league, lang, overdue_days, with_headcount),
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
        t("agc_shown", lang, count=style.fmt_int(len(league), lang))
        + (" " + t("per_asn_note", lang) if with_headcount else "")
    )
    if with_headcount:
        # the league read depends on the ranking (all agencies per ASN, the first 500 by cases)
        per_asn = context.figures(
            f"agencies_per_asn_{order}",
            lambda: {
                "bars": charts.ranked_bars(
                    league.assign(label=league["key"]),
                    "cases_per_1000_asn",
                    t("per_1000_asn_top", lang),
                    lang,
                    no_data=t("no_data", lang),
                    fmt=fmt_rate,
                )
            },
        )
        widgets.clickable_figure(per_asn["bars"], "agency")


def group_figures() -> dict:
    breakdowns = context.query("breakdowns", filters)
    return {
        dim: group_bars(breakdowns, dim, t(f"f_{dim}", lang), lang) for dim in ("agency_type", "position")
    }


for column, (dim, fig) in zip(
    st.columns(2), context.figures("agency_groups", group_figures).items(), strict=True
):
    with column:
        widgets.clickable_figure(fig, dim)

# Where cases stall: median days between the agencies' steps, per agency and per province (#14).
st.subheader(t("lags_title", lang))
st.caption(t("lags_note", lang))
for column, by, label in zip(
    st.columns(2), ("agency", "province"), ("lags_by_agency", "lags_by_province"), strict=True
):
    with column:
        st.markdown(f"**{t(label, lang)}**")
        lags = context.built(
            ("lags_table", by),
            lambda by=by: reconcile.lags_table(context.query("lags", filters, by=by, limit=200), by, lang),
        )
        if lags.empty:
            st.info(t("no_data", lang))
        else:
            st.dataframe(lags, hide_index=True, width="stretch", key=f"lags_{by}")
