"""What is wrong with the staged rows: the rejected rows (not loaded), the warnings on loaded ones, the
unknown places a user can assign, and those findings as the report shows them. The reasons' wording is
bound as parameters from the one table of strings, never formatted into the SQL."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from ..i18n import t
from ..reference import FIELDS
from . import kinds
from .mapping import DATE_COLUMNS
from .read import RowProblem
from .stage import Stager

# Warnings listed one by one in the report; the total is reported in full.
MAX_WARNINGS = 2000


def reason_sql(key: str, params: dict[str, str], **fills: str) -> str:
    """The two reason columns (Indonesian, English) of i18n key as bound parameters, each {placeholder}
    filled in SQL from the expression given for it: the wording stays in the one table of strings."""
    columns = []
    for lang in ("id", "en"):
        name = f"{key}_{lang}"
        params[name] = t(key, lang)
        expr = f"${name}"
        for placeholder, sql in fills.items():
            expr = f"replace({expr}, '{{{placeholder}}}', CAST({sql} AS VARCHAR))"
        columns.append(expr)
    return ", ".join(columns)


def rejected_rows(stager: Stager) -> pd.DataFrame:
    """The rows that cannot be loaded (table `rejected`), one line per problem, in file order."""
    params: dict[str, str] = {}
    parts = [
        "SELECT _row, 'location' AS col, raw_location AS value, loc_err_id AS reason_id, loc_err_en AS reason_en "
        "FROM staged_keyed WHERE loc_err_id IS NOT NULL"
    ]
    for c in DATE_COLUMNS:
        if c in stager.present:
            parts.append(
                f"SELECT _row, '{c}', raw_{c}, {c}_err_id, {c}_err_en FROM staged_keyed WHERE {c}_err_id IS NOT NULL"
            )
    date_errs = " OR ".join(f"{c}_err_id IS NOT NULL" for c in DATE_COLUMNS)
    parts.append(
        f"SELECT _row, 'date', '', {reason_sql('imp_no_date', params)} "
        f"FROM staged_keyed WHERE case_date IS NULL AND NOT ({date_errs})"
    )
    stager.con.execute(
        "CREATE TABLE rejected (_row INTEGER, col VARCHAR, value VARCHAR, reason_id VARCHAR, reason_en VARCHAR)"
    )
    stager.con.execute(f"INSERT INTO rejected {' UNION ALL '.join(parts)}", params)
    params = {}
    stager.con.execute(
        f"""
        INSERT INTO rejected
        SELECT _row, 'case_id', case_id, {reason_sql("imp_duplicate_row", params, row="first_row")}
        FROM (SELECT _row, case_id, case_key,
                     first_value(_row) OVER (PARTITION BY case_key ORDER BY _row) AS first_row,
                     row_number() OVER (PARTITION BY case_key ORDER BY _row) AS n
              FROM staged_keyed WHERE _row NOT IN (SELECT _row FROM rejected))
        WHERE n > 1
        """,
        params,
    )
    return stager.con.execute(
        "SELECT _row AS row_no, col, value, reason_id, reason_en FROM rejected ORDER BY _row, col"
    ).df()


def warned_rows(stager: Stager) -> pd.DataFrame:
    """The loadable rows' problems worth a warning (table `warned`), rejected rows left out."""
    params: dict[str, str] = {}
    parts = []
    for f in FIELDS:
        if f in stager.present:
            parts.append(
                f"SELECT _row, '{f}' AS col, raw_{f} AS value, {reason_sql('imp_unknown_value', params)} "
                f"FROM staged_keyed WHERE {f} IS NULL AND raw_{f} IS NOT NULL"
            )
    parts.append(
        "SELECT _row, 'regency', raw_location, loc_warn_id, loc_warn_en FROM staged_keyed WHERE loc_warn_id IS NOT NULL"
    )
    parts.append(kinds.warning_sql())
    if "election" in stager.present:
        parts.append(
            f"SELECT _row, 'election', raw_election, {reason_sql('imp_unknown_election', params)} "
            "FROM staged_keyed WHERE election_given IS NULL AND raw_election IS NOT NULL"
        )
    parts.append(
        "SELECT _row, 'election', CAST(phase_date AS VARCHAR), "
        f"{reason_sql('imp_election_undecided', params, candidates='election_candidates')} FROM staged_keyed "
        "WHERE election_code IS NULL AND raw_election IS NULL AND phase_date IS NOT NULL"
    )
    parts.append(
        "SELECT _row, 'phase', CAST(phase_date AS VARCHAR), "
        f"{reason_sql('imp_outside_calendar', params, election='election_code')} FROM staged_keyed "
        "WHERE phase_code IS NULL AND raw_phase IS NULL AND election_code IS NOT NULL AND phase_date IS NOT NULL"
    )
    if "nip" in stager.present:
        for key in ("imp_nip_excel", "imp_nip_not_18"):
            params |= {f"{key}_{lang}": t(key, lang) for lang in ("id", "en")}
        parts.append(
            "SELECT _row, 'nip', raw_nip, CASE WHEN raw_nip LIKE '%~' THEN $imp_nip_excel_id "
            "ELSE $imp_nip_not_18_id END, CASE WHEN raw_nip LIKE '%~' THEN $imp_nip_excel_en "
            "ELSE $imp_nip_not_18_en END FROM staged_keyed WHERE raw_nip IS NOT NULL AND nip IS NULL"
        )
    if "record_blocked" in stager.present:
        parts.append(
            f"SELECT _row, 'record_blocked', raw_record_blocked, {reason_sql('imp_unknown_value', params)} "
            "FROM staged_keyed WHERE record_blocked IS NULL AND raw_record_blocked IS NOT NULL"
        )
    stager.con.execute(
        "CREATE TABLE warned (_row INTEGER, col VARCHAR, value VARCHAR, reason_id VARCHAR, reason_en VARCHAR)"
    )
    stager.con.execute(f"INSERT INTO warned {' UNION ALL '.join(parts)}", params)
    return stager.con.execute(
        "SELECT _row AS row_no, col, value, reason_id, reason_en FROM warned "
        "WHERE _row NOT IN (SELECT _row FROM rejected) ORDER BY _row, col"
    ).df()


def unknown_places(stager: Stager) -> list[dict]:
    """Province and regency spellings behind rejected locations, with their row counts: what the
    upload page lets the user assign to a code."""
    frame = stager.con.execute(
        "SELECT 'province' AS field, raw_province AS value, count(*) AS n, list(_row ORDER BY _row)[1:20] AS rows "
        "FROM staged_keyed WHERE loc_err_id IS NOT NULL AND raw_province IS NOT NULL AND raw_regency IS NULL GROUP BY ALL "
        "UNION ALL SELECT 'regency', raw_regency, count(*), list(_row ORDER BY _row)[1:20] "
        "FROM staged_keyed WHERE loc_err_id IS NOT NULL AND raw_regency IS NOT NULL GROUP BY ALL ORDER BY 3 DESC"
    ).fetchall()
    return [
        {
            "field": f,
            "column": stager.header(f),
            "value": v,
            "count": int(n),
            "rows": [int(r) for r in rows],
        }
        for f, v, n, rows in frame
    ]


def problems(frame: pd.DataFrame, headers: dict[str, str]) -> list[RowProblem]:
    """The rows of a rejected or warned frame as problems, each column shown by its header in the file."""
    # namedtuples of the rejections table (row_no, col, value, reason_id, reason_en); the stubs cannot type them
    rows: Iterable[Any] = frame.itertuples(index=False)
    return [
        RowProblem(
            int(r.row_no),
            headers.get(r.col, r.col),
            "" if r.value is None else str(r.value),
            r.reason_id,
            r.reason_en,
        )
        for r in rows
    ]


def _first_rows(rows: pd.Series) -> list:
    return list(rows[:20])


def unmapped(frame: pd.DataFrame, headers: dict[str, str]) -> list[dict]:
    """The warned values grouped by column and value, most frequent first, with their first rows."""
    if frame.empty:
        return []
    grouped = frame.groupby(["col", "value"], dropna=False)["row_no"].agg(["count", _first_rows])
    out = [
        {
            "field": col,
            "column": headers.get(col, col),
            "value": value,
            "count": int(n),
            "rows": [int(x) for x in rows],
        }
        for (col, value), (n, rows) in zip(grouped.index, grouped.itertuples(index=False), strict=True)
    ]
    return sorted(out, key=lambda d: -d["count"])


def repeat_warnings(repeats: list[dict], headers: dict[str, str]) -> list[RowProblem]:
    """One warning per group of identical rows the file holds fewer of than the store, at its first row."""
    return [
        RowProblem(g["rows"][0], headers.get("case_id", "case_id"), "", g["reason_id"], g["reason_en"])
        for g in repeats
    ]
