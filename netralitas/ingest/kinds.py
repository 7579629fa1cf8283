"""File kinds: which agency's spreadsheet a file is, told from its headers, and what a row of it means.

- the Bawaslu finding/report register (temuan/laporan: report or incident dates, origin, Bawaslu status);
- the KASN/BKN recommendation list (letter number and date, sanction, a PPK follow-up column holding
  Sudah/Belum, Sudah TL/Belum TL, a date or free text): every row is at least "rekomendasi";
- the PPK follow-up report (the sanction decree, SK hukuman disiplin): every row is at least
  "rekomendasi", and "ditindaklanjuti" unless its follow-up column says otherwise;
- the BKN block list (NIP, name, block date, perhaps the unblock date): every row is a blocked record.

The detected kind and its reason go into the import report; `import --kind` and the upload page override it.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from ..i18n import pick, t
from ..text import text_key
from .mapping import HeaderMapping, header_key
from .normalize import parse_date

REGISTER = "register"
RECOMMENDATION = "recommendation"
FOLLOW_UP = "follow-up"
BLOCK = "block"
GENERIC = "generic"
KINDS = (REGISTER, RECOMMENDATION, FOLLOW_UP, BLOCK, GENERIC)
# The source a kind implies when the analyst named none (a PPK report has no source of its own: 'other').
KIND_SOURCE = {REGISTER: "bawaslu", RECOMMENDATION: "kasn", FOLLOW_UP: "other", BLOCK: "bkn"}
STAGES = (
    "dilaporkan",
    "tidak-diregistrasi",
    "diproses",
    "bukan-pelanggaran",
    "pelanggaran",
    "rekomendasi",
    "ditindaklanjuti",
)

# Headers whose meaning depends on the kind of file (header key -> canonical column), applied where the
# general aliases (data/reference/header_aliases.csv) left the header unmapped.
KIND_HEADERS: dict[str, dict[str, str]] = {
    RECOMMENDATION: {
        "nomor surat": "case_id",
        "no surat": "case_id",
        "nomor surat rekomendasi": "case_id",
        "no surat rekomendasi": "case_id",
        "nomor rekomendasi": "case_id",
        "no rekomendasi": "case_id",
        "tanggal surat": "recommendation_date",
        "tgl surat": "recommendation_date",
        "tanggal surat rekomendasi": "recommendation_date",
    },
    FOLLOW_UP: {
        "nomor sk": "case_id",
        "no sk": "case_id",
        "nomor sk hukuman disiplin": "case_id",
        "nomor sk hukuman": "case_id",
        "tanggal sk": "follow_up_date",
        "tgl sk": "follow_up_date",
        "tanggal sk hukuman disiplin": "follow_up_date",
        "tanggal sk hukuman": "follow_up_date",
        "jenis hukuman": "sanction",
        "jenis hukuman disiplin": "sanction",
        "hukuman yang dijatuhkan": "sanction",
    },
    BLOCK: {
        "nomor blokir": "case_id",
        "no blokir": "case_id",
        "keterangan": "",
    },
}
_BLOCK_WORDS = ("blokir",)
_LETTER_WORDS = ("surat", "rekomendasi", "rekom")
_DECREE_WORDS = ("sk", "hukuman", "penjatuhan")
_FOLLOW_WORDS = ("tindak lanjut", "tl ppk")


@dataclass(frozen=True)
class Kind:
    kind: str
    chosen: bool  # the analyst chose it
    reason_id: str
    reason_en: str

    def reason(self, lang: str = "id") -> str:
        return pick(self.reason_id, self.reason_en, lang)


def _has_word(keys: list[str], words: tuple[str, ...]) -> list[str]:
    return [k for k in keys if any(w in k.split() or (" " in w and w in k) for w in words)]


def detect(headers: list[str], mapping: HeaderMapping, chosen: str | None = None) -> Kind:
    """The kind of file, from its headers and what they map to; `chosen` (from --kind or the page) wins."""
    if chosen:
        if chosen not in KINDS:
            msg = ("kind_unknown", {"kind": chosen, "kinds": ", ".join(KINDS)})
            from ..errors import FileRefused

            raise FileRefused.of(msg[0], **msg[1])
        return Kind(chosen, True, t("kind_reason_chosen", "id"), t("kind_reason_chosen", "en"))
    keys = [header_key(h) for h in headers]
    shown = {header_key(h): h for h in headers}
    mapped = set(mapping.columns.values())

    def because(key: str, found: list[str], *, chosen_kind: str) -> Kind:
        names = ", ".join(shown[k] for k in found[:3])
        return Kind(chosen_kind, False, t(key, "id", headers=names), t(key, "en", headers=names))

    block = [k for k in _has_word(keys, _BLOCK_WORDS) if k.startswith(("tanggal", "tgl", "tmt"))]
    # what only a Bawaslu register holds: how the case came in, and the report or incident date
    bawaslu = [
        k for k in keys if mapping_of(mapping, headers, k) in ("origin", "report_date", "incident_date")
    ]
    if block and not bawaslu:
        return because("kind_reason_block", block, chosen_kind=BLOCK)
    decree = [k for k in _has_word(keys, _DECREE_WORDS) if "sk" in k.split() or "hukuman" in k.split()]
    if decree and not bawaslu and "recommendation_date" not in mapped:
        return because("kind_reason_follow_up", decree, chosen_kind=FOLLOW_UP)
    letters = [k for k in _has_word(keys, _LETTER_WORDS) if k not in ("rekomendasi sanksi", "rekomendasi")]
    if "recommendation_date" in mapped:
        letters = letters or [k for k in keys if mapping_of(mapping, headers, k) == "recommendation_date"]
    follow = _has_word(keys, _FOLLOW_WORDS)
    if (letters or ("sanction" in mapped and follow)) and not bawaslu:
        return because("kind_reason_recommendation", letters or follow, chosen_kind=RECOMMENDATION)
    if bawaslu:
        return because("kind_reason_register", bawaslu, chosen_kind=REGISTER)
    return Kind(GENERIC, False, t("kind_reason_generic", "id"), t("kind_reason_generic", "en"))


def mapping_of(mapping: HeaderMapping, headers: list[str], key: str) -> str | None:
    for idx, col in mapping.columns.items():
        if header_key(headers[idx]) == key:
            return col
    return None


def header_overrides(
    kind: str, headers: list[str], mapping: HeaderMapping, given: dict[str, str]
) -> dict[str, str]:
    """Kind-specific header meanings for headers the general aliases left unmapped (the analyst's own
    overrides stay as they are)."""
    table = KIND_HEADERS.get(kind, {})
    mapped_idx = set(mapping.columns)
    used = set(mapping.columns.values())
    out = dict(given)
    for idx, header in enumerate(headers):
        target = table.get(header_key(header))
        if header in given or idx in mapped_idx or target is None:
            continue
        if target and target in used:
            continue
        out[header] = target
        if target:
            used.add(target)
    return out


def implied_source(kind: str, given: str) -> str:
    """The source of the rows: the analyst's, else the kind's (an 'other' default gives way to the kind)."""
    return KIND_SOURCE.get(kind, given) if given == "other" else given


# -- what a row of a kind says ----------------------------------------------------------------------
_DONE = ("sudah", "telah", "selesai", "dijatuhi", "dijatuhkan", "dilaksanakan", "disanksi", "ya", "done")
_NOT_YET = ("belum", "tidak", "proses", "dalam proses", "menunggu", "no")


def follow_up_status(raw: str) -> tuple[str | None, bool]:
    """(status, understood) for the value of a PPK follow-up column: Sudah / Sudah TL / a date ->
    ditindaklanjuti; Belum / Belum TL -> rekomendasi; anything else is not understood."""
    key = text_key(raw)
    if not key:
        return None, True
    words = key.split()
    if words[0] in _NOT_YET or key.startswith(_NOT_YET):
        return "rekomendasi", True
    if words[0] in _DONE or key in ("tl", "sudah tl"):
        return "ditindaklanjuti", True
    if parse_date(raw).value is not None:
        return "ditindaklanjuti", True
    return None, False


def status_code(kind: str | None, raw: str, general: str | None) -> str | None:
    """The status of one distinct value of the status column in a file of this kind: in a
    recommendation list or follow-up report that column is the PPK's follow-up."""
    if kind not in (RECOMMENDATION, FOLLOW_UP):
        return general
    status, understood = follow_up_status(raw)
    if understood and status:
        return status
    return general


def apply(con: duckdb.DuckDBPyConnection, kind: str, present: set[str]) -> None:
    """What a row means by its file's kind, on the staged rows (table staged_keyed of the staging database):
    a stage floor, the follow-up date a follow-up column holds, and the block flag."""
    con.execute("ALTER TABLE staged_keyed ADD COLUMN file_kind VARCHAR")
    con.execute("ALTER TABLE staged_keyed ADD COLUMN follow_up_unread BOOLEAN DEFAULT false")
    con.execute("UPDATE staged_keyed SET file_kind = $k", {"k": kind})
    stages = list(STAGES)
    if kind in (RECOMMENDATION, FOLLOW_UP):
        floor = "rekomendasi"
        if "status" in present:
            # a follow-up column holding a date: that date is the follow-up date
            values = [
                v
                for (v,) in con.execute(
                    "SELECT DISTINCT raw_status FROM staged_keyed WHERE raw_status IS NOT NULL"
                ).fetchall()
            ]
            rows = [(v, parse_date(v).value, follow_up_status(v)[1]) for v in values]
            con.register("m_follow", _frame(rows))
            con.execute(
                "UPDATE staged_keyed SET follow_up_date = coalesce(staged_keyed.follow_up_date, m.d), "
                "follow_up_unread = (staged_keyed.status IS NULL AND NOT m.understood) "
                "FROM m_follow m WHERE m.raw = staged_keyed.raw_status"
            )
        done_without_column = kind == FOLLOW_UP and "status" not in present
        if "status" not in present:  # staged as an untyped NULL column: give it a type to hold a stage
            con.execute("ALTER TABLE staged_keyed ALTER COLUMN status TYPE VARCHAR")
        con.execute(
            "UPDATE staged_keyed SET status = CASE WHEN $done THEN 'ditindaklanjuti' "
            "WHEN status IS NULL OR list_position($stages, status) < list_position($stages, $floor) THEN $floor "
            "ELSE status END",
            {"done": done_without_column, "stages": stages, "floor": floor},
        )
    if kind == BLOCK:
        con.execute("UPDATE staged_keyed SET record_blocked = coalesce(record_blocked, true)")
    con.execute(
        "CREATE TABLE kind_warned AS SELECT _row, 'status' AS col, raw_status AS value, $rid AS reason_id, "
        "$ren AS reason_en FROM staged_keyed WHERE follow_up_unread",
        {"rid": t("kind_follow_up_unread", "id"), "ren": t("kind_follow_up_unread", "en")},
    )


def _frame(rows: list[tuple]):
    import pandas as pd

    frame = pd.DataFrame(rows, columns=["raw", "d", "understood"])
    frame["d"] = pd.to_datetime(frame["d"]).dt.date if len(frame) else frame["d"]
    return frame.astype({"raw": "object"})


def warning_sql() -> str:
    """The warnings `apply` left (follow-up values that say neither done nor not yet: the row loads as a
    recommendation without follow-up), in the columns of rejections.warned_rows."""
    return "SELECT _row, col, value, reason_id, reason_en FROM kind_warned"
