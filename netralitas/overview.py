"""The overview's numbers: totals for the filters, and the same totals for the previous election of the
same kind (Pilkada 2024 vs Pilkada 2020), from the SQL files."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import plotly.graph_objects as go

from . import metrics
from .filters import Filters
from .i18n import t
from .present import charts, maps


def previous_election(elections: pd.DataFrame, chosen: tuple[str, ...]) -> str | None:
    """The election before the one chosen, of the same kind; None unless exactly one is chosen."""
    if len(chosen) != 1 or chosen[0] not in set(elections["election"]):
        return None
    row = elections[elections["election"] == chosen[0]].iloc[0]
    earlier = elections[(elections["kind"] == row["kind"]) & (elections["year"] < row["year"])]
    return None if earlier.empty else str(earlier.sort_values("year").iloc[-1]["election"])


def comparison_filters(filters: Filters, previous: str) -> Filters:
    """The same filters on the previous election (dates dropped: they belong to the chosen one)."""
    return replace(filters, election=(previous,), date_from=None, date_to=None)


def change(current: float | None, before: float | None) -> float | None:
    """Relative change, None when there is nothing to compare with."""
    if current is None or before in (None, 0):
        return None
    return (current - before) / before


def figures(
    totals: dict,
    breakdowns: pd.DataFrame,
    monthly: pd.DataFrame,
    calendar: pd.DataFrame,
    elections: tuple[str, ...],
    lang: str,
) -> dict[str, go.Figure]:
    """The overview's five charts from its query results, keyed by the chart's place on the page. One
    builder for them, so the dashboard can keep them per data version, filters and language instead of
    building them again for every viewer."""
    no_data = t("no_data", lang)
    return {
        "province_map": maps.province_choropleth(
            pd.DataFrame(metrics.groups(breakdowns, "province", lang)), "cases", t("cases", lang), lang
        ),
        "funnel": charts.funnel(totals, t("ov_funnel", lang), lang, no_data=no_data),
        "trend": charts.trend(monthly, calendar, elections, t("ov_trend", lang), lang, no_data=no_data),
        "violation_type": group_bars(breakdowns, "violation_type", t("ov_violation_types", lang), lang),
        "agency": group_bars(breakdowns, "agency", t("ov_agencies", lang), lang),
    }


def group_bars(
    breakdowns: pd.DataFrame, dim: str, title: str, lang: str, presenter: bool = False, top: int = 10
) -> go.Figure:
    """The `top` groups of one dimension of breakdowns.sql by cases, as clickable ranked bars. Agencies
    without a name are left out: a bar for "unknown agency" could not set the agency filter."""
    groups = pd.DataFrame(metrics.groups(breakdowns, dim, lang))
    if dim == "agency" and not groups.empty:
        groups = groups[groups["key"] != ""]
    return charts.ranked_bars(groups, "cases", title, lang, presenter, top=top, no_data=t("no_data", lang))
