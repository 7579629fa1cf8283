"""Headline figures and breakdowns, from queries/*.sql, labelled for people: what the CLI and pages show."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import pandas as pd

from . import queries
from .filters import Filters
from .i18n import code, t
from .reference import FIELDS, UNKNOWN, basis_pre2022, province_label, regency_label, vocabulary
from .store import Store
from .style import fmt_int

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
    out: dict[str, Any] = {k: _int(row[k]) for k in COUNTS}
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
    # namedtuples of breakdowns.sql's columns (key: str or None, the counts); the stubs cannot type them
    rows: Iterable[Any] = part.itertuples(index=False)
    return [
        {
            "key": r.key,
            "label": label_for(dim, r.key, lang, election_names),
            **{k: int(getattr(r, k)) for k in COUNTS},
            "follow_up_rate": follow_up_rate(int(r.followed_up), int(r.recommendations)),
        }
        for r in rows
    ]


def on_pre2022_basis(groups_: list[dict[str, Any]], lang: str = "id") -> list[dict[str, Any]]:
    """Province groups merged onto the units as they were before the 2022 Papua splits (93, 94, 95 and
    today's 91 into "Papua (sebelum 2022)"; 96 and 92 into "Papua Barat (sebelum 2022)"), so a 2020
    election and a 2024 one are compared on the same areas."""
    merged: dict[str, dict[str, Any]] = {}
    for g in groups_:
        key = basis_pre2022(g["key"]) if g["key"] else g["key"]
        into = merged.setdefault(
            key, {"key": key, "label": label_for("province", key, lang), **dict.fromkeys(COUNTS, 0)}
        )
        for k in COUNTS:
            into[k] += g[k]
    out = [
        {**g, "follow_up_rate": follow_up_rate(g["followed_up"], g["recommendations"])}
        for g in merged.values()
    ]
    return sorted(out, key=lambda g: (-g["cases"], g["key"]))


def records_per_source(frame: pd.DataFrame) -> dict[str, int]:
    """{source: records} behind the cases counted (records.sql); sources without records are left out."""
    # namedtuples of records.sql's columns (source, records); the stubs cannot type them
    rows: Iterable[Any] = frame.itertuples(index=False)
    return {str(r.source): int(r.records) for r in rows}


def cases_and_records(totals: dict[str, Any], records: pd.DataFrame, lang: str = "id") -> str:
    """'40 kasus dari 77 catatan (Bawaslu 40, KASN 32, BKN 5)': the overview's line under the KPIs."""
    per = records_per_source(records)
    text = t(
        "cases_records", lang, cases=fmt_int(totals["cases"], lang), records=fmt_int(sum(per.values()), lang)
    )
    parts = ", ".join(f"{label_for('source', s, lang)} {fmt_int(n, lang)}" for s, n in per.items())
    return f"{text} ({parts})" if parts else text


def election_names_from(elections: pd.DataFrame, lang: str = "id") -> dict[str, str]:
    """Each election's name in `lang`, from the rows of the elections query."""
    return dict(zip(elections["election"], elections[f"name_{code(lang)}"], strict=True))


def election_names(store: Store, lang: str = "id") -> dict[str, str]:
    return election_names_from(queries.run(store, "elections"), lang)


def summary(
    store: Store,
    filters: Filters | None = None,
    by: str | None = None,
    lang: str = "id",
    basis: str = "current",
) -> dict[str, Any]:
    """The `summary --json` object: totals, and with `by` the labelled groups."""
    requests: list = [("totals", filters, None), ("elections", None, None), ("records", filters, None)]
    if by:
        requests.append(("breakdowns", filters, None))
    frames = queries.run_many(store, requests)
    out = totals_dict(frames[0])
    out["records"] = records_per_source(frames[2])
    if by:
        names = dict(zip(frames[1]["election"], frames[1][f"name_{code(lang)}"], strict=True))
        out["by"] = by
        out["groups"] = groups(frames[3], by, lang, names)
        if by == "province" and basis == "pre2022":
            out["basis"] = basis
            out["groups"] = on_pre2022_basis(out["groups"], lang)
    return out
