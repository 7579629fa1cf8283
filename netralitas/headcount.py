"""ASN headcount per province (for cases per 100,000 ASN), uploaded and validated like a case file."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .errors import FileRefused
from .ingest.read import RowProblem, read_bytes
from .reference import region_codes
from .store import Store
from .text import text_key

PROVINCE_HEADERS = {"provinsi", "prov", "nama provinsi", "province", "kode provinsi", "kode"}
COUNT_HEADERS = {"jumlah asn", "asn", "jumlah pegawai", "jumlah", "total asn", "headcount", "pns dan pppk"}


@dataclass
class HeadcountReport:
    rows_read: int
    rows_loaded: int
    errors: list[RowProblem] = field(default_factory=list)


def import_headcount(store: Store, data: bytes, user: str, dry_run: bool = False) -> HeadcountReport:
    """Replace the province headcounts with a file's; rows that do not map are rejected with their row."""
    raw = read_bytes(data)
    keys = [text_key(h) for h in raw.headers]
    try:
        p_col = next(i for i, k in enumerate(keys) if k in PROVINCE_HEADERS)
        n_col = next(i for i, k in enumerate(keys) if k in COUNT_HEADERS)
    except StopIteration:
        raise FileRefused(
            "Berkas jumlah ASN perlu kolom Provinsi dan Jumlah ASN.",
            "A headcount file needs a Provinsi and a Jumlah ASN column.",
        ) from None
    provinces, counts, rows = (
        raw.table[f"c{p_col}"].to_pylist(),
        raw.table[f"c{n_col}"].to_pylist(),
        raw.table["_row"].to_pylist(),
    )
    good: dict[str, int] = {}
    errors: list[RowProblem] = list(raw.problems)
    for row, prov, count in zip(rows, provinces, counts, strict=True):
        codes = region_codes("province", prov)
        digits = str(count).replace(".", "").replace(",", "").replace(" ", "")
        if len(codes) != 1:
            errors.append(
                RowProblem(
                    row,
                    raw.headers[p_col],
                    prov,
                    f"provinsi tidak dikenal: {prov}",
                    f"unknown province: {prov}",
                )
            )
        elif not digits.isdigit() or int(digits) <= 0:
            errors.append(
                RowProblem(
                    row,
                    raw.headers[n_col],
                    str(count),
                    "jumlah harus bilangan bulat positif",
                    "the count must be a positive whole number",
                )
            )
        elif codes[0] in good:
            errors.append(
                RowProblem(
                    row,
                    raw.headers[p_col],
                    prov,
                    "provinsi ganda dalam berkas",
                    "the province appears twice in the file",
                )
            )
        else:
            good[codes[0]] = int(digits)
    if not dry_run and good:
        with store.transaction() as con:
            con.execute("DELETE FROM headcount WHERE level = 'province'")
            for code, n in good.items():
                con.execute("INSERT INTO headcount VALUES ('province', ?, ?, ?)", [code, n, datetime.now()])
            con.execute(
                "INSERT INTO audit_log VALUES (?, ?, 'setting', ?, NULL)",
                [datetime.now(), user, f"jumlah ASN untuk {len(good)} provinsi diunggah"],
            )
    return HeadcountReport(raw.rows, len(good), sorted(errors, key=lambda e: e.row))
