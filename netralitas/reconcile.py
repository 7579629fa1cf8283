"""Records and cases for people: the review page's proposals and decisions, a case's timeline across
agencies, the data-quality list of disagreements and the median days between agencies' steps, labelled
and masked by role (the SQL is in queries/; linking.py decides what is a case)."""

from __future__ import annotations

from datetime import date

import pandas as pd
from pandas.api.typing import NaTType

from . import linking
from .i18n import t
from .privacy import protect
from .reference import UNKNOWN, province_label, vocabulary
from .store import Store
from .style import fmt_date

STEPS = ("finding", "recommendation", "follow_up", "block", "unblock")
ISSUES = {
    "not_violation": "quality_not_violation",
    "sanctions": "quality_sanctions",
    "block_without_recommendation": "quality_block",
}


def decide_link(store: Store, key_a: str, key_b: str, accept: bool, user: str) -> int:
    """Accept or reject one proposed link (stored, audited; cases rebuilt in the same transaction)."""
    with store.transaction() as con:
        return linking.decide(con, key_a, key_b, accept, user)


def undo_link(store: Store, decision_id: int, user: str) -> None:
    with store.transaction() as con:
        linking.undo_decision(con, decision_id, user)


def _date(value: date | NaTType | None, lang: str) -> str:
    """A date cell of the review table (a Timestamp, or NaT or None where a side has no date)."""
    return "–" if value is None or pd.isna(value) else fmt_date(pd.Timestamp(value).date(), lang)


def _masked_pair(frame: pd.DataFrame, side: str, role: str, presenter: bool) -> pd.DataFrame:
    part = frame[[f"employee_name_{side}", f"nip_{side}"]].rename(
        columns={f"employee_name_{side}": "employee_name", f"nip_{side}": "nip"}
    )
    return protect(part, role, presenter)


def proposals_table(frame: pd.DataFrame, lang: str, role: str, presenter: bool = False) -> pd.DataFrame:
    """Proposed links with their evidence, both records side by side (personal data as the role may see)."""
    vocab = vocabulary()
    unknown = UNKNOWN[lang]
    out = pd.DataFrame(
        {
            t("links_score", lang): frame["score"],
            t("links_name_score", lang): frame["name_score"],
            t("links_same_regency", lang): frame["same_regency"].map(
                lambda v: unknown if v is None or pd.isna(v) else t("yes" if v else "no", lang)
            ),
            t("links_agency_score", lang): frame["agency_score"].map(lambda v: unknown if pd.isna(v) else v),
            t("links_days_apart", lang): frame["days_apart"],
        }
    )
    for side in ("a", "b"):
        label = t("links_record", lang, side=side.upper())
        masked = _masked_pair(frame, side, role, presenter)
        out[f"{label}: {t('f_source', lang)}"] = [
            vocab.label("source", s, lang) for s in frame[f"source_{side}"]
        ]
        out[f"{label}: no."] = frame[f"case_id_{side}"]
        out[f"{label}: {t('col_name', lang)}"] = masked["employee_name"].fillna(unknown)
        out[f"{label}: NIP"] = masked["nip"].fillna(unknown)
        out[f"{label}: {t('f_agency', lang)}"] = frame[f"agency_{side}"].fillna(unknown)
        out[f"{label}: {t('timeline_date', lang)}"] = [_date(d, lang) for d in frame[f"date_{side}"]]
    return out


def timeline_table(frame: pd.DataFrame, lang: str, role: str, presenter: bool = False) -> pd.DataFrame:
    """A case's steps across agencies: step, date, source and the record's number; names masked by role."""
    vocab = vocabulary()
    unknown = UNKNOWN[lang]
    masked = protect(frame, role, presenter)
    return pd.DataFrame(
        {
            t("timeline_step", lang): [t(f"step_{s}", lang) for s in frame["step"]],
            t("timeline_date", lang): [_date(d, lang) for d in frame["day"]],
            t("timeline_source", lang): [vocab.label("source", s, lang) for s in frame["source"]],
            "No.": frame["case_id"],
            t("f_status", lang): [
                unknown if pd.isna(s) else vocab.label("status", s, lang) for s in frame["status"]
            ],
            t("col_sanction", lang): [
                unknown if pd.isna(s) else vocab.label("sanction", s, lang) for s in frame["sanction"]
            ],
            t("col_name", lang): masked["employee_name"].fillna(unknown),
            "NIP": masked["nip"].fillna(unknown),
        }
    )


def quality_table(frame: pd.DataFrame, lang: str, role: str, presenter: bool = False) -> pd.DataFrame:
    """The data-quality list: the issue, the case and what the sources said."""
    unknown = UNKNOWN[lang]
    masked = protect(frame, role, presenter)
    return pd.DataFrame(
        {
            t("quality_issue", lang): [t(ISSUES[i], lang) for i in frame["issue"]],
            "No.": frame["case_id"],
            t("f_province", lang): [province_label(p, lang) for p in frame["province_code"]],
            t("f_agency", lang): frame["agency"].fillna(unknown),
            t("col_name", lang): masked["employee_name"].fillna(unknown),
            "NIP": masked["nip"].fillna(unknown),
            t("col_sanction", lang): frame["sanctions_seen"].fillna(""),
        }
    )


def lags_table(frame: pd.DataFrame, by: str, lang: str) -> pd.DataFrame:
    """Median days between steps per agency or province, labelled; '–' where no case has both steps."""
    unknown = UNKNOWN[lang]
    keys = (
        [province_label(k, lang) for k in frame["key"]]
        if by == "province"
        else [k or unknown for k in frame["key"]]
    )

    def days(col: str) -> list:
        return ["–" if pd.isna(v) else f"{float(v):.0f}" for v in frame[col]]

    return pd.DataFrame(
        {
            t("f_province" if by == "province" else "f_agency", lang): keys,
            t("cases", lang): frame["cases"],
            t("lag_report_rec", lang): days("report_to_recommendation"),
            t("lag_rec_fu", lang): days("recommendation_to_follow_up"),
            t("lag_rec_block", lang): days("recommendation_to_block"),
        }
    )
