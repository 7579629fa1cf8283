"""Every common date form, and a day/month order decided for a whole column, never cell by cell."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from conftest import cli_here, write

from netralitas.ingest import ImportOptions, import_file
from netralitas.ingest.dates import AMBIGUOUS, DAY_FIRST, MONTH_FIRST, column_order, parse_date

MONTH_NAMES = [
    ("Januari", "Jan", "January"),
    ("Februari", "Feb", "February"),
    ("Maret", "Mar", "March"),
    ("April", "Apr", "April"),
    ("Mei", "Mei", "May"),
    ("Juni", "Jun", "June"),
    ("Juli", "Jul", "July"),
    ("Agustus", "Agt", "August"),
    ("September", "Sep", "September"),
    ("Oktober", "Okt", "October"),
    ("November", "Nov", "November"),
    ("Desember", "Des", "December"),
]
WEEKDAYS_ID = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


def forms(d: date) -> list[str]:
    """Every form the importer promises, for one date (day-first where numeric)."""
    full, short, english = MONTH_NAMES[d.month - 1]
    yy = f"{d.year % 100:02d}"
    return [
        d.isoformat(),
        f"{d.year}/{d.month:02d}/{d.day:02d}",
        f"{d.day:02d}/{d.month:02d}/{d.year}",
        f"{d.day}/{d.month}/{d.year}",
        f"{d.day:02d}-{d.month:02d}-{yy}",
        f"{d.day:02d}.{d.month:02d}.{d.year}",
        f"{d.day} {full} {d.year}",
        f"{d.day} {short} {d.year}",
        f"{d.day} {short}. {d.year}",
        f"{d.day}-{short}-{d.year}",
        f"{full} {d.day}, {d.year}",
        f"{english} {d.day}, {d.year}",
        f"{WEEKDAYS_ID[d.weekday()]}, {d.day} {full} {d.year}",
        f"{d.isoformat()} 10:15:00",
        f"{d.isoformat()}T10:15",
        f"{d.day:02d}/{d.month:02d}/{d.year} 10.15",
        f"{d.day:02d}/{d.month:02d}/{d.year} 10:15 WIB",
        f"{d.day} {full} {d.year} pukul 10.15 WIB",
        str((d - date(1899, 12, 30)).days),  # an Excel serial number typed into a CSV cell
    ]


def test_every_form_on_every_day_of_a_leap_year():
    wrong = []
    d = date(2024, 1, 1)
    while d.year == 2024:
        for text in forms(d):
            got = parse_date(text).value
            if got != d:
                wrong.append((text, got))
        d += timedelta(days=1)
    assert not wrong, wrong[:20]


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("2024/01/07", date(2024, 1, 7)),
        ("Januari 17, 2024", date(2024, 1, 17)),
        ("Senin, 29 Januari 2024", date(2024, 1, 29)),
        ("2024-01-29 10:15:00", date(2024, 1, 29)),
        ("29/01/2024 10.15", date(2024, 1, 29)),
        ("29.01.2024", date(2024, 1, 29)),
        ("29-01-24", date(2024, 1, 29)),
        ("7 Jan. 2024", date(2024, 1, 7)),
        ("17 Agt. 2024", date(2024, 8, 17)),
        ("45320", date(2024, 1, 29)),
        ("45320.4375", date(2024, 1, 29)),
    ],
)
def test_forms_named_in_the_issue(raw, expected):
    assert parse_date(raw).value == expected


@pytest.mark.parametrize("raw", ["31/02/2024", "2024-02-30", "30 Februari 2024", "Februari 30, 2024"])
def test_impossible_dates_are_problems(raw):
    r = parse_date(raw)
    assert r.value is None and "kalender" in r.problem_id


@pytest.mark.parametrize("raw", ["12345", "99999", "kemarin", "2024", "13/13/2024", "Smarch 3, 2024"])
def test_unreadable_dates_are_problems(raw):
    r = parse_date(raw)
    assert r.value is None and r.problem_id and r.problem_en


def test_column_order():
    assert column_order(["29/01/2024", "02/03/2024"])[0] == DAY_FIRST
    assert column_order(["02/03/2024", "05/06/2024"])[0] == DAY_FIRST  # the Indonesian default
    assert column_order(["01/31/2024", "02/03/2024", "2024-01-05"])[0] == MONTH_FIRST
    order, day, month = column_order(["13/01/2024", "01/13/2024", "02/03/2024"])
    assert (order, day, month) == (AMBIGUOUS, "13/01/2024", "01/13/2024")
    assert parse_date("02/03/2024", MONTH_FIRST).value == date(2024, 2, 3)
    assert parse_date("02/03/2024", DAY_FIRST).value == date(2024, 3, 2)
    assert parse_date("02/03/2024", AMBIGUOUS).value is None
    assert parse_date("2024-02-03", AMBIGUOUS).value == date(2024, 2, 3)  # not numeric day/month: unaffected


HEADER = "Nomor,Provinsi,Tanggal Laporan,Tanggal Kejadian\n"


def test_month_first_column_is_read_month_first_throughout(store, tmp_path):
    """An export from an English-language system: one value can only be month-first, so 02/03/2024 in
    the same column is 3 February, not 2 March; the other column stays day-first."""
    text = HEADER + "A1,Bali,01/31/2024,05/01/2024\nA2,Bali,02/03/2024,13/01/2024\n"
    report = import_file(store, write(tmp_path / "us.csv", text), ImportOptions(source="bawaslu"))
    assert report.rows_loaded == 2 and report.rows_rejected == 0
    assert report.date_orders == {"Tanggal Laporan": MONTH_FIRST, "Tanggal Kejadian": DAY_FIRST}
    with store.connect() as con:
        got = dict(con.execute("SELECT case_id, report_date FROM cases").fetchall())
        incident = dict(con.execute("SELECT case_id, incident_date FROM cases").fetchall())
    assert got == {"A1": date(2024, 1, 31), "A2": date(2024, 2, 3)}
    assert incident == {"A1": date(2024, 1, 5), "A2": date(2024, 1, 13)}


def test_ambiguous_column_is_reported_never_guessed(tmp_path, db_path):
    text = HEADER + "A1,Bali,13/01/2024,\nA2,Bali,01/13/2024,\nA3,Bali,02/03/2024,\nA4,Bali,2024-02-05,\n"
    out = cli_here("import", str(write(tmp_path / "mixed.csv", text)), "--db", str(db_path), "--json")
    payload = json.loads(out.stdout)
    assert payload["date_orders"] == {"Tanggal Laporan": AMBIGUOUS}
    assert payload["rows_loaded"] == 1  # only the ISO date: no numeric date of that column is guessed
    rejected = {e["row"]: e for e in payload["errors"]}
    assert set(rejected) == {2, 3, 4}
    assert all("13/01/2024" in e["reason"] and "01/13/2024" in e["reason"] for e in rejected.values())
