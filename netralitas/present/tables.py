"""Tables for people: codes turned into labels, unknowns spelled out, personal data masked by role."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pandas as pd

from ..headcount import fmt_rate
from ..i18n import t
from ..privacy import protect
from ..reference import FIELDS, UNKNOWN, province_label, regency_label, vocabulary
from ..style import fmt_date, fmt_int
from ..uploads import IGNORED

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


# The admin tables (users, audit log): column name -> i18n key of its header.
ADMIN_COLUMNS = {
    "username": "adm_user",
    "role": "adm_role",
    "created_at": "adm_col_created_at",
    "disabled": "adm_col_disabled",
    "happened_at": "adm_col_happened_at",
    "action": "adm_action",
    "detail": "adm_col_detail",
    "batch_id": "up_col_batch_id",
}


MISSING = "–"  # what a table shows where nothing is recorded


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


def agency_table(league: pd.DataFrame, lang: str, overdue_days: int, with_headcount: bool) -> pd.DataFrame:
    """The agencies page's league for people: the agency ('tidak diketahui' when unnamed), its type, its
    cases (and, with a headcount, its ASN and cases per 1,000 ASN), then the recommendations, how many
    were followed up and their share in percent, those overdue and the blocked records."""
    vocab = vocabulary()
    unknown = t("unknown", lang)
    rates = [
        f / r if r else None for f, r in zip(league["followed_up"], league["recommendations"], strict=True)
    ]
    columns: dict[str, Any] = {
        t("f_agency", lang): league["key"].replace("", unknown),
        t("f_agency_type", lang): [vocab.label("agency_type", v, lang) for v in league["agency_type"]],
        t("cases", lang): league["cases"],
    }
    if with_headcount:
        columns[t("asn_count", lang)] = [
            unknown if pd.isna(n) else fmt_int(n, lang) for n in league["asn_count"]
        ]
        columns[t("per_1000_asn", lang)] = [
            fmt_rate(r, lang) or unknown for r in league["cases_per_1000_asn"]
        ]
    columns |= {
        t("recommendations", lang): league["recommendations"],
        t("followed_up", lang): league["followed_up"],
        t("follow_up_rate", lang): [None if r is None else r * 100 for r in rates],
        t("agc_overdue", lang, days=fmt_int(overdue_days, lang)): league["overdue"],
        t("kpi_blocked", lang): league["blocked"],
    }
    return pd.DataFrame(columns)


def timeline_labels(rows: pd.DataFrame, table: pd.DataFrame, lang: str) -> list[str]:
    """Each case as the timeline's picker names it: its id, then the name as `table` (labelled_cases of
    `rows`) shows it, masked or not; only the id when the table has no name column."""
    name = t("col_name", lang)
    names = table[name] if name in table else [""] * len(rows)
    return [f"{case_id} · {shown}" for case_id, shown in zip(rows["case_id"], names, strict=True)]


def labelled_columns(frame: pd.DataFrame, lang: str, keys: dict[str, str] = ADMIN_COLUMNS) -> pd.DataFrame:
    """The frame for people: headers from keys (column -> i18n key), missing values (None, NaN, NaT) as
    '–', yes/no for true/false and times as dates with the minute; a column without a key keeps its name."""
    yes, no = t("yes", lang), t("no", lang)

    def shown(v: Any) -> Any:
        if isinstance(v, bool):
            return yes if v else no
        if _is_missing(v):
            return MISSING
        if isinstance(v, float) and v.is_integer():
            return int(v)  # an integer column with gaps comes as floats: 12, not 12.0
        if isinstance(v, pd.Timestamp | datetime):
            stamp = pd.Timestamp(v)
            return f"{fmt_date(stamp.date(), lang)} {stamp:%H:%M}"
        return v

    out = pd.DataFrame(index=frame.index)
    for col in frame.columns:
        values = [shown(v) for v in frame[col]]
        # A column of numbers with gaps is shown as text so that its gaps read '–', not "None".
        if any(isinstance(v, str) for v in values):
            values = [str(v) for v in values]
        out[t(keys[col], lang) if col in keys else col] = values
    return out


# The importer's place columns hold names where a stored case holds codes; the rest share their heading.
_CANONICAL_KEYS = {"province": "col_province_code", "regency": "col_regency_code"}


def canonical_label(column: str, lang: str) -> str:
    """An importer column as the upload page's mapping table offers it: its heading, with the name the
    README and the command line use; the empty choice reads as ignored."""
    if not column or column == IGNORED:
        return t("up_col_ignored", lang)
    key = _CANONICAL_KEYS.get(column) or CASE_COLUMNS.get(column) or f"col_{column}"
    return f"{t(key, lang)} ({column})"


PROBLEM_COLUMNS = {c: f"up_col_{c}" for c in ("row", "column", "value", "reason")}


def problem_rows(rows: list[dict], lang: str) -> pd.DataFrame:
    """Rejected or skipped rows of a file for people (row, column, value, reason: the keys each row has),
    with labelled headers."""
    return labelled_columns(pd.DataFrame(rows), lang, PROBLEM_COLUMNS)


BATCH_COLUMNS = {
    c: f"up_col_{c}"
    for c in (
        "batch_id",
        "created_at",
        "username",
        "file_name",
        "checksum",
        "source",
        "is_sample",
        "rows_read",
        "rows_loaded",
        "rows_updated",
        "rows_unchanged",
        "rows_rejected",
        "undone_at",
    )
}


def batch_history(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The upload history for people: labelled as every admin table is, with sources as names and the
    checksum shortened."""
    out = frame[list(BATCH_COLUMNS)].copy()
    vocab = vocabulary()
    out["checksum"] = out["checksum"].map(lambda v: None if _is_missing(v) else str(v)[:12])
    out["source"] = out["source"].map(lambda v: None if _is_missing(v) else vocab.label("source", v, lang))
    return labelled_columns(out, lang, BATCH_COLUMNS)
