"""Read CSV and spreadsheet files into a table of strings, with the row numbers the user sees.

Files are checked by content, never by extension: a ZIP with xl/workbook.xml is a workbook, an OLE2
container is an old .xls, text is CSV (encoding and delimiter detected), anything else is refused.
"""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
from charset_normalizer import from_bytes

from .. import config, controlchars
from ..errors import FileRefused
from ..i18n import both, pick
from ..reference import header_aliases
from ..text import text_key
from . import limits
from .layout import MergeFiller, choose_header, split_skipped

DELIMITERS = (",", ";", "\t", "|")
HEADER_SCAN_ROWS = 30


@dataclass
class RowProblem:
    row: int
    column: str
    value: str
    reason_id: str
    reason_en: str

    def as_dict(self, lang: str = "id") -> dict:
        return {
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "reason": pick(self.reason_id, self.reason_en, lang),
        }


@dataclass
class RawTable:
    """What a file holds, as text: columns c0..cN, plus _row (the row number as seen in the file)."""

    table: pa.Table
    headers: list[str]
    header_row: int
    kind: str
    checksum: str
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    header_rows: int = 1  # a two-row header: header_row is its upper row
    skipped: list[dict] = field(default_factory=list)  # rows that are not data: {row, reason_id, reason_en}
    rows_skipped: int = 0
    first_rows: list[list[str]] = field(default_factory=list)  # as stored, for choosing the header row

    @property
    def rows(self) -> int:
        return self.table.num_rows + len(self.problems)


def refuse(key: str, **values: object) -> FileRefused:
    """The file's refusal with the message of i18n key, in both languages."""
    return FileRefused.of(key, **values)


_NOT_BLANK = re.compile(rb"[^ \t\r\n\x00\xef\xbb\xbf]")


def sniff_kind(data: bytes) -> str:
    """'xlsx', 'xls', 'ods' or 'text'; raises FileRefused for empty, HTML or binary content."""
    if _NOT_BLANK.search(data) is None:  # stops at the first byte that is not blank: no copy of the file
        raise refuse("refuse_empty")
    if data[:4] == b"PK\x03\x04":
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile as exc:
            raise refuse("refuse_zip_damaged") from exc
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "content.xml" in names and "mimetype" in names:
            return "ods"
        raise refuse("refuse_zip_not_excel")
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return "xls"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body", b"<table")):
        raise refuse("refuse_html")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or utf16_without_bom(data):
        return "text"
    if _looks_binary(data[:8192]):
        raise refuse("refuse_binary")
    return "text"


def utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' for UTF-16 text without a byte order mark, told by its NUL pattern:
    text that is mostly ASCII has a NUL in every other byte, on the odd bytes (LE) or the even ones (BE)."""
    head = data[:8192]
    head = head[: len(head) - len(head) % 2]
    if len(head) < 4 or b"\x00" not in head:
        return None
    even, odd = head[0::2], head[1::2]
    half = len(head) // 2
    for encoding, zeros, chars in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros.count(0) >= 0.6 * half and chars.count(0) <= 0.02 * half:
            try:
                head.decode(encoding)
            except UnicodeDecodeError:
                continue
            return encoding
    return None


_BINARY_BYTES = bytes([*range(0, 9), *range(14, 32)])


def _looks_binary(head: bytes) -> bool:
    """Binary content (images, archives, executables) is full of control bytes; a text file with a stray
    NUL is still text, and its row is refused on its own (ingest/limits.py) wherever the NUL sits."""
    controls = len(head) - len(head.translate(None, _BINARY_BYTES))
    return controls > max(2, len(head) // 20)


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-8 (with or without BOM), UTF-16 with BOM or told by its NULs, else cp1252/latin-1."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16"), "utf-16"
    if bomless := utf16_without_bom(data):
        # strict, like UTF-16 with a BOM: a damaged file is refused, not patched with replacement marks
        return data.decode(bomless), bomless
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Indonesian exports that are not UTF-8 come from Windows Excel: cp1252. A detector only gets a say
    # when cp1252 cannot decode the bytes (it leaves five byte values undefined).
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        pass
    guess = from_bytes(data[:200_000]).best()
    encoding = guess.encoding if guess is not None and guess.encoding not in ("utf_8", "ascii") else "latin-1"
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError):
        return data.decode("latin-1"), "latin-1"


def known_header_count(cells: list[str]) -> int:
    aliases = header_aliases()
    return sum(1 for c in cells if text_key(c) in aliases)


def find_header(rows: list[list[str]]) -> int:
    """Index of the header row among the first rows: the first with two or more known headers,
    else the first row with the most filled cells (title rows above it are skipped)."""
    for i, cells in enumerate(rows):
        if known_header_count(cells) >= 2:
            return i
    widths = [sum(1 for c in cells if str(c).strip()) for cells in rows]
    if not widths or max(widths) == 0:
        return 0
    return widths.index(max(widths))


def choose_delimiter(lines: list[str]) -> str:
    best, best_score = ",", -1.0
    for delim in DELIMITERS:
        counts = [len(r) for r in csv.reader(lines, delimiter=delim) if any(c.strip() for c in r)]
        if not counts:
            continue
        common = max(set(counts), key=counts.count)
        if common < 2:
            continue
        header_bonus = max((known_header_count(r) for r in csv.reader(lines, delimiter=delim)), default=0)
        score = counts.count(common) * common + 100 * header_bonus
        if score > best_score:
            best, best_score = delim, score
    return best


def _dedupe(headers: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for i, h in enumerate(headers):
        name = str(h).strip() or f"(kolom {i + 1})"
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 1
        out.append(name)
    return out


def utf8_body(data: bytes) -> tuple[bytes, str]:
    """The file as UTF-8 bytes for pyarrow, and the encoding it came in. UTF-8 files (the common case)
    are passed through without a copy; the encoding is judged on the first lines, and a later invalid
    byte sends the whole file through decode_text."""
    if utf16_without_bom(data):
        text, encoding = decode_text(data)
        return text.encode("utf-8"), encoding
    prefix = data[:200_000]
    if len(data) > len(prefix) and b"\n" in prefix:
        prefix = prefix[: prefix.rindex(b"\n") + 1]  # never cut a multi-byte character in half
    _text, encoding = decode_text(prefix)
    if encoding == "utf-8":
        return data, encoding
    if encoding == "utf-8-sig":
        return data[3:], encoding
    text, encoding = decode_text(data)
    return text.encode("utf-8"), encoding


def _forced_row(header_row: int | None, scanned: int) -> int | None:
    """The analyst's header row (1-based, as seen in the file) as an index into the scanned rows."""
    if header_row is None:
        return None
    if not 1 <= header_row <= scanned:
        raise refuse("imp_header_out_of_range", row=header_row, last=scanned)
    return header_row - 1


def read_csv_bytes(
    data: bytes,
    checksum: str,
    transcode: bool = False,
    header_row: int | None = None,
    header_rows: int | None = None,
) -> RawTable:
    if transcode:
        text, encoding = decode_text(data)
        body = text.lstrip("\ufeff").encode("utf-8")
    else:
        body, encoding = utf8_body(data)
    head_lines = body[:200_000].decode("utf-8", errors="replace").splitlines()[:HEADER_SCAN_ROWS]
    try:
        delim = choose_delimiter(head_lines)
        head_rows = list(csv.reader(head_lines, delimiter=delim))
    except csv.Error as exc:  # a field over the csv module's limit among the first lines
        row = limits.long_line_number(head_lines, csv.field_size_limit()) or 1
        raise limits.refusal("refuse_line_too_long", row=row, kib=csv.field_size_limit() // 1024) from exc
    if head_rows:
        forced = _forced_row(header_row, len(head_rows))
        choice = choose_header(head_rows, find_header(head_rows), forced, header_rows, carry=True)
        h, depth, headers = choice.index, choice.depth, _dedupe(choice.names)
    else:
        h, depth, headers = 0, 1, []
    skip = h + depth  # lines above the first data line
    # Trailing empty header cells (a ragged export) are kept so the column count matches the body.
    names = [f"c{i}" for i in range(len(headers))]
    if len(names) < 2:
        raise refuse("refuse_not_table")
    problems: list[RowProblem] = []

    def on_invalid(row: pacsv.InvalidRow) -> str:
        problems.append(
            RowProblem(
                row.number or 0,
                "",
                row.text[:200],
                *both("imp_column_count", actual=row.actual_columns, expected=row.expected_columns),
            )
        )
        return "skip"

    try:
        try:
            # Fast path: all cores, no per-row callback. Any odd row (wrong width, a line break inside a
            # quoted cell) makes it fail, and the careful single-threaded pass below numbers every row.
            table = _parse(body, names, skip, delim, careful=False)
        except pa.ArrowInvalid as exc:
            if "utf8" in str(exc).lower().replace("-", ""):
                raise
            problems.clear()
            table = _parse(body, names, skip, delim, careful=True, on_invalid=on_invalid)
    except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
        if not transcode and "utf8" in str(exc).lower().replace("-", ""):
            # The first lines looked like UTF-8 but a later byte is not: judge the whole file.
            return read_csv_bytes(data, checksum, True, header_row, header_rows)
        raise refuse("refuse_csv_unreadable", exc=exc) from exc
    physical_lines = body.count(b"\n") + (0 if body.endswith(b"\n") else 1) - skip
    if table.num_rows + len(problems) != physical_lines:
        # A quoted cell spans lines: number rows with the csv module, which counts lines exactly.
        slow = _read_csv_slow(body.decode("utf-8"), delim, skip - 1, headers, checksum, encoding, h, depth)
        slow.first_rows = head_rows
        return slow
    line_numbers = _line_numbers(skip + 1, table.num_rows, {p.row for p in problems})
    table = table.append_column("_row", pa.array(line_numbers.astype(np.int32)))
    raw = RawTable(
        table, headers, h + 1, "csv", checksum, encoding, delim, problems=problems, header_rows=depth
    )
    raw.first_rows = head_rows
    return _with_skipped(raw, names)


@cache
def parse_pool() -> pa.MemoryPool:
    """The memory pool files are parsed into: jemalloc returning freed pages at once. Parsing a 293 MB CSV
    into pyarrow's default pool (mimalloc) raised the process by 450-530 MB and kept most of it after the
    table was dropped; jemalloc without decay, by 350-410 MB, returned when staging lets go of the text."""
    try:
        pool = pa.jemalloc_memory_pool()
    except NotImplementedError:  # a pyarrow built without jemalloc
        return pa.default_memory_pool()
    pa.jemalloc_set_decay_ms(0)
    return pool


def _parse(body: bytes, names: list[str], skip: int, delim: str, careful: bool, on_invalid=None) -> pa.Table:
    return pacsv.read_csv(
        io.BytesIO(body),
        read_options=pacsv.ReadOptions(
            skip_rows=skip, column_names=names, use_threads=not careful, block_size=8 << 20
        ),
        parse_options=pacsv.ParseOptions(
            delimiter=delim,
            ignore_empty_lines=False,
            newlines_in_values=careful,
            invalid_row_handler=on_invalid if careful else None,
        ),
        convert_options=pacsv.ConvertOptions(
            column_types=dict.fromkeys(names, pa.string()),
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
        memory_pool=parse_pool(),
    )


def _line_numbers(first: int, count: int, skipped: set[int]) -> np.ndarray:
    """File line of each parsed row, the rows pyarrow skipped left out."""
    lines = np.arange(first, first + count + len(skipped), dtype=np.int64)
    if skipped:
        lines = lines[~np.isin(lines, np.fromiter(skipped, dtype=np.int64))]
    return lines[:count]


def _read_csv_slow(
    text: str,
    delim: str,
    h: int,
    headers: list[str],
    checksum: str,
    encoding: str,
    header_index: int,
    depth: int,
) -> RawTable:
    """h: the index of the last header line."""
    # newline="": the csv module reads line breaks itself, so a bare CR ends a row as pyarrow's does
    # (without it, a CR in an unquoted cell raised an error that was reported as an over-long cell)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    names = [f"c{i}" for i in range(len(headers))]
    cols: list[list[str]] = [[] for _ in names]
    rows: list[int] = []
    problems: list[RowProblem] = []
    for i, cells in limits.csv_rows(reader):
        if i <= h:
            continue
        if len(cells) != len(names):
            if any(c.strip() for c in cells):
                problems.append(
                    RowProblem(
                        reader.line_num,
                        "",
                        delim.join(cells)[:200],
                        *both("imp_column_count", actual=len(cells), expected=len(names)),
                    )
                )
            continue
        for col, value in zip(cols, cells, strict=True):
            col.append(value)
        rows.append(reader.line_num)
    table = pa.table(
        {
            **{n: pa.array(c, pa.string()) for n, c in zip(names, cols, strict=True)},
            "_row": pa.array(rows, pa.int32()),
        }
    )
    return _with_skipped(
        RawTable(
            table,
            headers,
            header_index + 1,
            "csv",
            checksum,
            encoding,
            delim,
            problems=problems,
            header_rows=depth,
        ),
        names,
    )


def _with_skipped(raw: RawTable, names: list[str]) -> RawTable:
    """Blank, total and note rows taken out of the table and listed (layout.split_skipped)."""
    raw.table, raw.skipped, raw.rows_skipped = split_skipped(raw.table, names)
    return raw


def _cell_text(value: object) -> str:
    """Workbook cells as text: dates as ISO, whole numbers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        if value.is_integer():
            return f"{value:.0f}~"  # precision already lost in Excel; the importer says so
        return repr(value)
    if isinstance(value, timedelta):
        return str(value)
    return str(value)


def read_workbook_bytes(
    data: bytes,
    checksum: str,
    kind: str,
    sheet: str | None,
    header_row: int | None = None,
    header_rows: int | None = None,
) -> RawTable:
    """A sheet read as a stream of rows (never the whole grid as Python objects): the first rows find the
    header, merged ranges are filled within their range, and the rows go to Arrow in chunks."""
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except (CalamineError, ValueError, OSError) as exc:
        raise refuse("refuse_workbook_unreadable", exc=exc) from exc
    sheets = list(wb.sheet_names)
    if not sheets:
        raise refuse("refuse_no_sheets")
    name = sheet or _best_sheet(wb, sheets)
    if name not in sheets:
        raise refuse("refuse_no_such_sheet", name=name)
    ws = wb.get_sheet_by_name(name)
    max_rows = config.setting_int("max_rows")
    if ws.total_height > max_rows + HEADER_SCAN_ROWS:
        raise refuse("refuse_sheet_too_long", max_rows=max_rows)
    # iter_rows starts at the sheet's first row but at its first used column; merged ranges are absolute.
    col0 = ws.start[1] if ws.start else 0
    filler = MergeFiller(_merged_ranges(ws), col0)
    rows = filler.rows(enumerate([_cell_text(v) for v in r] for r in ws.iter_rows()))
    head: list[list[str]] = []
    for _i, cells in rows:
        head.append(cells)
        if len(head) == HEADER_SCAN_ROWS:
            break
    if not head:
        raise refuse("refuse_sheet_empty")
    forced = _forced_row(header_row, len(head))
    stored_head = _unmerged_head(ws, len(head))
    choice = choose_header(head, find_header(stored_head), forced, header_rows)
    h, depth, header_cells = choice.index, choice.depth, choice.names
    width = max((i + 1 for i, c in enumerate(header_cells) if c.strip()), default=0)
    first = next((i for i, c in enumerate(header_cells) if c.strip()), 0)
    headers = _dedupe(header_cells[first:width])
    names = [f"c{i}" for i in range(len(headers))]
    if len(names) < 2:
        raise refuse("refuse_sheet_not_table")
    body = itertools.chain(((i, c) for i, c in enumerate(head) if i >= h + depth), rows)
    table = _rows_to_table(body, names, first, width)
    raw = RawTable(table, headers, h + 1, kind, checksum, sheet=name, sheets=sheets, header_rows=depth)
    raw.first_rows = stored_head
    return _with_skipped(raw, names)


WORKBOOK_CHUNK_ROWS = 10_000


def _rows_to_table(rows, names: list[str], first: int, width: int) -> pa.Table:
    """Rows (index, cells) to an Arrow table of the columns first..width, in chunks, so that at most one
    chunk of cells lives as Python strings at a time. _row is the row number as seen in the sheet."""
    chunks: list[pa.RecordBatch] = []
    cols: list[list[str]] = [[] for _ in names]
    numbers: list[int] = []

    def flush() -> None:
        if numbers:
            arrays = [pa.array(c, pa.string()) for c in cols] + [pa.array(numbers, pa.int32())]
            chunks.append(pa.RecordBatch.from_arrays(arrays, [*names, "_row"]))
            for c in cols:
                c.clear()
            numbers.clear()

    pad = [""] * len(names)
    for i, cells in rows:
        part = cells[first:width]
        if len(part) < len(names):
            part = part + pad[: len(names) - len(part)]
        for col, value in zip(cols, part, strict=True):
            col.append(value)
        numbers.append(i + 1)
        if len(numbers) >= WORKBOOK_CHUNK_ROWS:
            flush()
    flush()
    schema = pa.schema([*(pa.field(n, pa.string()) for n in names), pa.field("_row", pa.int32())])
    return pa.Table.from_batches(chunks, schema=schema)


def _merged_ranges(ws) -> list:
    """The sheet's merged ranges where the reader exposes them (calamine: xlsx, xls; ods gives none)."""
    try:
        return list(ws.merged_cell_ranges or [])
    except Exception:  # noqa: BLE001 - a reader without merge support: no ranges, said in the README
        return []


def _unmerged_head(ws, n: int) -> list[list[str]]:
    """The first rows as stored (merged ranges not filled): a title merged across the sheet must not look
    like the widest row when the header is searched."""
    return [[_cell_text(v) for v in r] for r in itertools.islice(ws.iter_rows(), n)]


def _best_sheet(wb, sheets: list[str]) -> str:
    """The first sheet whose first rows contain a recognisable header (else the first sheet)."""
    for name in sheets:
        ws = wb.get_sheet_by_name(name)
        rows = [
            [_cell_text(v) for v in r] for r in ws.to_python(skip_empty_area=False, nrows=HEADER_SCAN_ROWS)
        ]
        if any(known_header_count(r) >= 2 for r in rows):
            return name
    return sheets[0]


def sheet_names(data: bytes) -> list[str]:
    """Sheets of a workbook, or [] for CSV (the upload page's sheet chooser)."""
    kind = sniff_kind(data)
    if kind == "text":
        return []
    from python_calamine import CalamineWorkbook

    limits.check_workbook(data, kind)
    return limits.guarded(lambda: list(CalamineWorkbook.from_filelike(io.BytesIO(data)).sheet_names))


def _without_control_characters(raw: RawTable) -> RawTable:
    """Rows holding NUL or another XML-illegal control character are refused, each with its row."""
    raw.headers = [controlchars.xml_safe(h) for h in raw.headers]
    raw.table, found = limits.control_character_rows(raw.table, raw.headers)
    for row, column, value, chars in found:
        raw.problems.append(
            RowProblem(
                row,
                column,
                value,
                *both("reject_control_chars", chars=chars),
            )
        )
    if found:
        raw.problems.sort(key=lambda p: p.row)
    return raw


def check_size(size: int) -> None:
    """Refuse a file over the upload limit (NETRALITAS_UPLOAD_LIMIT_MB), given its size in bytes."""
    limit = config.setting_int("upload_limit_mb") * 1024 * 1024
    if size > limit:
        # both sizes in the same MB (2**20 bytes), so a file just over the limit never reads as under it
        raise refuse("refuse_file_too_large", size=size / 2**20, limit=limit // 2**20)


def read_bytes(
    data: bytes, sheet: str | None = None, header_row: int | None = None, header_rows: int | None = None
) -> RawTable:
    """Read a file's content; raises FileRefused for anything that is not a readable, non-empty table.
    header_row (1-based, as seen in the file) and header_rows (1 or 2) override the detected header."""
    check_size(len(data))
    kind = sniff_kind(data)
    checksum = hashlib.sha256(data).hexdigest()
    if kind == "text":
        raw = limits.guarded(
            lambda: read_csv_bytes(data, checksum, header_row=header_row, header_rows=header_rows)
        )
    else:
        limits.check_workbook(data, kind)  # sizes, ratios and used ranges, before the reader holds anything
        raw = limits.guarded(
            lambda: read_workbook_bytes(data, checksum, kind, sheet, header_row, header_rows)
        )
    limits.check_cell_lengths(raw.table, raw.headers, limits.current().cell_chars)
    raw = _without_control_characters(raw)
    if raw.rows == 0:
        raise refuse("refuse_header_only")
    max_rows = config.setting_int("max_rows")
    if raw.rows > max_rows:
        raise refuse("refuse_file_too_long", max_rows=max_rows)
    return raw
