"""Spreadsheet exports that a spreadsheet can open without running anything from the data.

Text that Excel, LibreOffice or Google Sheets would take for a formula is neutralised by the OWASP rule
(a leading = + - @, tab or carriage return) and beyond it: a leading line feed, the same characters after
leading spaces (Excel skips them), and their full-width forms (＝ ＋ － ＠, which Excel and LibreOffice
read as the ASCII ones in a formula). The CSV gets a leading apostrophe and quotes every field holding a
line break, so a cell can never start a new row. The XLSX stores such text as a text cell with Excel's
quote prefix: shown as typed, without a visible apostrophe, never evaluated, not even after an edit.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell

FORMULA_START = frozenset("=+-@\t\r\n＝＋－＠")
# Spaces a spreadsheet skips before deciding a cell is a formula: ASCII, no-break, ideographic, en/em…
LEADING_SPACE = (
    " \u00a0\u3000\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\ufeff"
)
# XML 1.0 forbids these control characters; openpyxl refuses them (IllegalCharacterError), so a stored
# NUL would otherwise make every export of its row fail. They become U+FFFD, visibly replaced.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def is_formula_like(value: object) -> bool:
    """True for text a spreadsheet could run as a formula (see the module's rule)."""
    if not isinstance(value, str) or not value:
        return False
    if value[0] in FORMULA_START:
        return True
    rest = value.lstrip(LEADING_SPACE)
    return rest != value and rest[:1] in FORMULA_START


def neutralise(value: object) -> object:
    """For CSV: text a spreadsheet would run as a formula gets a leading apostrophe."""
    return "'" + value if isinstance(value, str) and is_formula_like(value) else value


def xml_safe(value: str) -> str:
    """Text with the characters XML cannot hold replaced by U+FFFD."""
    return _XML_ILLEGAL.sub("\ufffd", value)


def _text_columns(frame: pd.DataFrame) -> list[str]:
    return [c for c in frame.columns if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c])]


def _csv_text(value: object) -> object:
    return neutralise(xml_safe(value)) if isinstance(value, str) else value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every formula-like text cell and column name neutralised for CSV (and control
    characters a spreadsheet would choke on replaced, as in the XLSX)."""
    out = frame.copy()
    for col in _text_columns(out):
        out[col] = out[col].map(_csv_text)
    out.columns = [_csv_text(str(c)) for c in out.columns]
    return out


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM so Excel opens Indonesian text correctly. The line terminator is CRLF, so csv's
    minimal quoting quotes every field holding a CR or an LF (with LF alone, a bare CR went unquoted and
    started a new row in Excel, LibreOffice and pandas)."""
    text = safe_frame(frame).to_csv(index=False, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    return text.encode("utf-8-sig")


def _cell(sheet, value: Any) -> Cell:
    """One XLSX cell: text always as a text cell ('s', never 'f'), formula-like text with the quote prefix;
    missing values empty; numbers, dates and booleans as themselves. `value` is Any: it is a cell of an
    itertuples row, whose type the stubs cannot know (a string, number, date, NaN, NA or a numpy scalar)."""
    if value is None or (not isinstance(value, str) and pd.api.types.is_scalar(value) and pd.isna(value)):
        return WriteOnlyCell(sheet, value=None)
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=None)
        cell.value = xml_safe(value)  # may set data_type 'f' for "=…": overridden next
        cell.data_type = "s"
        if is_formula_like(value):
            cell.quotePrefix = True
        return cell
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    elif hasattr(value, "item") and not isinstance(value, (bytes, bytearray)):
        value = value.item()  # numpy scalar -> Python
    if isinstance(value, (int, float, bool)) or hasattr(value, "year"):
        return WriteOnlyCell(sheet, value=value)
    return _cell(sheet, str(value))


def _rows(frame: pd.DataFrame) -> Iterable[Sequence[Any]]:
    """The header, then each row's cells (Any: the stubs cannot know a column's type)."""
    yield [str(c) for c in frame.columns]
    yield from frame.itertuples(index=False, name=None)


def to_xlsx_bytes(frame: pd.DataFrame, sheet: str = "Kasus") -> bytes:
    """The frame as one sheet, written cell by cell so that text stays text (see `_cell`)."""
    book = Workbook(write_only=True)
    ws = book.create_sheet(title=sheet)
    for row in _rows(frame):
        ws.append([_cell(ws, v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
