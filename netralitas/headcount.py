"""ASN headcount per province (map: cases per 100,000 ASN) or per agency (agencies page: cases per 1,000 ASN),
uploaded and validated like a case file: every rejected row comes back with its row number, column, value
and reason, and an upload replaces only the rows of its own level, in one transaction."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pandas as pd

from . import audit, queries, style
from .errors import FileRefused
from .i18n import both, pick, t
from .ingest.normalize import clean_agency
from .ingest.read import RawTable, RowProblem, read_bytes
from .reference import region_codes
from .store import Store
from .text import text_key

LEVELS = ("province", "agency")
LEVEL_NAMES = {  # level -> (Indonesian, English) name, from the one table of strings
    "province": both("level_province"),
    "agency": both("level_agency"),
    "regency": both("level_regency"),  # IKP scores (netralitas/ikp.py) reuse the validation
}


def level_name(level: str, lang: str) -> str:
    """The level's name in the page's language: provinsi/province, instansi/agency, kabupaten/kota."""
    return pick(*LEVEL_NAMES[level], lang)


PROVINCE_HEADERS = {"provinsi", "prov", "nama provinsi", "province", "kode provinsi", "kode prov", "kode"}
AGENCY_HEADERS = {
    "instansi",
    "nama instansi",
    "instansi induk",
    "agency",
    "agency name",
    "unit kerja",
    "nama unit kerja",
    "satuan kerja",
    "satker",
    "nama satker",
    "opd",
    "nama opd",
    "perangkat daerah",
    "k l pd",
    "klpd",
}
# In order of preference: a file with "Jumlah PNS", "Jumlah PPPK" and "Jumlah ASN" is counted by the last.
COUNT_HEADERS = (
    "jumlah asn",
    "total asn",
    "jml asn",
    "asn",
    "jumlah pns dan pppk",
    "pns dan pppk",
    "pns pppk",
    "jumlah pegawai",
    "total pegawai",
    "jml pegawai",
    "headcount",
    "asn count",
    "employees",
    "jumlah",
    "total",
)
# More than all of Indonesia's ASN (about 4.4 million in 2024): a typing error, not a headcount.
MAX_COUNT = 10_000_000
# The agencies page shows cases per 1,000 ASN (queries/agencies.sql, cases_per_1000_asn): an agency has tens to
# a few thousand ASN, so "per 1,000" stays within its own size; a rate per 100,000 (the map's, for provinces)
# would describe an office a hundred times larger than most are.

_COUNT = re.compile(r"(\d{1,3}(?:([.,])\d{3})*|\d+)(?:([.,])0+)?")


@dataclass
class HeadcountReport:
    level: str
    rows_read: int
    rows_loaded: int  # rows that load (in a dry run: would load)
    errors: list[RowProblem] = field(default_factory=list)
    name_column: str = ""
    count_column: str = ""
    matched: int = 0  # loaded names that meet the cases (agencies by cleaned name, provinces by code)
    unmatched: list[str] = field(default_factory=list)  # loaded names no case mentions (not an error)
    replaced: int = 0  # rows of this level stored before, which this upload replaces
    dry_run: bool = False

    @property
    def rows_rejected(self) -> int:
        return len({e.row for e in self.errors})


def parse_count(value: object) -> int | None:
    """A whole number as headcount files write it: 250000, 250.000, 250,000, 250 000, 250000.0, 12.000,00.
    None for anything else (1.5, -3, 'banyak')."""
    text = re.sub(r"\s", "", str(value or ""))
    m = _COUNT.fullmatch(text)
    if not m or (m[2] and m[3] == m[2]):
        return None
    return int(m[1].replace(".", "").replace(",", ""))


def detect_columns(headers: list[str], level: str | None = None) -> tuple[str, int, int]:
    """(level, name column, count column) from a file's headers. Without a level, an agency column makes it
    an agency file (it may also name the province), else a province column a province file."""
    keys = [text_key(h) for h in headers]
    found = {
        "agency": next((i for i, k in enumerate(keys) if k in AGENCY_HEADERS), None),
        "province": next((i for i, k in enumerate(keys) if k in PROVINCE_HEADERS), None),
    }
    count = next((keys.index(c) for c in COUNT_HEADERS if c in keys), None)
    chosen = level or ("agency" if found["agency"] is not None else "province")
    column = found[chosen]
    if column is None or count is None:
        wanted = {None: "hc_columns_either", "province": "hc_columns_province", "agency": "hc_columns_agency"}
        raise FileRefused.of(wanted[level], headers=", ".join(headers[:12]))
    return chosen, column, count


def import_headcount(
    store: Store,
    data: bytes,
    user: str,
    dry_run: bool = False,
    level: str | None = None,
    sheet: str | None = None,
) -> HeadcountReport:
    """Check a headcount file and, unless dry_run, replace the stored headcounts of its level (detected from
    the headers unless given) with the rows that pass; the rest come back as errors with their row."""
    raw = read_bytes(data, sheet)
    level, name_col, count_col = detect_columns(raw.headers, level)
    good, errors = _validate(raw, level, name_col, count_col)
    meets = queries.run(store, "headcount_matches", params={"level": level, "names": list(good)})
    unmatched = [n for n, ok in zip(meets["name"], meets["matched"], strict=True) if not ok]
    status = headcount_status(store)
    report = HeadcountReport(
        level=level,
        rows_read=raw.rows,
        rows_loaded=len(good),
        errors=sorted(errors, key=lambda e: e.row),
        name_column=raw.headers[name_col],
        count_column=raw.headers[count_col],
        matched=len(good) - len(unmatched),
        unmatched=sorted(unmatched),
        replaced=int(status.get(level, {}).get("rows", 0)),
        dry_run=dry_run,
    )
    if dry_run or not good:
        return report
    now = datetime.now()
    with store.transaction() as con:
        con.execute("DELETE FROM headcount WHERE level = $level", {"level": level})
        con.executemany(
            "INSERT INTO headcount VALUES ($level, $code, $n, $at)",
            [{"level": level, "code": code, "n": n, "at": now} for code, n in good.items()],
        )
        audit.record(
            con,
            user,
            "setting",
            f"jumlah ASN untuk {len(good)} {LEVEL_NAMES[level][0]} diunggah "
            f"({report.rows_rejected} baris ditolak, {report.replaced} baris lama diganti)",
            at=now,
        )
    return report


def _validate(raw: RawTable, level: str, name_col: int, count_col: int) -> tuple[dict[str, int], list]:
    """The rows that load ({province code or cleaned agency name: count}) and the problems of the others."""
    return validate_rows(raw, level, name_col, count_col, _check_count)


def _check_count(value: object) -> tuple[int | None, str, str]:
    """A headcount cell: (count, '', '') or (None, reason in Indonesian, reason in English)."""
    n = parse_count(value)
    if n is None or n <= 0:
        return None, "jumlah harus bilangan bulat positif", "the count must be a positive whole number"
    if n > MAX_COUNT:
        return (
            None,
            f"jumlah melebihi {MAX_COUNT:,} (lebih dari seluruh ASN Indonesia)".replace(",", "."),
            f"the count exceeds {MAX_COUNT:,} (more than all of Indonesia's ASN)",
        )
    return n, "", ""


def resolve_name(level: str, name: object) -> tuple[str | None, str, str, str]:
    """(code, duplicate key, reason id, reason en) for a name column's cell: a province or regency code
    (names, abbreviations and codes as case files write them), or a cleaned agency name."""
    if level == "agency":
        code = clean_agency(str(name))[0] or ""
        return code, text_key(code), "", ""
    codes = region_codes(level, name)
    if len(codes) == 1:
        return codes[0], codes[0], "", ""
    if level == "province":
        return None, "", *both("hc_unknown_province", name=name)
    if codes:
        listed = ", ".join(codes)
        return None, "", *both("hc_ambiguous_regency", name=name, codes=listed)
    return None, "", *both("hc_unknown_regency", name=name)


def validate_rows(
    raw: RawTable,
    level: str,
    name_col: int,
    value_col: int,
    check: Callable[[object], tuple[Any, str, str]],
) -> tuple[dict[str, Any], list[RowProblem]]:
    """Row-by-row validation of a two-column file (a region or agency, and one value per row), shared by
    the headcounts and the IKP scores: {code: value} for the rows that load, and for every other row its
    row number, column, value and reason. `check(cell)` returns (value, '', '') or (None, reason id, en)."""
    names = raw.table[f"c{name_col}"].to_pylist()
    values = raw.table[f"c{value_col}"].to_pylist()
    rows = raw.table["_row"].to_pylist()
    name_header, value_header = raw.headers[name_col], raw.headers[value_col]
    what_id, what_en = LEVEL_NAMES[level]
    good: dict[str, Any] = {}
    first_row: dict[str, tuple[int, str]] = {}  # duplicate key -> (row, stored name)
    errors: list[RowProblem] = list(raw.problems)

    def problem(row: int, column: str, value: object, reason_id: str, reason_en: str) -> None:
        errors.append(RowProblem(row, column, "" if value is None else str(value), reason_id, reason_en))

    for row, name, cell in zip(rows, names, values, strict=True):
        if not str(name or "").strip():
            problem(
                row,
                name_header,
                name,
                t("hc_name_empty", "id", what=what_id),
                t("hc_name_empty", "en", what=what_en),
            )
            continue
        code, dup_key, why_id, why_en = resolve_name(level, name)
        if code is None:
            problem(row, name_header, name, why_id, why_en)
            continue
        value, why_id, why_en = check(cell)
        if value is None:
            problem(row, value_header, cell, why_id, why_en)
        elif dup_key in first_row:
            earlier, stored = first_row[dup_key]
            problem(
                row,
                name_header,
                name,
                t("hc_twice", "id", what=what_id, row=earlier, stored=stored),
                t("hc_twice", "en", what=what_en, row=earlier, stored=stored),
            )
        else:
            first_row[dup_key] = (row, code)
            good[code] = value
    return good, errors


def headcount_status(store: Store) -> dict[str, dict]:
    """Per level: how many rows are stored, and when they were last replaced."""
    frame = queries.run(store, "headcount_status")
    return {
        lvl: {"rows": int(n), "updated_at": at}
        for lvl, n, at in zip(frame["level"], frame["rows"], frame["updated_at"], strict=True)
    }


def rank_agencies(league: pd.DataFrame, by: str = "cases", top: int = 500) -> pd.DataFrame:
    """The agencies league ordered by cases, or by cases per 1,000 ASN (agencies without a headcount last)."""
    if by == "cases" or league.empty:
        return league.head(top)
    ordered = league.sort_values(
        ["cases_per_1000_asn", "cases", "key"], ascending=[False, False, True], na_position="last"
    )
    return ordered.head(top).reset_index(drop=True)


def fmt_rate(value: float | None, lang: str = "id") -> str | None:
    """Cases per 1,000 ASN as people read it: one decimal, two below 1 (a ministry's 0,13 is not 0,1);
    None when there is no headcount, for the caller to say 'tidak diketahui'."""
    if value is None or pd.isna(value):
        return None
    return style.fmt_num(float(value), lang, 2 if value < 1 else 1)
