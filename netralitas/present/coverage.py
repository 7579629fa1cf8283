"""How many places and agencies the cases in view touch, counted on today's units.

A case recorded on a unit from before a province split ("91-pra2022", Papua before 2022) is not one more
province: the narrative said "the most of 39 provinces" when there are 38. Such cases, and cases whose
province is unknown, are counted and named separately.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .. import style
from ..i18n import t
from ..reference import historical_units, province_label, provinces, regencies


@dataclass(frozen=True)
class Coverage:
    provinces: int  # today's provinces with at least one case
    regencies: int  # today's regencies/cities with at least one case
    agencies: int  # agencies (as named in the files) with at least one case
    historical: dict[str, int]  # pre-split unit code -> its cases
    unknown_province: int  # cases with no province at all

    @property
    def historical_cases(self) -> int:
        return sum(self.historical.values())


def _keys_with_cases(breakdowns: pd.DataFrame, dim: str) -> dict[str, int]:
    if breakdowns.empty:
        return {}
    part = breakdowns[(breakdowns["dim"] == dim) & (breakdowns["cases"] > 0)]
    return {str(k): int(c) for k, c in zip(part["key"], part["cases"], strict=True)}


def coverage(breakdowns: pd.DataFrame) -> Coverage:
    """The counts from breakdowns.sql's province, regency and agency rows."""
    by_province = _keys_with_cases(breakdowns, "province")
    today = set(provinces()["code"])
    units = historical_units()
    by_regency = _keys_with_cases(breakdowns, "regency")
    by_agency = _keys_with_cases(breakdowns, "agency")
    # one set, not one per regency: building it for each key was half of an overview's server time
    today_regencies = set(regencies()["code"])
    return Coverage(
        provinces=sum(1 for k in by_province if k in today),
        regencies=sum(1 for k in by_regency if k in today_regencies),
        agencies=sum(1 for k in by_agency if k),
        historical={k: c for k, c in by_province.items() if k in units},
        unknown_province=by_province.get("", 0),
    )


def historical_clause(cov: Coverage, lang: str) -> str:
    """' (dan 1 kasus pada wilayah sebelum pemekaran)' for the narrative; '' when there is none."""
    n = cov.historical_cases
    if not n:
        return ""
    return t("cov_nar_historical_one" if n == 1 else "cov_nar_historical", lang, cases=style.fmt_int(n, lang))


def caption(cov: Coverage, lang: str) -> str:
    """The line under the KPI cards: today's provinces, regencies and agencies with cases, then the cases
    on pre-split units (named) and those with an unknown province."""
    parts = [
        t(
            "cov_caption",
            lang,
            provinces=style.fmt_int(cov.provinces, lang),
            regencies=style.fmt_int(cov.regencies, lang),
            agencies=style.fmt_int(cov.agencies, lang),
        )
    ]
    if cov.historical:
        n = cov.historical_cases
        units = ", ".join(
            f"{province_label(k, lang)}: {style.fmt_int(v, lang)}" for k, v in sorted(cov.historical.items())
        )
        parts.append(
            t(
                "cov_historical_one" if n == 1 else "cov_historical",
                lang,
                cases=style.fmt_int(n, lang),
                units=units,
            )
        )
    if cov.unknown_province:
        parts.append(t("cov_unknown", lang, cases=style.fmt_int(cov.unknown_province, lang)))
    return " ".join(parts)
