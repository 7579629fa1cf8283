"""The presenter's one-click briefing (an offline HTML file, and a PDF where Chromium is at hand) and the
slide navigation under every slide."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from .. import metrics, style
from ..filters import Filters, describe
from ..i18n import t
from ..present import briefing, charts, maps
from ..present.slides import SLIDES, next_index
from . import alerts as early_warning
from . import context, presenter, widgets


def navigation(n: int, lang: str) -> None:
    """Previous and next buttons with the slide number between them; `?auto=N` turns the slides every N s."""
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
    auto = st.query_params.get("auto")
    if auto and auto.isdigit() and 5 <= int(auto) <= 3600:

        @st.fragment(run_every=int(auto))
        def _advance() -> None:
            if st.session_state.get("slide_seen") == n:
                st.query_params["slide"] = str(next_index(n, 1))
                st.rerun(scope="app")
            st.session_state["slide_seen"] = n

        _advance()


def briefing_html(filters: Filters, totals: dict, breakdowns: pd.DataFrame, as_of: str, lang: str) -> bytes:
    """The briefing: filters, KPIs, narrative and the main charts in one offline HTML file."""
    no_data = t("no_data", lang)
    provinces = metrics.groups(breakdowns, "province", lang)
    before, name = widgets.previous_totals(filters)
    figures = [
        maps.province_choropleth(pd.DataFrame(provinces), "cases", t("cases", lang), lang, inline=True),
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
        # the early warning goes with the figures: a briefing without it would hide what the slides flag
        [
            *briefing.narrative(totals, provinces, before, name, lang),
            *early_warning.briefing_lines(filters, lang),
        ],
        figures,
        as_of,
        lang,
    )
    return doc.encode("utf-8")


def downloads(filters: Filters, totals: dict, breakdowns: pd.DataFrame, as_of: str, lang: str) -> None:
    """The prepare button and, once prepared, the HTML and PDF downloads (each logged as an export)."""
    # Built on request: the file embeds plotly.js (several MB), too much to rebuild on every slide change.
    if st.button(t("pres_prepare", lang), key="prepare_briefing"):
        with st.spinner(t("pres_preparing", lang)):
            st.session_state["briefing_html"] = briefing_html(filters, totals, breakdowns, as_of, lang)
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


def footer_and_downloads(filters: Filters, totals: dict, breakdowns: pd.DataFrame, lang: str) -> None:
    """What follows every slide: the sources footer with the data's date, then the briefing."""
    status = context.query("data_status").iloc[0]
    as_of = presenter.data_as_of(status["latest_import"], totals.get("latest_case_date"), lang)
    presenter.footer(as_of, lang)
    downloads(filters, totals, breakdowns, as_of, lang)
