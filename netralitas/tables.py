"""Tables for people: codes turned into labels, unknowns spelled out, personal data masked by role."""

from __future__ import annotations

from typing import Any

import pandas as pd

from .i18n import t
from .privacy import protect
from .reference import FIELDS, UNKNOWN, province_label, regency_label, vocabulary
from .style import fmt_date

CASE_COLUMNS = {
    "case_id": ("Nomor kasus", "Case number"),
    "source": ("Sumber", "Source"),
    "election": ("Pemilihan", "Election"),
    "phase": ("Tahapan", "Phase"),
    "report_date": ("Tgl laporan", "Reported"),
    "incident_date": ("Tgl kejadian", "Incident"),
    "recommendation_date": ("Tgl rekomendasi", "Recommended"),
    "follow_up_date": ("Tgl tindak lanjut", "Followed up"),
    "province_code": ("Provinsi", "Province"),
    "regency_code": ("Kabupaten/kota", "Regency/city"),
    "agency": ("Instansi", "Agency"),
    "agency_type": ("Jenis instansi", "Agency type"),
    "position": ("Jabatan", "Position"),
    "employee_name": ("Nama", "Name"),
    "nip": ("NIP", "NIP"),
    "violation_type": ("Jenis pelanggaran", "Violation type"),
    "origin": ("Asal", "Origin"),
    "status": ("Status", "Status"),
    "sanction": ("Sanksi", "Sanction"),
    "record_blocked": ("Data diblokir", "Record blocked"),
    "records": ("Catatan", "Records"),  # a case's records across sources (#14)
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
        yes, no = ("ya", "tidak") if lang == "id" else ("yes", "no")
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
    return out[keep].rename(columns={c: CASE_COLUMNS[c][0 if lang == "id" else 1] for c in keep})


BATCH_COLUMNS = (
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


def _when(value: Any, lang: str) -> str:
    if _is_missing(value):
        return "–"
    stamp = pd.Timestamp(value)
    return f"{fmt_date(stamp.date(), lang)} {stamp:%H:%M}"


def batch_history(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The upload history for people: headers in the page's language, sources and yes/no as words, times as
    dates, the checksum shortened, and '–' where nothing is recorded (a batch not undone)."""
    out = frame[list(BATCH_COLUMNS)].copy()
    vocab = vocabulary()
    yes, no = t("up_yes", lang), t("up_no", lang)
    out["checksum"] = out["checksum"].map(lambda v: "–" if _is_missing(v) else str(v)[:12])
    out["source"] = out["source"].map(lambda v: "–" if _is_missing(v) else vocab.label("source", v, lang))
    out["is_sample"] = out["is_sample"].map(lambda v: "–" if _is_missing(v) else (yes if v else no))
    for col in ("created_at", "undone_at"):
        out[col] = out[col].map(lambda v: _when(v, lang))
    for col in ("username", "file_name"):
        out[col] = out[col].map(lambda v: "–" if _is_missing(v) else v)
    return out.rename(columns={c: t(f"up_col_{c}", lang) for c in BATCH_COLUMNS})
