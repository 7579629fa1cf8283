"""Headline figures and breakdowns, from queries/*.sql, labelled for people: what the CLI and pages show."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from . import queries
from .filters import Filters
from .reference import FIELDS, UNKNOWN, province_label, regency_label, vocabulary
from .store import Store

DIMENSIONS = (
    "province",
    "regency",
    "agency",
    "phase",
    "violation_type",
    "status",
    "election",
    "agency_type",
    "position",
    "source",
)
COUNTS = ("cases", "violations", "recommendations", "followed_up")


def follow_up_rate(followed_up: int, recommendations: int) -> float | None:
    """Sanctions imposed / recommendations issued; None when nothing was recommended."""
    return followed_up / recommendations if recommendations else None


def _int(value: Any) -> int:
    return 0 if value is None or (isinstance(value, float) and math.isnan(value)) else int(value)


def totals_dict(frame: pd.DataFrame) -> dict[str, Any]:
    row = frame.iloc[0]
    out = {k: _int(row[k]) for k in COUNTS}
    out["follow_up_rate"] = follow_up_rate(out["followed_up"], out["recommendations"])
    out["records_blocked"] = _int(row["records_blocked"])
    if "processed" in row:
        out["processed"] = _int(row["processed"])
    for k in ("days_to_recommendation", "days_to_follow_up"):
        v = row[k]
        out[k] = None if v is None or pd.isna(v) else float(v)
    latest = row["latest_case_date"]
    out["latest_case_date"] = (
        None if latest is None or pd.isna(latest) else pd.Timestamp(latest).date().isoformat()
    )
    return out


def label_for(dim: str, key: str, lang: str = "id", election_names: dict[str, str] | None = None) -> str:
    if key in ("", None):
        return UNKNOWN[lang]
    if dim == "province":
        return province_label(key, lang)
    if dim == "regency":
        return regency_label(key, lang)
    if dim in FIELDS:
        return vocabulary().label(dim, key, lang)
    if dim == "election":
        return (election_names or {}).get(key, key)
    return key


def groups(
    breakdowns: pd.DataFrame, dim: str, lang: str = "id", election_names: dict[str, str] | None = None
) -> list[dict[str, Any]]:
    """The rows of one dimension from breakdowns.sql, ordered by cases, labelled."""
    part = breakdowns[breakdowns["dim"] == dim].sort_values(["cases", "key"], ascending=[False, True])
    return [
        {
            "key": r.key,
            "label": label_for(dim, r.key, lang, election_names),
            **{k: int(getattr(r, k)) for k in COUNTS},
            "follow_up_rate": follow_up_rate(int(r.followed_up), int(r.recommendations)),
        }
        for r in part.itertuples(index=False)
    ]


def election_names(store: Store, lang: str = "id") -> dict[str, str]:
    frame = queries.run(store, "elections")
    return dict(zip(frame["election"], frame["name_id" if lang == "id" else "name_en"], strict=True))


def summary(
    store: Store, filters: Filters | None = None, by: str | None = None, lang: str = "id"
) -> dict[str, Any]:
    """The `summary --json` object: totals, and with `by` the labelled groups."""
    requests: list = [("totals", filters, None), ("elections", None, None)]
    if by:
        requests.append(("breakdowns", filters, None))
    frames = queries.run_many(store, requests)
    out = totals_dict(frames[0])
    if by:
        names = dict(
            zip(frames[1]["election"], frames[1]["name_id" if lang == "id" else "name_en"], strict=True)
        )
        out["by"] = by
        out["groups"] = groups(frames[2], by, lang, names)
    return out
