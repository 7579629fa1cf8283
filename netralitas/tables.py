"""Tables for people: codes turned into labels, unknowns spelled out, personal data masked by role."""

from __future__ import annotations

from typing import Any

import pandas as pd

from .i18n import t
from .privacy import protect
from .reference import FIELDS, UNKNOWN, province_label, regency_label, vocabulary
from .style import fmt_date

CASE_COLUMNS = {  # column -> i18n key of its heading
    "case_id": "col_case_id",
    "source": "col_source",
    "election": "col_election",
    "phase": "col_phase",
    "report_date": "col_report_date",
    "incident_date": "col_incident_date",
    "recommendation_date": "col_recommendation_date",
    "follow_up_date": "col_follow_up_date",
    "province_code": "col_province_code",
    "regency_code": "col_regency_code",
    "agency": "col_agency",
    "agency_type": "col_agency_type",
    "position": "col_position",
    "employee_name": "col_employee_name",
    "nip": "col_nip",
    "violation_type": "col_violation_type",
    "origin": "col_origin",
    "status": "col_status",
    "sanction": "col_sanction",
    "record_blocked": "col_record_blocked",
    "records": "col_records",  # a case's records across sources (#14)
}


def _is_missing(value: Any) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value)) or value == ""


def labelled_cases(
    frame: pd.DataFrame, lang: str, role: str, presenter: bool, election_names: dict[str, str]
) -> pd.DataFrame:
    """The case rows with labels, 'tidak diketahui' for unknowns and personal data as the role may see it."""
    out = protect(frame, role, presenter).copy()
    vocab = vocabulary()
    unknown = UNKNOWN[lang]
    for f in FIELDS:
        if f in out:
            out[f] = out[f].map(lambda v, f=f: unknown if _is_missing(v) else vocab.label(f, v, lang))
    if "province_code" in out:
        out["province_code"] = out["province_code"].map(lambda v: province_label(v, lang))
    if "regency_code" in out:
        out["regency_code"] = out["regency_code"].map(
            lambda v: unknown if _is_missing(v) else regency_label(v, lang)
        )
    if "election" in out:
        out["election"] = out["election"].map(
            lambda v: unknown if _is_missing(v) else election_names.get(v, v)
        )
    if "record_blocked" in out:
        yes, no = t("yes", lang), t("no", lang)
        out["record_blocked"] = out["record_blocked"].map(
            lambda v: unknown if _is_missing(v) else (yes if v else no)
        )
    for col in ("report_date", "incident_date", "recommendation_date", "follow_up_date"):
        if col in out:
            out[col] = out[col].map(
                lambda v: "–" if _is_missing(v) else fmt_date(pd.Timestamp(v).date(), lang)
            )
    for col in ("agency", "employee_name", "nip"):
        if col in out:
            out[col] = out[col].map(lambda v: unknown if _is_missing(v) else v)
    keep = [c for c in CASE_COLUMNS if c in out]
    return out[keep].rename(columns={c: t(CASE_COLUMNS[c], lang) for c in keep})
