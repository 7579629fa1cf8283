"""Layout pieces shared by pages: KPI cards, clickable breakdowns (cross-filtering), the province map."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from .. import metrics, style
from ..filters import Filters
from ..i18n import t
from ..overview import change, comparison_filters, previous_election
from ..present import coverage, layout, maps
from . import context, sidebar

KPIS = (
    ("cases", "kpi_cases", "int"),
    ("violations", "kpi_violations", "int"),
    ("recommendations", "kpi_recommendations", "int"),
    ("follow_up_rate", "kpi_follow_up_rate", "pct"),
    ("days_to_recommendation", "kpi_days_rec", "days"),
    ("days_to_follow_up", "kpi_days_fu", "days"),
    ("records_blocked", "kpi_blocked", "int"),
)


def responsive_kpis() -> None:
    """Outside presenter mode (which sets its own large type): KPI figures that fit the window, and the
    phone layout (netralitas/present/layout.py)."""
    st.html(layout.CSS)


def _fmt(value, kind: str, lang: str) -> str:
    if value is None:
        return "–"
    if kind == "pct":
        return style.fmt_pct(value, lang)
    if kind == "days":
        return t("n_days", lang, n=style.fmt_num(value, lang, 0))
    return style.fmt_int(value, lang)


def kpi_row(
    totals: dict, before: dict | None, previous_name: str, lang: str, per_row: int | None = None
) -> None:
    """The headline figures, each with its change against the previous election of the same kind."""
    per_row = per_row or len(KPIS)
    # keyed, so the phone layout can put the cards two to a row (the four headline figures first)
    with st.container(key=layout.KPI_KEY):
        rows = range(0, len(KPIS), per_row)
        cols = [c for _ in rows for c in st.columns(per_row, vertical_alignment="bottom")][: len(KPIS)]
    for col, (key, label, kind) in zip(cols, KPIS, strict=True):
        delta = None
        if before is not None:
            if kind == "pct":
                cur, old = totals.get(key), before.get(key)
                if cur is not None and old is not None:
                    delta = f"{style.fmt_num((cur - old) * 100, lang)} pp {t('vs_previous', lang, name=previous_name)}"
            else:
                rel = change(totals.get(key), before.get(key))
                if rel is not None:
                    delta = f"{style.fmt_pct(rel, lang)} {t('vs_previous', lang, name=previous_name)}"
        inverse = key in (
            "cases",
            "violations",
            "days_to_recommendation",
            "days_to_follow_up",
            "records_blocked",
        )
        col.metric(
            t(label, lang),
            _fmt(totals.get(key), kind, lang),
            delta=delta,
            delta_color="inverse" if inverse else "normal",
        )


def coverage_caption(filters: Filters, lang: str) -> None:
    """Under the KPI cards: today's provinces, regencies and agencies with cases; pre-split units apart.
    The same for every session with these filters until the data changes (it was a sixth of a run)."""
    text = context.kept(
        ("coverage_caption", filters, lang),
        lambda: coverage.caption(coverage.coverage(context.query("breakdowns", filters)), lang),
    )
    st.caption(text)


def ranked_list(groups: pd.DataFrame, value: str, title: str, lang: str, top: int = 10) -> None:
    """The leading regions as a numbered list with their figures, beside a map that carries the same
    numbers; cases with no known region follow, unnumbered (they are no region of the ranking)."""
    known = groups[(groups["key"] != "") & (groups[value] > 0)] if not groups.empty else groups
    part = known.nlargest(top, value) if not known.empty else known
    if part.empty:
        return
    rows = [
        f"{i}. **{label}**: {style.fmt_int(v, lang)}"
        for i, (label, v) in enumerate(zip(part["label"], part[value], strict=True), start=1)
    ]
    unknown = int(groups.loc[groups["key"] == "", value].sum())
    tail = f"\n\n{t('unknown', lang)}: {style.fmt_int(unknown, lang)}" if unknown else ""
    st.markdown(f"**{title}**\n\n" + "\n".join(rows) + tail)


def apply_click(event, dimension: str) -> None:
    """A click on a bar or region sets that filter; a click on the value already set clears it."""
    points = (
        (event or {}).get("selection", {}).get("points", [])
        if isinstance(event, dict)
        else getattr(getattr(event, "selection", None), "points", [])
    )
    if not points:
        return
    value = selected_key(points[0])
    if value is None:
        return
    context.set_filters(context.filters().toggle(dimension, value))
    sidebar.request_widget_sync()
    st.rerun()


def selected_key(point: dict) -> str | None:
    """The canonical key behind a clicked point: the location of a map region, else the first customdata
    value of a bar (never a point index: indices change whenever the figure does)."""
    loc = point.get("location")
    if loc not in (None, ""):
        return str(loc)
    data = point.get("customdata")
    if isinstance(data, list | tuple) and data:
        return str(data[0])
    return None if data in (None, "") else str(data)


def clickable_figure(fig, dimension: str) -> None:
    """Bars already built whose clicked bar sets (or clears) the `dimension` filter."""
    event = st.plotly_chart(
        fig, width="stretch", key=f"bars_{dimension}", on_select="rerun", selection_mode="points"
    )
    apply_click(event, dimension)


def clickable_map(fig, dimension: str) -> None:
    """A choropleth whose clicked region sets (or clears) the province or regency filter."""
    event = st.plotly_chart(
        fig,
        width="stretch",
        key=f"map_{dimension}",
        on_select="rerun",
        selection_mode="points",
        config=maps.CHART_CONFIG,
    )
    apply_click(event, dimension)


def previous_totals(filters: Filters) -> tuple[dict | None, str]:
    """Totals for the previous election of the same kind, and its name (None, '' when there is none);
    the same for every session with these filters until the data changes."""
    language = context.lang()

    def build() -> tuple[dict | None, str]:
        previous = previous_election(context.elections(), filters.election)
        if not previous:
            return None, ""
        before = metrics.totals_dict(context.query("totals", comparison_filters(filters, previous)))
        return before, context.election_names().get(previous, "")

    return context.kept(("previous_totals", filters, language), build)
