"""Presenter mode: one view per slide, large type, no personal data, the slide number in the URL."""

from dataclasses import replace

import pandas as pd
import streamlit as st

from netralitas import config, metrics
from netralitas.filters import describe
from netralitas.i18n import pick, t
from netralitas.overview import group_bars
from netralitas.present import briefing, charts, maps
from netralitas.present.slides import SLIDES, TITLES, slide_index
from netralitas.reference import regency_short_label
from netralitas.safetext import md
from netralitas.ui import alerts as early_warning
from netralitas.ui import briefing_section, context, presenter, widgets

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
    widgets.coverage_caption(filters, lang)
    for sentence in briefing.narrative(totals, provinces, before, name, lang):
        st.markdown(sentence)
elif slide == "map":
    slide_map = context.figures(
        "slide_map",
        lambda: {
            "map": maps.province_choropleth(pd.DataFrame(provinces), "cases", t("cases", lang), lang, True)
        },
    )
    widgets.clickable_map(slide_map["map"], "province")
elif slide == "alerts":
    early_warning.slide(filters, lang)
elif slide == "trend":
    slide_trend = context.figures(
        "slide_trend",
        lambda: {
            "bars": charts.phase_bars(
                context.query("phases", filters),
                context.election_names(),
                "cases",
                "",
                lang,
                presenter=True,
                no_data=no_data,
            )
        },
    )
    st.plotly_chart(slide_trend["bars"], width="stretch", key="slide_trend")
elif slide == "agencies":
    league = context.query(
        "agencies",
        filters,
        overdue_days=config.setting_int("overdue_days"),
        as_of=pd.Timestamp.today().date(),
        limit=500,
    )
    # follow-up against recommendations only: the day (overdue counts) does not change these bars
    slide_agencies = context.figures(
        "slide_agencies",
        lambda: {
            "bars": charts.follow_up_bars(league, t("pres_agencies_title", lang), lang, True, no_data=no_data)
        },
    )
    st.plotly_chart(slide_agencies["bars"], width="stretch", key="slide_agencies")
elif slide == "violations":
    slide_bars = context.figures(
        "slide_violations",
        lambda: {"bars": group_bars(breakdowns, "violation_type", "", lang, presenter=True)},
    )
    widgets.clickable_figure(slide_bars["bars"], "violation_type")
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
        slide_regencies = context.figures(
            "slide_regencies",
            lambda: {"map": maps.regency_choropleth(regs, chosen, "cases", t("cases", lang), lang, True)},
        )
        shown.plotly_chart(
            slide_regencies["map"],
            width="stretch",
            key="slide_regencies",
            config=maps.CHART_CONFIG,
        )
        with ranked:
            short = regs.assign(label=[regency_short_label(k) for k in regs["key"]]) if len(regs) else regs
            widgets.ranked_list(short, "cases", t("slide_top_regencies", lang), lang)

briefing_section.navigation(n, lang)
briefing_section.footer_and_downloads(filters, totals, breakdowns, lang)
