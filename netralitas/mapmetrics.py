"""The map's metrics: counts, rates and per-capita figures per province or regency."""

from __future__ import annotations

import pandas as pd

from . import style
from .i18n import t
from .reference import provinces, regencies

# Each metric is also its label's key in netralitas/i18n.py: t(metric, lang).
METRICS = ("cases", "violations", "follow_up_rate", "per_million", "per_100k_asn")


def available_metrics(headcount: pd.DataFrame) -> list[str]:
    """Per-ASN rates only when a headcount table has been uploaded."""
    return [m for m in METRICS if m != "per_100k_asn" or not headcount.empty]


def with_metrics(groups: pd.DataFrame, level: str, headcount: pd.DataFrame | None = None) -> pd.DataFrame:
    """Add follow_up_rate, per_million and per_100k_asn columns to labelled groups keyed by code."""
    if groups.empty:
        return groups.assign(follow_up_rate=[], per_million=[], per_100k_asn=[])
    ref = provinces() if level == "province" else regencies()
    pop = dict(zip(ref["code"], ref["population"], strict=True))
    out = groups.copy()
    out["follow_up_rate"] = [
        f / r if r else None for f, r in zip(out["followed_up"], out["recommendations"], strict=True)
    ]
    out["per_million"] = [
        c / pop[k] * 1e6 if pop.get(k) else None for k, c in zip(out["key"], out["cases"], strict=True)
    ]
    asn = (
        dict(zip(headcount["key"], headcount["asn_count"], strict=True))
        if headcount is not None and not headcount.empty
        else {}
    )
    out["per_100k_asn"] = [
        c / asn[k] * 1e5 if asn.get(k) else None for k, c in zip(out["key"], out["cases"], strict=True)
    ]
    return out


def ranked_table(groups: pd.DataFrame, metric: str, label: str, lang: str) -> pd.DataFrame:
    """The map's regions ranked by `metric` (highest first, regions without a value left out), numbered,
    with the value formatted as the map shows it; empty when no region has a value."""
    if groups.empty:
        return pd.DataFrame()
    table = groups.dropna(subset=[metric]).sort_values(metric, ascending=False, kind="stable")
    if table.empty:
        return pd.DataFrame()
    digits = 0 if metric in ("cases", "violations") else 1
    return pd.DataFrame(
        {
            "#": range(1, len(table) + 1),
            t("alerts_col_region", lang): table["label"],
            label: [
                style.fmt_pct(v, lang) if metric == "follow_up_rate" else style.fmt_num(v, lang, digits)
                for v in table[metric]
            ],
        }
    )
