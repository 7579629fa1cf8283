"""The early warning on the dashboard (issue #17): the overview's "Peringatan dini" block, the map's outline
layer and the presenter slide. All three take the same AlertReport from `report()`, computed by
netralitas.alerts through the pages' cached queries, the same steps as `python -m netralitas alerts`."""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from .. import alerts, style
from ..filters import Filters
from ..i18n import t
from ..present import alertcharts
from . import context

SHOWN = 3  # flag sentences per level on the overview; the table in the expander holds them all
SLIDE_SHOWN = 4  # flags per level on the presenter slide


def chosen_election(filters: Filters) -> tuple[str | None, bool]:
    """The election the warning is about: the one chosen in the filters, else the latest with cases
    (second value: True when it was chosen, so the block can say when it picked one itself)."""
    if len(filters.election) == 1:
        return filters.election[0], True
    # the same for every session until the data changes; looking it up was a tenth of an overview's run
    return context.kept(("latest_election_with_cases",), _latest_with_cases), False


def _latest_with_cases() -> str | None:
    frame = context.elections().sort_values("start_date", ascending=False)
    for election in frame["election"]:
        if not context.query("alerts_counts", Filters(election=(election,))).empty:
            return str(election)
    return None


def report(filters: Filters) -> alerts.AlertReport | None:
    """The comparison for the filters' election, cut at their end date (else the latest case date). Kept
    per data version, election and cut-off: the queries are cached already, but the 552 tests would
    otherwise run again on every rerun of every session."""
    election, _chosen = chosen_election(filters)
    if election is None:
        return None
    as_of: date | None = filters.date_to
    return context.kept(
        ("alerts_report", election, as_of),
        lambda: alerts.early_warning(context.store(), election, as_of, run=context.query),
    )


def _previous_name(rep: alerts.AlertReport) -> str:
    return context.election_names().get(rep.alignment.previous or "", rep.alignment.previous or "")


def table(rep: alerts.AlertReport, lang: str) -> pd.DataFrame:
    """The flagged regions as shown: region, level, observed, same point before, expected, ratio, p, q."""
    rows = rep.flagged()
    if rows.empty:
        return pd.DataFrame()
    out = pd.DataFrame(
        {
            t("alerts_col_region", lang): [
                alerts.region_label(lv, k, lang) for lv, k in zip(rows["level"], rows["key"], strict=True)
            ],
            t("alerts_col_level", lang): [t(f"alerts_level_{lv}", lang) for lv in rows["level"]],
            t("alerts_col_observed", lang): rows["observed"].astype(int),
            t("alerts_col_previous", lang): rows["previous"].astype(int),
            t("alerts_col_expected", lang): [style.fmt_num(v, lang) for v in rows["expected"]],
            t("alerts_col_ratio", lang): [
                t("alerts_ratio_new", lang)
                if before == 0
                else "–"
                if r is None or pd.isna(r)
                else style.fmt_num(r, lang) + "×"
                for r, before in zip(rows["ratio"], rows["previous"], strict=True)
            ],
            "p": [f"{v:.2g}" for v in rows["p_value"]],
            "q": [f"{v:.2g}" for v in rows["q_value"]],
        }
    )
    if rows["per_100k_asn"].notna().any():
        out[t("alerts_col_per_asn", lang)] = [
            "" if pd.isna(v) else style.fmt_num(v, lang) for v in rows["per_100k_asn"]
        ]
    return out


def sentences(rep: alerts.AlertReport, level: str, lang: str, shown: int = SHOWN) -> list[str]:
    """One sentence per flag of a level (the strongest first), and how many more there are."""
    part = rep.flagged(level)
    out = [alerts.flag_sentence(r, _previous_name(rep), lang) for r in part.head(shown).to_dict("records")]
    if len(part) > shown:
        out.append(t("alerts_more", lang, n=len(part) - shown))
    return out


def _summary_lines(rep: alerts.AlertReport, lang: str) -> None:
    st.caption(alerts.comparison_text(rep, context.election_names(), lang))
    if rep.status != "ok":
        return
    st.caption(
        t(
            "alerts_national",
            lang,
            now=style.fmt_int(rep.current_total, lang),
            before=style.fmt_int(rep.previous_total, lang),
            ratio=style.fmt_num(rep.trend, lang),
        )
        + (" " + t("alerts_not_compared", lang, n=rep.not_compared) if rep.not_compared else "")
    )


def briefing_lines(filters: Filters, lang: str) -> list[str]:
    """The early warning as the briefing's sentences: what is compared, then each flag (or that none is)."""
    rep = report(filters)
    if rep is None:
        return []
    head = f"{t('alerts_title', lang)}: {alerts.comparison_text(rep, context.election_names(), lang)}"
    if rep.status != "ok":
        return [head]
    flags = [s for level in alerts.LEVELS for s in sentences(rep, level, lang)]
    return [head, *(flags or [t("alerts_none", lang)])]


def overview_block(filters: Filters, lang: str) -> None:
    """The overview's "Peringatan dini": what is compared, the flags in sentences, the full table, the rule."""
    st.subheader(t("alerts_title", lang))
    election, chosen = chosen_election(filters)
    rep = report(filters)
    if rep is None or election is None:  # no election has cases (report() found none either)
        st.info(t("no_data", lang))
        return
    if not chosen:
        st.caption(t("alerts_choose_election", lang, name=context.election_names().get(election, election)))
    _summary_lines(rep, lang)
    if rep.status != "ok":
        return
    # the flags' sentences are the same for every viewer of this data, these filters and this language
    by_level = context.built(
        "alerts_sentences", lambda: {lv: sentences(rep, lv, lang) for lv in alerts.LEVELS}
    )
    if not any(by_level.values()):
        st.success(t("alerts_none", lang), icon=":material/check_circle:")
    else:
        columns = st.columns(2)
        for col, level in zip(columns, alerts.LEVELS, strict=True):
            lines = by_level[level]
            if lines:
                col.warning(
                    f"**{t(f'alerts_heading_{level}', lang)}**\n\n" + "\n".join(f"- {s}" for s in lines),
                    icon=":material/trending_up:",
                )
        # The table is sent only once the expander is opened (a rerun): a closed expander's st.dataframe
        # still made every new session fetch and run the data grid's ~1.6 MB of JavaScript before the
        # first view was drawn (DataFrame, arrow and JSON-viewer chunks; ~0.2 s of main-thread CPU).
        box = st.expander(t("alerts_all_flags", lang), key="alerts_table", on_change="rerun")
        with box:
            if box.open:
                st.dataframe(table(rep, lang), hide_index=True, width="stretch")
            st.caption(_method(lang))


def _method(lang: str) -> str:
    return t(
        "alerts_method",
        lang,
        q=style.fmt_num(alerts.Q_MAX, lang, 2),
        min_cases=alerts.MIN_OBSERVED,
        min_ratio=style.fmt_num(alerts.MIN_RATIO, lang),
    )


def _flagged(level: str, filters: Filters, within: str | None) -> list[str]:
    """The flagged regions of `level` (`within`: only the regencies of that province); none without a report."""
    rep = report(filters)
    if rep is None or rep.status != "ok":
        return []
    keys = context.kept(("flagged", filters, level), lambda: rep.flagged_keys(level))
    return [k for k in keys if within is None or k.startswith(within)]


def outline_caption(level: str, filters: Filters, lang: str, within: str | None = None) -> None:
    """Above a map with outlined regions (`outlined`): what the outline means and what it compares."""
    rep = report(filters)
    if rep is not None and _flagged(level, filters, within):
        st.caption(
            f":orange[■] {t('alerts_outline', lang)} · {alerts.comparison_text(rep, context.election_names(), lang)}"
        )


def outlined(fig: go.Figure, level: str, filters: Filters, lang: str, within: str | None = None) -> go.Figure:
    """The map with flagged regions of its level outlined (`within`: only the regencies of that province, so
    a regency map keeps its frame); draws nothing itself, so the map can be kept for every viewer."""
    return alertcharts.outline_flagged(fig, _flagged(level, filters, within), level, lang)


def slide(filters: Filters, lang: str) -> None:
    """The presenter's early-warning slide: the comparison, the outlined province map, the flags."""
    from .. import metrics
    from ..present import maps

    rep = report(filters)
    if rep is None:
        st.info(t("no_data", lang))
        return
    _summary_lines(rep, lang)
    if rep.status != "ok":
        return
    # the season the warning is about, up to its cut-off (not the sidebar's other filters: the warning is national)
    season = Filters(election=(rep.alignment.election,), date_to=rep.alignment.as_of)

    def outlined_map() -> dict[str, go.Figure]:
        groups = pd.DataFrame(metrics.groups(context.query("breakdowns", season), "province", lang))
        fig = maps.province_choropleth(groups, "cases", t("cases", lang), lang, presenter=True)
        return {"map": alertcharts.outline_flagged(fig, rep.flagged_keys("province"), "province", lang)}

    left, right = st.columns([3, 2])
    with left:
        fig = context.figures("slide_alerts", outlined_map)["map"]
        st.plotly_chart(fig, width="stretch", key="slide_alerts", config=maps.CHART_CONFIG)
    with right:
        # short lines, one paragraph each: presenter mode enlarges paragraphs, and a room reads few words
        for level in alerts.LEVELS:
            part = rep.flagged(level)
            if part.empty:
                continue
            st.markdown(f"#### {t(f'alerts_heading_{level}', lang)}")
            for row in part.head(SLIDE_SHOWN).to_dict("records"):
                st.markdown(alerts.flag_short(row, lang))
            if len(part) > SLIDE_SHOWN:
                st.markdown(t("alerts_more", lang, n=len(part) - SLIDE_SHOWN))
        if rep.flagged().empty:
            st.markdown(t("alerts_none", lang))
