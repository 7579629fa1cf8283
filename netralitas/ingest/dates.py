"""Dates as Indonesian (and English-system) files write them, read once per distinct value.

Forms: 2024-01-29, 2024/01/29, 29/01/2024, 29-01-24, 29.01.2024, "29 Januari 2024", "29 Jan. 2024",
"29-Jan-2024", "Januari 29, 2024", "Senin, 29 Januari 2024", any of these followed by a time
("2024-01-29 10:15:00", "29/01/2024 10.15", "… 10:15 WIB"), and Excel serial numbers typed into a CSV cell
(45320 = 2024-01-29).

Numeric day/month order is a property of a whole column, never of one cell: day-first is the Indonesian
default; a column whose values can only be month-first (01/31/2024, from an English-language system) is
read month-first throughout; a column holding both kinds is ambiguous, and its numeric dates are reported
instead of guessed."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from ..i18n import both, t
from ..text import text_key

MONTHS = {
    "januari": 1, "jan": 1, "january": 1, "janv": 1,
    "februari": 2, "pebruari": 2, "feb": 2, "peb": 2, "febr": 2, "february": 2,
    "maret": 3, "mar": 3, "march": 3, "mrt": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "agust": 8, "agus": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9, "sepember": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11,
    "desember": 12, "des": 12, "dec": 12, "december": 12,
}  # fmt: skip
WEEKDAYS = {
    "senin", "selasa", "rabu", "kamis", "jumat", "jum at", "sabtu", "minggu", "ahad",
    "sen", "sel", "rab", "kam", "jum", "sab", "min",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
}  # fmt: skip
DAY_FIRST, MONTH_FIRST, AMBIGUOUS = "day-first", "month-first", "ambiguous"

_TIME = r"(?:[ T]+\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?(?:\s*(?:wib|wita|wit|am|pm|z|[+-]\d{2}:?\d{2}))?)?"
_ISO = re.compile(rf"^(\d{{4}})[-/.](\d{{1,2}})[-/.](\d{{1,2}}){_TIME}$", re.I)
_NUMERIC = re.compile(rf"^(\d{{1,2}})[/\-.](\d{{1,2}})[/\-.](\d{{2}}|\d{{4}}){_TIME}$", re.I)
_SERIAL = re.compile(r"^(\d{5})(?:\.\d+)?$")
_TIME_WORDS = re.compile(
    r"(?:\s+(?:pukul|jam|pkl))?\s+\d{1,2}\s+\d{2}(?:\s+\d{2})?(?:\s+(?:wib|wita|wit|am|pm))?$"
)
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})\s+([a-z]+)\s+(\d{2}|\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^([a-z]+)\s+(\d{1,2})\s+(\d{2}|\d{4})$")
# Excel serials a case file can hold: 1990-01-01 .. 2099-12-31 (smaller 5-digit numbers are not dates here)
SERIAL_MIN, SERIAL_MAX = 32874, 73050
_EXCEL_EPOCH = date(1899, 12, 30)


@dataclass(frozen=True)
class DateResult:
    value: date | None
    problem_id: str | None = None
    problem_en: str | None = None


def _year(text: str) -> int:
    y = int(text)
    return 2000 + y if len(text) == 2 else y


def _make(y: int, m: int, d: int, raw: str) -> DateResult:
    try:
        return DateResult(date(y, m, d))
    except ValueError:
        return DateResult(None, *both("imp_date_not_in_calendar", value=raw))


def numeric_parts(raw: str) -> tuple[int, int] | None:
    """The first two numbers of a D/M/Y (or M/D/Y) date, or None for any other form."""
    m = _NUMERIC.match(str(raw).strip())
    return (int(m[1]), int(m[2])) if m else None


def column_order(values: Iterable[str]) -> tuple[str, str | None, str | None]:
    """(order, a value only day-first can read, a value only month-first can read) for one column."""
    day_only = month_only = None
    for v in values:
        parts = numeric_parts(v)
        if parts is None:
            continue
        a, b = parts
        if a > 12 and b <= 12 and day_only is None:
            day_only = v.strip()
        elif b > 12 and a <= 12 and month_only is None:
            month_only = v.strip()
        if day_only and month_only:
            return AMBIGUOUS, day_only, month_only
    return (MONTH_FIRST if month_only else DAY_FIRST), day_only, month_only


def parse_date(raw: str, order: str = DAY_FIRST, evidence: dict[str, str] | None = None) -> DateResult:
    """One value, read with its column's day/month order (column_order); evidence names the values that
    made a column ambiguous ({'day': …, 'month': …}), for the reason given."""
    evidence = evidence or {"day": "?", "month": "?"}
    text = str(raw).strip()
    if not text:
        return DateResult(None)
    m = _ISO.match(text)
    if m:
        return _make(int(m[1]), int(m[2]), int(m[3]), text)
    m = _NUMERIC.match(text)
    if m:
        if order == AMBIGUOUS:
            return DateResult(
                None, *(t("imp_date_ambiguous_cell", lang, value=text, **evidence) for lang in ("id", "en"))
            )
        day, month = (int(m[2]), int(m[1])) if order == MONTH_FIRST else (int(m[1]), int(m[2]))
        if month > 12:
            return DateResult(None, *both("imp_date_bad_month", month=month, value=text))
        return _make(_year(m[3]), month, day, text)
    m = _SERIAL.match(text)
    if m:
        serial = int(m[1])
        if SERIAL_MIN <= serial <= SERIAL_MAX:
            return DateResult(_EXCEL_EPOCH + timedelta(days=serial))
        return DateResult(None, *both("imp_date_unreadable", value=text))
    return _parse_words(text)


def _parse_words(text: str) -> DateResult:
    key = text_key(text).replace("jum at", "jumat")
    words = key.split()
    while words and words[0] in WEEKDAYS:
        words = words[1:]
    rest = _TIME_WORDS.sub("", " ".join(words))
    m = _DAY_MONTH_YEAR.match(rest)
    if m and m[2] in MONTHS:
        return _make(_year(m[3]), MONTHS[m[2]], int(m[1]), text)
    m = _MONTH_DAY_YEAR.match(rest)
    if m and m[1] in MONTHS:
        return _make(_year(m[3]), MONTHS[m[1]], int(m[2]), text)
    return DateResult(None, *both("imp_date_unreadable", value=text))
