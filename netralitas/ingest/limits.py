"""Limits a workbook must meet before it is read, and a guard that turns any reader failure into a refusal.

A workbook is a zip of XML. A few megabytes can inflate to gigabytes (a zip bomb), and a two-cell sheet
can make calamine allocate its whole bounding box (a cell at A1 and one at XFD1048576 is 17 G cells):
calamine keeps a sheet as a dense rows × columns grid. So before any reader sees the file we check,
from the zip directory and one streamed pass over each XML member (never holding more than a chunk):

- the declared uncompressed size of all members, and each member's compression ratio;
- the bytes actually inflated (a directory that lies about sizes fails its CRC, and the stream is cut
  at the limit anyway);
- no DTD or entity declaration anywhere (no real workbook has one; entities make XML bombs);
- each sheet's used range (rows × columns, from its cell references, or from its row and cell counts
  where references are missing), which is what the reader will hold in memory.

Every limit is a setting (config.SETTINGS); each refusal is one line in both languages.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Protocol, TypeVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .. import config, controlchars
from ..errors import FileRefused, NetralitasError

CHUNK = 1 << 20
MAX_CARRY = 32 << 20  # one row's XML held across chunks; a real row (16,384 cells) is about 1 MB
RATIO_FLOOR = 1 << 20  # members smaller than this may compress as well as they like
MAX_MEMBERS = 10_000
ZIP_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_ANY_PREFIX = rb"<(?:[A-Za-z_][\w.-]*:)?"
_ROOT_PREFIX = re.compile(rb"<([A-Za-z_][\w.-]*:)?worksheet[\s>]")
_LETTERS = {c: i + 1 for i, c in enumerate(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ")}

T = TypeVar("T")


@dataclass(frozen=True)
class Limits:
    unzipped_bytes: int
    ratio: int
    cells: int
    rows: int
    cell_chars: int


def current() -> Limits:
    return Limits(
        unzipped_bytes=config.setting_int("max_unzipped_mb") * 1024 * 1024,
        ratio=config.setting_int("max_zip_ratio"),
        cells=config.setting_int("max_cells"),
        rows=config.setting_int("max_rows"),
        cell_chars=config.setting_int("max_cell_kib") * 1024,
    )


def refusal(key: str, **params: object) -> FileRefused:
    return FileRefused.of(key, **params)


def check_workbook(data: bytes, kind: str) -> None:
    """Raise FileRefused when a workbook would take more than the limits allow to read; else return."""
    limits = current()
    if kind in ("xlsx", "ods"):
        _check_zip(data, kind, limits)
    elif kind == "xls":
        guarded(lambda: _check_xls(data, limits))


def guarded(read: Callable[[], T]) -> T:
    """Run a reader; any failure other than our own refusal becomes the one-line 'cannot be read' refusal
    (a reader's internal error is not something the user can act on, and must never show a traceback)."""
    try:
        return read()
    except NetralitasError:
        raise
    except MemoryError as exc:
        raise refusal("refuse_memory") from exc
    except Exception as exc:  # noqa: BLE001 - calamine raises its own, pyarrow and the codecs theirs
        raise refusal("refuse_unreadable", reason=_reason(exc)) from exc
    except BaseException as exc:
        # a panic inside calamine's Rust code reaches Python as pyo3's PanicException, a BaseException
        if type(exc).__name__ != "PanicException":
            raise
        raise refusal("refuse_unreadable", reason=_reason(exc)) from exc


def _reason(exc: BaseException) -> str:
    """The reader's message, one line, short, and without paths of this server."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    text = re.sub(r"(/[\w.+-]+){2,}", "…", text)
    return f"{type(exc).__name__}: {text[:160]}"


def _check_zip(data: bytes, kind: str, limits: Limits) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise refusal("refuse_zip_damaged") from exc
    if len(infos) > MAX_MEMBERS:
        raise refusal("refuse_zip_members", count=len(infos), limit=MAX_MEMBERS)
    declared = sum(i.file_size for i in infos)
    if declared > limits.unzipped_bytes:
        raise refusal("refuse_unzipped", mb=_mb(declared), limit=_mb(limits.unzipped_bytes))
    for info in infos:
        if info.compress_type not in ZIP_METHODS:
            raise refusal("refuse_zip_method", member=info.filename)
        if info.file_size > RATIO_FLOOR and info.file_size > limits.ratio * max(info.compress_size, 1):
            raise refusal(
                "refuse_zip_ratio",
                member=info.filename,
                ratio=info.file_size // max(info.compress_size, 1),
                limit=limits.ratio,
            )
    budget = [limits.unzipped_bytes]
    for info in infos:
        if info.is_dir():
            continue
        # Every part is inflated (the budget counts real bytes) and, in an .xlsx, measured as a sheet: the
        # reader finds sheets through workbook.xml.rels, whose targets may have any name.
        if kind == "xlsx":
            extent = _xlsx_extent(_chunks(archive, info, budget))
        elif info.filename == "content.xml":
            extent = _ods_extent(_chunks(archive, info, budget))
        else:
            for _ in _chunks(archive, info, budget):
                pass
            continue
        _check_extent(extent, limits, info.filename)


def _chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: list[int]) -> Iterator[bytes]:
    """The member inflated chunk by chunk, refused on the first DTD/entity declaration or once the bytes
    inflated so far pass the budget (shared by all members)."""
    tail = b""
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(CHUNK):
                budget[0] -= len(chunk)
                if budget[0] < 0:
                    raise refusal("refuse_unzipped_actual", limit=_mb(current().unzipped_bytes))
                straddles = b"<!" in tail or (tail.endswith(b"<") and chunk.startswith(b"!"))
                if (straddles or b"<!" in chunk) and (
                    _DECLARATION.search(tail + chunk[:16]) or _DECLARATION.search(chunk)
                ):
                    raise refusal("refuse_xml_entities", member=info.filename)
                tail = chunk[-16:]
                yield chunk
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError) as exc:
        raise refusal("refuse_zip_damaged") from exc


@dataclass
class Extent:
    """A sheet's used range, as an upper bound of what a dense reader allocates."""

    rows: int = 0
    columns: int = 0
    cells: int = 0

    @property
    def area(self) -> int:
        return self.rows * self.columns


def _check_extent(extent: Extent, limits: Limits, member: str) -> None:
    if extent.rows > limits.rows + 30:  # the header and title rows above it are not data rows
        raise refusal("refuse_sheet_rows", member=member, rows=extent.rows, limit=limits.rows)
    if extent.area > limits.cells:
        raise refusal(
            "refuse_sheet_cells",
            member=member,
            rows=extent.rows,
            columns=extent.columns,
            cells=extent.area,
            limit=limits.cells,
        )


def _column_number(letters: bytes) -> int:
    n = 0
    for c in letters:
        n = n * 26 + _LETTERS[c]
    return n


def _segments(chunks: Iterator[bytes], token: bytes) -> Iterator[bytes]:
    """The stream re-cut so that every piece ends just before a `token` (a row's start tag): a row is
    never split across pieces, so per-row counts are exact."""
    carry = b""
    for chunk in chunks:
        buf = carry + chunk
        cut = buf.rfind(token)
        if cut <= 0:
            carry = buf
        else:
            yield buf[:cut]
            carry = buf[cut:]
        if len(carry) > MAX_CARRY:
            raise refusal("refuse_sheet_row_size", mb=MAX_CARRY >> 20)
    if carry:
        yield carry


def _xlsx_extent(chunks: Iterator[bytes]) -> Extent:
    """Rows × columns a reader will allocate for this worksheet: the largest cell reference, extended by
    the rows and cells that carry no reference (a reader places those after the previous one).

    Cells written the usual way (` r="B7"`, as Excel, LibreOffice and openpyxl write them) are read with
    one literal-prefixed pattern; a piece of the sheet with any other cell (no reference, or one spelt
    differently) is counted row by row, which bounds it however it is spelt."""
    chunks = iter(chunks)
    first = next(chunks, b"")
    found = _ROOT_PREFIX.search(first)
    ns = found.group(1) if found and found.group(1) else b""
    row_tag, cell_tag = b"<" + ns + b"row", b"<" + ns + b"c"
    # The fast counts use the prefix the root element declares; the patterns that decide accept any
    # prefix, so a sheet that hides its prefix (or mixes several) is bounded from above, never missed.
    cell_start = re.compile(_ANY_PREFIX + rb"c[\s>/]")
    row_refs = (
        re.compile(rb"<row\s[^>]*?\br\s*=\s*[\"'](\d{1,12})"),
        re.compile(rb":row\s[^>]*?\br\s*=\s*[\"'](\d{1,12})"),
    )
    any_ref = re.compile(_ANY_PREFIX + rb"c\s[^>]*?\br\s*=\s*[\"']([A-Za-z]{1,4})(\d{1,12})")
    # two one-group patterns with a literal prefix: faster than one with two groups on a million cells
    ref_columns = re.compile(rb' r="([A-Z]{1,3})[0-9]')
    ref_rows = re.compile(rb' r="[A-Z]{1,3}([0-9]{1,7})"')
    max_row = max_col = rows = most_in_row = 0
    refless = False
    for piece in _segments(_chain(first, chunks), row_tag):
        rows += piece.count(b"<row") + piece.count(b":row")  # <rowBreaks> too: an upper bound is enough
        for row_ref in row_refs:
            for r in set(row_ref.findall(piece)):
                max_row = max(max_row, int(r))
        columns = set(ref_columns.findall(piece))
        if columns:
            max_col = max(max_col, max(_column_number(c) for c in columns))
        cell_rows = ref_rows.findall(piece)
        if cell_rows:
            max_row = max(max_row, max(int(r) for r in set(cell_rows)))
        refs = len(cell_rows)
        if piece.count(cell_tag) + piece.count(b":c") > refs and len(cell_start.findall(piece)) > refs:
            refless = True
            for letters, digits in any_ref.findall(piece):  # references spelt any other way
                max_col = max(max_col, _column_number(letters.upper()))
                max_row = max(max_row, int(digits))
            for one_row in piece.split(row_tag):  # [0]: before the first row tag (all, if none is found)
                most_in_row = max(most_in_row, len(cell_start.findall(one_row)))
    if not refless:
        return Extent(max_row, max_col, max_row * max_col)
    # some cells are placed by the reader: at most one row further per row tag, one column per cell
    height, width = max_row + rows, max_col + most_in_row
    return Extent(height, width, height * width)


def _chain(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    if first:
        yield first
    yield from rest


_ODS_TAG = re.compile(
    rb"<table:(table-row|table-cell|covered-table-cell|table)(?=[\s>/])([^>]*?)(/?)>|</table:table-row>"
)
_ODS_ROWS = re.compile(rb"number-rows-repeated\s*=\s*[\"'](\d{1,12})")
_ODS_COLUMNS = re.compile(rb"number-columns-repeated\s*=\s*[\"'](\d{1,12})")


def _ods_extent(chunks: Iterator[bytes]) -> Extent:
    """The used range of the largest table in content.xml, counting repeated rows and cells the way a
    reader expands them (only up to the last non-empty cell of a row and the last non-empty row)."""
    largest = Extent()
    height = width = row_at = 0
    row_repeat = row_width = filled_width = 0
    for piece in _segments(chunks, b"<table:table-row"):
        for m in _ODS_TAG.finditer(piece):
            kind, attrs, closed = m.group(1), m.group(2) or b"", m.group(3)
            if kind == b"table":  # a new table (sheet): keep the largest
                largest = _larger(largest, Extent(height, width, height * width))
                height = width = row_at = 0
            elif kind == b"table-row":
                row_repeat = _repeat(_ODS_ROWS, attrs)
                row_width = filled_width = 0
                if closed:
                    row_at += row_repeat
            elif kind in (b"table-cell", b"covered-table-cell"):
                row_width += _repeat(_ODS_COLUMNS, attrs)
                if not closed or b"value-type" in attrs:
                    filled_width = row_width
            elif kind is None:  # </table:table-row>
                row_at += row_repeat
                if filled_width:
                    height, width = row_at, max(width, filled_width)
    largest = _larger(largest, Extent(height, width, height * width))
    return largest


def _repeat(pattern: re.Pattern, attrs: bytes) -> int:
    found = pattern.search(attrs)
    return max(int(found.group(1)), 1) if found else 1


def _larger(a: Extent, b: Extent) -> Extent:
    return b if b.area > a.area or b.rows > a.rows else a


def _check_xls(data: bytes, limits: Limits) -> None:
    """An .xls is not compressed (its size is bounded by the upload limit), but its cells carry their own
    row and column, so a small file can still span a huge range: check each sheet's range before any
    sheet is converted to Python values."""
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    for name in workbook.sheet_names:
        sheet = workbook.get_sheet_by_name(name)
        extent = Extent(sheet.total_height, sheet.total_width, sheet.total_height * sheet.total_width)
        _check_extent(extent, limits, name)


def check_cell_lengths(table: pa.Table, headers: list[str], limit: int) -> None:
    """Refuse the file, naming the first row, when a cell is longer than the limit: no column of the model
    needs 128 KiB, and the csv module refuses longer fields, so every file type gets the same rule."""
    for header, name in zip(headers, table.column_names, strict=False):
        column = table[name]
        if len(column) == 0:
            continue
        if pc.max(pc.binary_length(column)).as_py() <= limit:
            continue  # bytes bound characters from above, and cost nothing to read (the offsets)
        too_long = pc.greater(pc.utf8_length(column), limit)
        if pc.any(too_long).as_py():
            first = pc.index(too_long, True).as_py()
            row = table["_row"][first].as_py() if "_row" in table.column_names else first + 1
            raise refusal("refuse_cell_too_long", row=row, column=header, kib=limit // 1024)


def long_line_number(lines: list[str], limit: int) -> int | None:
    """The first line (1-based) longer than the limit: where the csv module found its over-long field."""
    return next((i + 1 for i, line in enumerate(lines) if len(line) > limit), None)


def _mb(n: int) -> str:
    return f"{n / 2**20:,.0f}"


_CONTROL_BYTES = np.zeros(256, dtype=bool)
_CONTROL_BYTES[[*range(0, 9), 11, 12, *range(14, 32)]] = True
_SLICE = 1 << 24


def _may_hold_controls(column: pa.ChunkedArray) -> bool:
    """Whether a text column's bytes may hold an XML-illegal character (a C0 control byte, or 0xEF that
    starts U+FFFE/U+FFFF): a scan of the column's data buffer at memory speed, where a regex per cell
    takes seconds on a million rows. Only suspect columns get the regex."""
    for chunk in column.chunks:
        buffers = chunk.buffers()
        if len(buffers) < 3 or buffers[2] is None:
            continue
        data = np.frombuffer(buffers[2], dtype=np.uint8)
        for start in range(0, len(data), _SLICE):
            part = data[start : start + _SLICE]
            low = part < 32  # comparisons run at memory speed; a table lookup only on the few low bytes
            if low.any() and _CONTROL_BYTES[part[low]].any():
                return True
            if (part == 0xEF).any():
                return True
    return False


def control_character_rows(table: pa.Table, headers: list[str]) -> tuple[pa.Table, list[tuple]]:
    """The table without rows that hold NUL or another XML-illegal control character, and one
    (row, column, visible value, characters) per refused row: such a byte is damage or a trap (it breaks
    the XLSX export and XML in general), never data, so the row is refused with its number, not cleaned."""
    names = [n for n in table.column_names if n != "_row"]
    suspect = [n for n in names if _may_hold_controls(table[n])]
    if not suspect:
        return table, []
    masks = [
        pc.match_substring_regex(table[n], controlchars.PATTERN)
        if n in suspect
        else pa.chunked_array([pa.array([False] * len(table), pa.bool_())])
        for n in names
    ]
    if not any(pc.any(m).as_py() for m in masks):
        return table, []
    bad = masks[0]
    for m in masks[1:]:
        bad = pc.or_(bad, m)
    found: list[tuple] = []
    for i in pc.indices_nonzero(bad).to_pylist():
        col = next(j for j, m in enumerate(masks) if m[i].as_py())
        value = table[names[col]][i].as_py()
        row = table["_row"][i].as_py() if "_row" in table.column_names else i + 1
        header = headers[col] if col < len(headers) else names[col]
        found.append((row, header, controlchars.visible(value)[:200], controlchars.codes(value)))
    return table.filter(pc.invert(bad)), found


class CsvReader(Protocol):
    """What csv_rows needs of a csv.reader: its rows, and the line it stopped on when a row fails."""

    line_num: int

    def __next__(self) -> list[str]: ...


def csv_rows(reader: CsvReader) -> Iterator[tuple[int, list[str]]]:
    """(index, cells) of a csv.reader; a field over the csv module's limit refuses the file with its line."""
    i = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if "field limit" not in str(exc):  # not a long field: say what the csv module found
                raise refusal("refuse_csv_unreadable", exc=f"{exc} (baris/line {reader.line_num})") from exc
            raise refusal(
                "refuse_line_too_long", row=reader.line_num, kib=csv.field_size_limit() // 1024
            ) from exc
        yield i, cells
        i += 1
