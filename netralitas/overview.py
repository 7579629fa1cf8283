"""The overview's numbers: totals for the filters, and the same totals for the previous election of the
same kind (Pilkada 2024 vs Pilkada 2020), from the SQL files."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from .filters import Filters


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
