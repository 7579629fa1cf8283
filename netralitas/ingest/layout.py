"""Report-style layouts: a header over one or two rows, merged cells, and the rows that are not data
(blank separators, subtotals, totals, notes), for CSV and workbooks alike.

- Header: the first rows are scanned for the row with the most recognised column names; the row above
  or below joins it when the two together name more columns ("Tanggal" over "Laporan | Rekomendasi",
  "Terlapor" over "Nama | NIP", "Wilayah" over "Provinsi | Kab/Kota"). The analyst may also choose the
  row and the depth.
- Merged cells (workbooks whose reader exposes them) are filled only within their merged range.
- Rows that are not data are skipped and listed with their row number and reason; they are not rejected.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from ..i18n import pick, t
from ..reference import header_aliases
from ..text import text_key
from .dates import parse_date
from .mapping import header_key

# Group headers that only qualify the names under them: "Provinsi" under "Wilayah" is the province.
# Under any other group ("Pelapor" over "Nama") the combined name is kept, and maps only if it is known.
GROUP_WORDS = {
    "wilayah",
    "lokasi",
    "daerah",
    "tempat",
    "tempat kejadian",
    "lokasi kejadian",
    "identitas",
    "identitas terlapor",
    "data terlapor",
    "asn terlapor",
    "terlapor",
    "data",
    "tanggal",
    "tgl",
    "waktu",
    "keterangan",
    "uraian",
    "kasus",
    "data kasus",
    "penanganan",
    "hasil penanganan",
}
# Rows that are not data, recognised by their first filled cell (RE2 syntax, applied by pyarrow).
TOTAL_LABEL = r"^\s*(sub\s*-?\s*total|subtotal|grand\s*total|total|jumlah|rekap(itulasi)?\s+jumlah)\b"
NOTE_LABEL = r"^\s*(keterangan|ket|sumber|catatan|nb|n\.b|note|notes|source)\b[^:]{0,30}:"
MAX_SKIPPED_LISTED = 2000


def _known(name: str) -> bool:
    aliases = header_aliases()
    return header_key(name) in aliases or text_key(name) in aliases


def combine_pair(upper: str, lower: str) -> str:
    """One column's name from a two-row header."""
    u, low = upper.strip(), lower.strip()
    if not low or text_key(u) == text_key(low):
        return u
    if not u:
        return low
    for name in (f"{u} {low}", f"{low} {u}"):
        if _known(name):
            return name
    if text_key(u) in GROUP_WORDS:
        return f"{low} ({u})"  # header_key drops the note in parentheses: maps as the sub-header
    return f"{u} {low}"


def combine_rows(upper: list[str], lower: list[str]) -> list[str]:
    width = max(len(upper), len(lower))
    upper = upper + [""] * (width - len(upper))
    lower = lower + [""] * (width - len(lower))
    return [combine_pair(u, low) for u, low in zip(upper, lower, strict=True)]


def carry_group_cells(upper: list[str], lower: list[str]) -> list[str]:
    """A CSV has no merge information: a group cell of a two-row header is carried right over the blank
    cells of its row that have a name below them (how a merged group cell is exported), header only."""
    out, current = [], ""
    for i, u in enumerate(upper):
        if u.strip():
            current = u
            out.append(u)
        else:
            out.append(current if i < len(lower) and lower[i].strip() and current else "")
    return out


def known_count(cells: list[str]) -> int:
    return sum(1 for c in cells if c.strip() and _known(c))


def _may_be_sub_header(cells: list[str]) -> bool:
    """Whether a row can be the lower row of a two-row header: it names at least two known columns and
    holds no date. A first data row must never be taken for a header (it would be lost without a word)."""
    return known_count(cells) >= 2 and not any(parse_date(c).value for c in cells if c.strip())


@dataclass(frozen=True)
class HeaderChoice:
    index: int  # 0-based row of the (upper) header row in the rows given
    depth: int  # 1 or 2
    names: list[str]


def choose_header(
    rows: list[list[str]],
    found: int,
    forced_row: int | None = None,
    forced_depth: int | None = None,
    carry: bool = False,
) -> HeaderChoice:
    """The header among the first rows. found is the single-row guess (read.find_header); a two-row header
    replaces it when it names more columns. forced_row (0-based) and forced_depth are the analyst's choice.
    carry: CSV (carry group cells right, see carry_group_cells)."""

    def names(i: int, depth: int) -> list[str]:
        if depth == 1 or i + 1 >= len(rows):
            return list(rows[i])
        upper = carry_group_cells(rows[i], rows[i + 1]) if carry else rows[i]
        return combine_rows(upper, rows[i + 1])

    if forced_row is not None:
        depth = forced_depth or 1
        return HeaderChoice(forced_row, depth, names(forced_row, depth))
    options = [(found, 1)]
    if found + 1 < len(rows) and _may_be_sub_header(rows[found + 1]):
        options.append((found, 2))
    if found > 0 and _may_be_sub_header(rows[found]):
        options.append((found - 1, 2))
    if forced_depth:
        options = [(i, d) for i, d in options if d == forced_depth] or [(found, forced_depth)]
    best = max(options, key=lambda o: (known_count(names(*o)), -o[1]))
    return HeaderChoice(best[0], best[1], names(*best))


# -- merged cells ---------------------------------------------------------------------------------
class MergeFiller:
    """Fills each merged range with its top-left value, row by row as a sheet is streamed; never beyond
    the range. Ranges are ((first_row, first_col), (last_row, last_col)), 0-based, in sheet coordinates."""

    def __init__(self, ranges: list[tuple[tuple[int, int], tuple[int, int]]], col_offset: int = 0):
        self.by_row: dict[int, list[tuple[int, int, int]]] = {}
        for (r0, c0), (r1, c1) in ranges:
            if (r1, c1) == (r0, c0):
                continue
            for r in range(r0, r1 + 1):
                self.by_row.setdefault(r, []).append((r0, c0 - col_offset, c1 - col_offset))
        self.values: dict[tuple[int, int], str] = {}

    def fill(self, row_index: int, cells: list[str]) -> list[str]:
        spans = self.by_row.get(row_index)
        if not spans:
            return cells
        cells = list(cells)
        for r0, c0, c1 in spans:
            if c0 < 0:
                continue
            if r0 == row_index:
                self.values[(r0, c0)] = cells[c0] if c0 < len(cells) else ""
            value = self.values.get((r0, c0), "")
            if c1 >= len(cells):
                cells.extend([""] * (c1 + 1 - len(cells)))
            for c in range(c0, c1 + 1):
                cells[c] = value
        if row_index + 1 not in self.by_row:
            self.values = {k: v for k, v in self.values.items() if k[0] > row_index}
        return cells

    def rows(self, rows: Iterator[tuple[int, list[str]]]) -> Iterator[tuple[int, list[str]]]:
        for i, cells in rows:
            yield i, self.fill(i, cells)


# -- rows that are not data -----------------------------------------------------------------------
def split_skipped(table: pa.Table, names: list[str]) -> tuple[pa.Table, list[dict], int]:
    """(data rows, skipped rows listed {row, reason_id, reason_en}, number skipped). A row is skipped when
    it is blank (blank rows after the last filled row are the sheet's end, not listed), or its first filled
    cell is a total/subtotal label or a note ("Keterangan: …", "Sumber: …"). Vectorised: only the
    columns up to each row's first filled cell are examined, usually one."""
    if table.num_rows == 0 or not names:
        return table, [], 0
    undecided = None
    total = note = None
    first_text = None
    for n in names:
        col = table[n]
        filled = pc.greater(pc.utf8_length(pc.utf8_trim_whitespace(col)), 0)
        is_total = pc.and_(filled, pc.match_substring_regex(col, TOTAL_LABEL, ignore_case=True))
        is_note = pc.and_(filled, pc.match_substring_regex(col, NOTE_LABEL, ignore_case=True))
        if undecided is None:
            total, note, first_text = is_total, is_note, col
            undecided = pc.invert(filled)
        else:
            total = pc.or_(total, pc.and_(undecided, is_total))
            note = pc.or_(note, pc.and_(undecided, is_note))
            first_text = pc.if_else(undecided, col, first_text)
            undecided = pc.and_(undecided, pc.invert(filled))
        if not pc.any(undecided).as_py():
            break
    blank = undecided
    skip = pc.or_(pc.or_(total, note), blank)
    if not pc.any(skip).as_py():
        return table, [], 0
    filled_rows = pc.indices_nonzero(pc.invert(blank))
    last_filled = filled_rows[-1].as_py() if len(filled_rows) else -1
    idx = pc.indices_nonzero(skip)
    # trailing blank rows are the end of the sheet: neither listed nor counted
    idx = idx.filter(pc.less_equal(idx, last_filled))
    counted = len(idx)
    shown = idx[:MAX_SKIPPED_LISTED]
    listed: list[dict] = []
    for row, is_total, is_note, text in zip(
        pc.take(table["_row"], shown).to_pylist(),
        pc.take(total, shown).to_pylist(),
        pc.take(note, shown).to_pylist(),
        pc.take(first_text, shown).to_pylist(),
        strict=True,
    ):
        label = (text or "").strip()[:80]
        key = "imp_skip_total" if is_total else "imp_skip_note" if is_note else "imp_skip_blank"
        listed.append(
            {"row": int(row), "reason_id": t(key, "id", label=label), "reason_en": t(key, "en", label=label)}
        )
    return table.filter(pc.invert(skip)), listed, counted


def skipped_as_dicts(skipped: list[dict], lang: str = "id") -> list[dict]:
    return [{"row": s["row"], "reason": pick(s["reason_id"], s["reason_en"], lang)} for s in skipped]
