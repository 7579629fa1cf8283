"""Presenter mode: one view per slide, large type, no personal data, the slide number in the URL."""

from dataclasses import replace

import pandas as pd
import streamlit as st

from netralitas import briefing, charts, config, maps, metrics, style
from netralitas.filters import describe
from netralitas.i18n import pick, t
from netralitas.reference import regency_short_label
from netralitas.safetext import md
from netralitas.slides import SLIDES, TITLES, next_index, slide_index
from netralitas.ui import alerts as early_warning
from netralitas.ui import context, presenter, widgets

lang = context.lang()
filters = context.filters()
st.query_params["presenter"] = "1"
presenter.apply()
n = slide_index(st.query_params.get("slide", "1"))
slide = SLIDES[n - 1]
no_data = t("no_data", lang)

st.title(pick(*TITLES[slide], lang))
st.caption(md(describe(filters, lang, context.election_names())))

totals = metrics.totals_dict(context.query("totals", filters))
breakdowns = context.query("breakdowns", filters)
provinces = metrics.groups(breakdowns, "province", lang)
if slide == "kpi":
    before, name = widgets.previous_totals(filters)
    widgets.kpi_row(totals, before, name, lang, per_row=4)
    widgets.coverage_caption(breakdowns, lang)
    for sentence in briefing.narrative(totals, provinces, before, name, lang):
        st.markdown(sentence)
elif slide == "map":
    widgets.province_map(breakdowns, lang, presenter=True)
elif slide == "alerts":
    early_warning.slide(filters, lang)
elif slide == "trend":
    st.plotly_chart(
        charts.phase_bars(
            context.query("phases", filters),
            context.election_names(),
            "cases",
            "",
            lang,
            presenter=True,
            no_data=no_data,
        ),
        width="stretch",
        key="slide_trend",
    )
elif slide == "agencies":
    league = context.query(
        "agencies",
        filters,
        overdue_days=config.setting_int("overdue_days"),
        as_of=pd.Timestamp.today().date(),
        limit=500,
    )
    st.plotly_chart(
        charts.follow_up_bars(league, t("pres_agencies_title", lang), lang, True, no_data=no_data),
        width="stretch",
        key="slide_agencies",
    )
elif slide == "violations":
    widgets.clickable_bars(
        pd.DataFrame(metrics.groups(breakdowns, "violation_type", lang)),
        "violation_type",
        "cases",
        "",
        lang,
        presenter=True,
    )
else:
    chosen = (
        filters.province[0]
        if len(filters.province) == 1 and filters.province[0].isdigit()
        else next((p["key"] for p in provinces if p["key"].isdigit()), None)
    )
    if chosen is None:
        st.info(no_data)
    else:
        regional = context.query("breakdowns", replace(filters, province=(chosen,)))
        regs = pd.DataFrame(metrics.groups(regional, "regency", lang))
        shown, ranked = st.columns([3, 1])  # the map marks the leading regencies by rank; the list names them
        shown.plotly_chart(
            maps.regency_choropleth(regs, chosen, "cases", t("cases", lang), lang, True),
            width="stretch",
            key="slide_regencies",
            config=maps.CHART_CONFIG,
        )
        with ranked:
            short = regs.assign(label=[regency_short_label(k) for k in regs["key"]]) if len(regs) else regs
            widgets.ranked_list(short, "cases", t("slide_top_regencies", lang), lang)

left, mid, right = st.columns([1, 2, 1])
if left.button("← " + t("pres_prev", lang), key="prev", width="stretch"):
    st.query_params["slide"] = str(next_index(n, -1))
    st.rerun()
mid.markdown(
    f"<div style='text-align:center;font-size:24px'>{n} / {len(SLIDES)}</div>", unsafe_allow_html=True
)
if right.button(t("pres_next", lang) + " →", key="next", width="stretch"):
    st.query_params["slide"] = str(next_index(n, 1))
    st.rerun()
status = context.query("data_status").iloc[0]
totals_latest = totals.get("latest_case_date")
presenter.footer(presenter.data_as_of(status["latest_import"], totals_latest, lang), lang)

auto = st.query_params.get("auto")
if auto and auto.isdigit() and 5 <= int(auto) <= 3600:

    @st.fragment(run_every=int(auto))
    def _advance() -> None:
        if st.session_state.get("slide_seen") == n:
            st.query_params["slide"] = str(next_index(n, 1))
            st.rerun(scope="app")
        st.session_state["slide_seen"] = n

    _advance()


def briefing_html() -> bytes:
    """The one-click briefing: filters, KPIs, narrative and the main charts in one offline HTML file."""
    before, name = widgets.previous_totals(filters)
    groups = pd.DataFrame(provinces)
    figures = [
        maps.province_choropleth(groups, "cases", t("cases", lang), lang, inline=True),
        charts.trend(
            context.query("trend", filters),
            context.query("calendar"),
            filters.election,
            t("ov_trend", lang),
            lang,
            no_data=no_data,
        ),
        charts.phase_bars(
            context.query("phases", filters),
            context.election_names(),
            "cases",
            t("ph_cases", lang),
            lang,
            no_data=no_data,
        ),
        charts.ranked_bars(
            pd.DataFrame(metrics.groups(breakdowns, "violation_type", lang)),
            "cases",
            t("pres_violation_types", lang),
            lang,
            no_data=no_data,
        ),
    ]
    kpis = [
        (t("cases", lang), style.fmt_int(totals["cases"], lang)),
        (t("violations", lang), style.fmt_int(totals["violations"], lang)),
        (t("recommendations", lang), style.fmt_int(totals["recommendations"], lang)),
        (t("step_follow_up", lang), style.fmt_pct(totals["follow_up_rate"], lang)),
    ]
    doc = briefing.html_document(
        t("pres_briefing_title", lang),
        describe(filters, lang, context.election_names()),
        kpis,
        briefing.narrative(totals, provinces, before, name, lang),
        figures,
        presenter.data_as_of(status["latest_import"], totals_latest, lang),
        lang,
    )
    return doc.encode("utf-8")


# Built on request: the file embeds plotly.js (several MB), too much to rebuild on every slide change.
if st.button(t("pres_prepare", lang), key="prepare_briefing"):
    with st.spinner(t("pres_preparing", lang)):
        st.session_state["briefing_html"] = briefing_html()
        st.session_state["briefing_pdf"] = briefing.pdf_from_html(
            st.session_state["briefing_html"].decode("utf-8")
        )
if "briefing_html" in st.session_state:
    st.download_button(
        t("pres_download_html", lang),
        st.session_state["briefing_html"],
        "briefing-netralitas.html",
        "text/html",
        key="briefing",
        on_click=context.log_export,
        args=("briefing HTML",),
    )
if st.session_state.get("briefing_pdf"):
    st.download_button(
        t("pres_download_pdf", lang),
        st.session_state["briefing_pdf"],
        "briefing-netralitas.pdf",
        "application/pdf",
        key="briefing_pdf_dl",
        on_click=context.log_export,
        args=("briefing PDF",),
    )
elif "briefing_html" in st.session_state:
    st.caption(t("pres_pdf_needs_chromium", lang))
