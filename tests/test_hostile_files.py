"""Hostile files hurt nothing (issue 18): every file here is built in the test run. Each refused file gets
one line in both languages, exit status 2 and no traceback from the command line, no exception box on the
upload page, and leaves every table of the database as it was; a zip bomb is refused within the memory
target (1 GB) measured in a subprocess; every accepted file leaves every page rendering."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import openpyxl
import pytest
from builders import import_into
from conftest import ROOT, cli_here
from streamlit.testing.v1 import AppTest

from netralitas import pages as registry
from netralitas.errors import FileRefused
from netralitas.ingest.read import read_bytes
from netralitas.pages import dashboard_pages
from netralitas.store import Store

PAGES = [p.script for p in dashboard_pages()]
MEMORY_TARGET = 1 << 30
HEADER = "Nomor Register,Provinsi,Tanggal Laporan,Instansi,Status Penanganan\n"
GOOD_ROW = "H-{i},Bali,2024-01-{d:02d},Dinas Pendidikan,Diproses\n"

# ---------------------------------------------------------------------------------------------------------
# Builders: a minimal OOXML workbook, written part by part so that any part can be made hostile.

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)
SHEET_OPEN = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
SHEET_CLOSE = "</sheetData></worksheet>"


def cell(text: str, ref: str | None = None) -> str:
    r = f' r="{ref}"' if ref else ""
    return f'<c{r} t="inlineStr"><is><t>{text}</t></is></c>'


def row(*cells: str) -> str:
    return "<row>" + "".join(cells) + "</row>"


HEADER_ROW = row(cell("Provinsi"), cell("Tanggal Laporan"), cell("Instansi"))
DATA_ROW = row(cell("Bali"), cell("2024-01-10"), cell("Dinas Pendidikan"))


def workbook(sheet_parts, level: int = 9, **replace: bytes | str) -> bytes:
    """An .xlsx whose sheet is the concatenation of `sheet_parts` (streamed into the zip, so a part list
    of a billion bytes never sits in memory); `replace` swaps whole parts by name."""
    buffer = io.BytesIO()
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": WORKBOOK,
        "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
    }
    parts.update({k.replace("__", "/"): v for k, v in replace.items()})
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        for name, text in parts.items():
            z.writestr(name, text)
        if "xl/worksheets/sheet1.xml" not in parts:
            with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
                for part in sheet_parts:
                    f.write(part.encode() if isinstance(part, str) else part)
    return buffer.getvalue()


def zip_bomb() -> bytes:
    """The tester's bomb, scaled: a few MB that inflate to over 500 MB, 1.1 million rows (under the row
    limit), each row the same, compressed at level 9."""
    block = (row(cell("Bali"), cell("2024-01-10"), cell("Dinas Pendidikan " + "x" * 250)) * 10_000).encode()
    return workbook([SHEET_OPEN, HEADER_ROW, *([block] * 140), SHEET_CLOSE])


def entity_bomb() -> bytes:
    """The billion-laughs sheet: ten levels of entities, each ten of the one below."""
    entities = '<!ENTITY l0 "ha">' + "".join(
        f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    sheet = (
        f'<?xml version="1.0"?><!DOCTYPE worksheet [{entities}]>'
        + SHEET_OPEN.split("?>", 1)[1]
        + HEADER_ROW
        + row(cell("&l9;"), cell("2024-01-10"), cell("x"))
        + SHEET_CLOSE
    )
    return workbook([], **{"xl__worksheets__sheet1.xml": sheet})


def legit_workbook(rows: int = 3) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Nomor Register", "Provinsi", "Tanggal Laporan", "Instansi", "Status Penanganan"])
    for i in range(rows):
        ws.append([f"W-{i}", "Jateng", "2024-01-09", "Dinas Kesehatan", "Diproses"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def ods(content: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        z.writestr("content.xml", content)
    return buffer.getvalue()


ODS_OPEN = (
    '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
    '<office:body><office:spreadsheet><table:table table:name="Data">'
)
ODS_CLOSE = "</table:table></office:spreadsheet></office:body></office:document-content>"


def ods_cell(text: str) -> str:
    return f'<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>'


def csv_bytes(rows: int, extra: dict[int, str] | None = None, encoding: str = "utf-8") -> bytes:
    """A CSV of good rows; extra maps a data row index to a replacement line."""
    lines = [HEADER]
    for i in range(rows):
        lines.append((extra or {}).get(i, GOOD_ROW.format(i=i, d=i % 28 + 1)))
    return "".join(lines).encode(encoding)


def long_cell_csv(at: int, quoted_newline: bool = False) -> bytes:
    long = "y" * (130 * 1024)
    extra = {at: f"L-{at},Bali,2024-01-05,{long},Diproses\n"}
    if quoted_newline:  # a quoted line break elsewhere sends the file through the csv module
        extra[1] = 'Q-1,Bali,2024-01-05,"Dinas\nPendidikan",Diproses\n'
    return csv_bytes(300, extra)


# name -> (content, the refusal's key, a part of its Indonesian text, a part of its English text)
REFUSED: dict[str, tuple] = {}


def refused(name: str, key: str, id_part: str, en_part: str):
    def register(build):
        REFUSED[name] = (build, key, id_part, en_part)
        return build

    return register


refused("bomb.xlsx", "refuse_unzipped", "membesar menjadi", "inflates to")(zip_bomb)
refused("ratio.xlsx", "refuse_zip_ratio", "bom zip", "zip bomb")(
    lambda: workbook([SHEET_OPEN, HEADER_ROW, DATA_ROW * 60_000, SHEET_CLOSE])
)
refused("entities.xlsx", "refuse_xml_entities", "deklarasi DTD/entitas", "DTD/entity declaration")(
    entity_bomb
)
refused("strings_entities.xlsx", "refuse_xml_entities", "deklarasi DTD/entitas", "DTD/entity declaration")(
    lambda: workbook(
        [SHEET_OPEN, HEADER_ROW, SHEET_CLOSE],
        **{"xl__sharedStrings.xml": '<?xml version="1.0"?><!DOCTYPE sst SYSTEM "file:///etc/passwd"><sst/>'},
    )
)
refused("corner.xlsx", "refuse_sheet_rows", "baris", "rows")(
    lambda: workbook([SHEET_OPEN, HEADER_ROW, row(cell("Bali", "A5000000")), SHEET_CLOSE])
)
refused("wide.xlsx", "refuse_sheet_cells", "sel (batas", "cells (the limit")(
    lambda: workbook(
        [SHEET_OPEN, HEADER_ROW, row(cell("Bali"), cell("x", "XFD1")), DATA_ROW * 400, SHEET_CLOSE]
    )
)
refused("wide_no_refs.xlsx", "refuse_sheet_cells", "sel (batas", "cells (the limit")(
    lambda: workbook([SHEET_OPEN, HEADER_ROW, row(*[cell("v")] * 12_000), DATA_ROW * 400, SHEET_CLOSE])
)
refused("prefixed.xlsx", "refuse_sheet_cells", "sel (batas", "cells (the limit")(
    lambda: workbook(
        [
            SHEET_OPEN.replace("<worksheet xmlns=", "<x:worksheet xmlns:x=").replace(
                "<sheetData>", "<x:sheetData>"
            ),
            HEADER_ROW.replace("<row>", "<x:row>").replace("<c ", "<x:c ").replace("</c>", "</x:c>"),
            '<x:row><x:c r="XFD2" t="inlineStr"><x:is><x:t>v</x:t></x:is></x:c></x:row>' * 400,
            "</x:sheetData></x:worksheet>",
        ]
    )
)
refused("hidden_prefix.xlsx", "refuse_sheet_cells", "sel (batas", "cells (the limit")(
    lambda: workbook(
        [
            '<?xml version="1.0"?><!-- ' + os.urandom(600_000).hex() + " -->",  # the root tag lies past 1 MB
            '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>',
            "<x:row>" + '<x:c t="inlineStr"><x:is><x:t>v</x:t></x:is></x:c>' * 12_000 + "</x:row>",
            '<x:row><x:c t="inlineStr"><x:is><x:t>Bali</x:t></x:is></x:c></x:row>' * 400,
            "</x:sheetData></x:worksheet>",
        ]
    )
)
refused("quoted_ref.xlsx", "refuse_sheet_cells", "sel (batas", "cells (the limit")(
    lambda: workbook(
        [
            SHEET_OPEN,
            HEADER_ROW,
            "<row><c r = 'XFD2' t='inlineStr'><is><t>v</t></is></c></row>",
            DATA_ROW * 400,
            SHEET_CLOSE,
        ]
    )
)
refused("lying_dimension.xlsx", "refuse_sheet_cells", "sel (batas", "cells (the limit")(
    lambda: workbook(
        [
            SHEET_OPEN.replace("<sheetData>", '<dimension ref="A1:C3"/><sheetData>'),
            HEADER_ROW,
            row(cell("v", "XFD400")),
            SHEET_CLOSE,
        ]
    )
)
refused("far_empty_row.xlsx", "refuse_sheet_rows", "baris", "rows")(
    lambda: workbook([SHEET_OPEN, HEADER_ROW, '<row r="5000000"/>', DATA_ROW, SHEET_CLOSE])
)
refused("odd_part_name.xlsx", "refuse_sheet_cells", "sel (batas", "cells (the limit")(
    lambda: workbook(
        [],
        **{
            "xl___rels__workbook.xml.rels": WORKBOOK_RELS.replace("worksheets/sheet1.xml", "data/s.dat"),
            "xl__data__s.dat": SHEET_OPEN + HEADER_ROW + row(cell("v", "XFD400")) + SHEET_CLOSE,
        },
    )
)
refused("malformed.xlsx", "refuse_unreadable", "tidak dapat dibaca", "cannot be read")(
    lambda: workbook(
        [], **{"xl__worksheets__sheet1.xml": SHEET_OPEN + "<row><c t='inlineStr'><is><t>Bali</is>"}
    )
)
refused("workbook_garbage.xlsx", "refuse_unreadable", "tidak dapat dibaca", "cannot be read")(
    lambda: workbook([SHEET_OPEN, HEADER_ROW, SHEET_CLOSE], **{"xl__workbook.xml": b"\x89PNG\r\n\x1a\n" * 50})
)
refused("no_sheet_part.xlsx", "refuse_unreadable", "tidak dapat dibaca", "cannot be read")(
    lambda: workbook([], **{"xl__worksheets__sheet1.xml": ""}).replace(
        b"xl/worksheets/sheet1.xml", b"xl/worksheets/sheetX.xml"
    )
)
refused("truncated.xlsx", "refuse_zip_damaged", "rusak", "damaged")(lambda: legit_workbook(200)[:4000])


def flipped_byte() -> bytes:
    """A workbook whose sheet's compressed bytes were altered: the inflate or the CRC check fails."""
    data = bytearray(legit_workbook(2000))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("xl/worksheets/sheet1.xml")
    at = info.header_offset + 30 + len(info.filename) + len(info.extra) + info.compress_size // 2
    data[at] ^= 0xFF
    return bytes(data)


refused("crc.xlsx", "refuse_zip_damaged", "rusak", "damaged")(flipped_byte)
refused("corrupt.xls", "refuse_unreadable", "tidak dapat dibaca", "cannot be read")(
    lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 40
)
refused("corrupt.ods", "refuse_unreadable", "tidak dapat dibaca", "cannot be read")(
    lambda: ods(ODS_OPEN + "<table:table-row><table:table-cell")
)
refused("repeated.ods", "refuse_sheet_cells", "sel (batas", "cells (the limit")(
    lambda: ods(
        ODS_OPEN
        + "<table:table-row>"
        + ods_cell("Provinsi")
        + ods_cell("Tanggal Laporan")
        + "</table:table-row>"
        + '<table:table-row table:number-rows-repeated="1000000">'
        + '<table:table-cell table:number-columns-repeated="50"/>'
        + ods_cell("Bali")
        + "</table:table-row>"
        + ODS_CLOSE
    )
)
refused("bad_utf16.csv", "refuse_unreadable", "tidak dapat dibaca", "cannot be read")(
    lambda: b"\xff\xfe" + HEADER.encode("utf-16-le") + b"\x00\xd8A\x00,\x00" * 3 + b"\n\x00"
)
refused("odd_utf16.csv", "refuse_unreadable", "tidak dapat dibaca", "cannot be read")(
    lambda: b"\xfe\xff" + (HEADER + GOOD_ROW.format(i=1, d=1)).encode("utf-16-be") + b"\x00"
)
refused("long_cell.csv", "refuse_cell_too_long", "Baris 202,", "Row 202,")(lambda: long_cell_csv(200))
refused("long_cell_quoted.csv", "refuse_line_too_long", "Baris 203", "Row 203")(
    lambda: long_cell_csv(200, quoted_newline=True)
)
refused("long_cell_head.csv", "refuse_line_too_long", "Baris 4", "Row 4")(lambda: long_cell_csv(2))


# ---------------------------------------------------------------------------------------------------------
# The database before and after: every table's row count and a checksum of its rows.


def tables_digest(db: Path) -> dict[str, tuple[int, str]]:
    store = Store(db)
    with store.connect() as con:
        names = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()]
        out = {}
        for name in sorted(names):
            rows = con.execute(f'SELECT * FROM "{name}"').fetchall()  # noqa: S608 - names from the catalog
            text = "\n".join(sorted(repr(r) for r in rows))
            out[name] = (len(rows), hashlib.sha256(text.encode()).hexdigest())
    from netralitas.store import close_all

    close_all()
    return out


@pytest.fixture(scope="module")
def base_db(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("hostile")
    good = tmp / "good.csv"
    good.write_bytes(csv_bytes(40))
    db = tmp / "base.duckdb"
    import_into(db, good, "kasn")  # in this process: the files that follow are what is tested
    return db


@pytest.fixture
def db(base_db, tmp_path) -> Path:
    import shutil

    copy = tmp_path / "db.duckdb"
    shutil.copy(base_db, copy)
    return copy


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("files")
    paths = {}
    for name, (build, *_rest) in REFUSED.items():
        paths[name] = tmp / name
        paths[name].write_bytes(build())
    return paths


# ---------------------------------------------------------------------------------------------------------
# Refusals


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_hostile_file_is_refused_in_both_languages(built, name):
    _build, _key, id_part, en_part = REFUSED[name]
    with pytest.raises(FileRefused) as info:
        read_bytes(built[name].read_bytes())
    exc = info.value
    assert id_part in exc.message_id and en_part in exc.message_en, (exc.message_id, exc.message_en)
    assert "\n" not in exc.message_id and "\n" not in exc.message_en
    assert "/work/" not in exc.message_id + exc.message_en  # no server paths


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_the_command_line_refuses_with_status_2_and_changes_nothing(built, db, name):
    _build, _key, id_part, en_part = REFUSED[name]
    before = tables_digest(db)
    r = cli_here("import", str(built[name]), "--db", str(db), "--json")
    assert r.returncode == 2, (r.returncode, r.stderr[-2000:])
    assert "Traceback" not in r.stderr and "Traceback" not in r.stdout
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and id_part in lines[0] and en_part in lines[0], r.stderr
    error = json.loads(r.stdout)["error"]
    assert id_part in error["id"] and en_part in error["en"]
    assert tables_digest(db) == before


RSS_PROBE = textwrap.dedent(
    """
    import resource, subprocess, sys
    r = subprocess.run(sys.argv[1:], capture_output=True, text=True)
    print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)
    print(r.stderr.strip())
    """
)


def test_a_zip_bomb_from_the_command_line_stays_under_the_memory_target(built, db):
    bomb = built["bomb.xlsx"]
    assert bomb.stat().st_size < 10 * 2**20
    assert sum(i.file_size for i in zipfile.ZipFile(bomb).infolist()) > 500 * 2**20
    before = tables_digest(db)
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            RSS_PROBE,
            sys.executable,
            "-m",
            "netralitas",
            "import",
            str(bomb),
            "--db",
            str(db),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    status, peak = (int(v) for v in probe.stdout.splitlines()[0].split())
    assert status == 2 and "Traceback" not in probe.stdout
    assert peak < MEMORY_TARGET, f"peak RSS {peak / 2**20:.0f} MB"
    assert tables_digest(db) == before


UPLOAD_PROBE = textwrap.dedent(
    """
    import json, os, resource, sys
    from pathlib import Path
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(sys.argv[1], default_timeout=120)
    at.run()
    at.switch_page("views/unggah.py")
    at.run()
    data = Path(sys.argv[2]).read_bytes()
    at.file_uploader(key="uploads").set_value((Path(sys.argv[2]).name, data, "application/octet-stream")).run()
    print(json.dumps({
        "exceptions": [e.value for e in at.exception],
        "errors": [e.value for e in at.error],
        "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    }))
    """
)


def upload_in_subprocess(path: Path, db: Path) -> dict:
    import os

    r = subprocess.run(
        [sys.executable, "-c", UPLOAD_PROBE, str(ROOT / "app.py"), str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        env={**os.environ, "NETRALITAS_DB": str(db), "NETRALITAS_LOAD_SAMPLE": "0"},
    )
    assert r.returncode == 0, r.stderr[-3000:]
    return json.loads(r.stdout.strip().splitlines()[-1])


def test_a_zip_bomb_on_the_upload_page_is_refused_under_the_memory_target(built, db):
    before = tables_digest(db)
    seen = upload_in_subprocess(built["bomb.xlsx"], db)
    assert seen["exceptions"] == []
    message = " ".join(seen["errors"])
    assert "membesar menjadi" in message and "inflates to" in message
    assert seen["peak"] < MEMORY_TARGET, f"peak RSS {seen['peak'] / 2**20:.0f} MB"
    assert tables_digest(db) == before


@pytest.mark.parametrize("uploader", ["uploads", "headcount_upload_0"])
@pytest.mark.parametrize(
    "name", ["entities.xlsx", "malformed.xlsx", "long_cell.csv", "corrupt.xls", "wide.xlsx"]
)
def test_the_upload_page_shows_the_refusal_not_an_exception(built, db, name, uploader, monkeypatch):
    _build, _key, id_part, en_part = REFUSED[name]
    monkeypatch.setenv("NETRALITAS_DB", str(db))
    monkeypatch.setenv("NETRALITAS_LOAD_SAMPLE", "0")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("views/unggah.py")
    at.run()
    # the headcount uploader lists no .xls: the same bytes under an accepted name (content decides the reader)
    shown = str(Path(name).with_suffix(".xlsx")) if name.endswith(".xls") else name
    data = built[name].read_bytes()
    at.file_uploader(key=uploader).set_value((shown, data, "application/octet-stream")).run()
    assert not at.exception, [e.value for e in at.exception]
    message = " ".join(e.value for e in at.error)
    assert id_part in message and en_part in message, message


# ---------------------------------------------------------------------------------------------------------
# Accepted files: control characters, UTF-16 without a byte order mark


def nul_past_8k() -> bytes:
    rows = 400  # about 20 KB: the NUL lands well past the first 8 KB that the binary check looks at
    extra = {
        300: "N-300,Bali,2024-01-05,Dinas\x00Pendidikan,Diproses\n",
        350: "N-350,Bali,2024-01-05,Dinas\x1b[31m,Diproses\n",
    }
    return csv_bytes(rows, extra)


def test_a_nul_past_the_first_8_kb_refuses_its_row_with_the_row_number():
    data = nul_past_8k()
    assert data.index(b"\x00") > 8192
    raw = read_bytes(data)
    assert raw.table.num_rows == 398 and raw.rows == 400
    problems = {p.row: p for p in raw.problems}
    assert sorted(problems) == [302, 352]  # file lines: the header is line 1
    assert problems[302].column == "Instansi" and "U+0000" in problems[302].reason_id
    assert "U+0000" in problems[302].reason_en and "<U+0000>" in problems[302].value
    assert "U+001B" in problems[352].reason_id
    assert "\x00" not in problems[302].value


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x0e", "\x1f", "\ufffe", "\uffff"])
def test_every_xml_illegal_character_refuses_its_row_and_legal_ones_do_not(char):
    data = csv_bytes(
        5, {2: f"C-2,Bali,2024-01-05,Dinas{char}X,Diproses\n", 3: 'C-3,Bali,2024-01-05,"Dinas\tX",Diproses\n'}
    )
    raw = read_bytes(data)
    assert [p.row for p in raw.problems] == [4]
    assert raw.table.num_rows == 4  # the tab is legal


def test_control_characters_in_a_workbook_cell_refuse_the_row():
    sheet = [
        SHEET_OPEN,
        HEADER_ROW,
        DATA_ROW,
        row(cell("Bali"), cell("2024-01-10"), cell("Dinas&#x1;X")),
        SHEET_CLOSE,
    ]
    raw = read_bytes(workbook(sheet))
    assert [p.row for p in raw.problems] == [3] and raw.table.num_rows == 1


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(encoding):
    text = HEADER + "U-1,Jawa Barat,2024-01-05,Dinas Pendidikan Kabupaten Garut — Tanah Sunda,Diproses\n"
    utf8 = read_bytes(text.encode("utf-8"))
    raw = read_bytes(text.encode(encoding))
    assert raw.encoding == encoding
    assert raw.headers == utf8.headers and raw.table.drop(["_row"]).equals(utf8.table.drop(["_row"]))


@pytest.mark.parametrize(
    "data",
    [bytes(range(256)) * 40, legit_workbook(5)[200:], b"\x00\x01\x02" * 30],
    ids=["all-bytes", "cut-workbook", "control-bytes"],
)
def test_binary_is_still_refused_as_binary(data):
    with pytest.raises(FileRefused) as info:
        read_bytes(data)
    assert "biner" in info.value.message_id and "binary" in info.value.message_en


def accepted_files(tmp: Path) -> dict[str, Path]:
    files = {
        "nul.csv": nul_past_8k(),
        "utf16le.csv": (HEADER + GOOD_ROW.format(i=900, d=3)).encode("utf-16-le"),
        "utf16be.csv": (HEADER + GOOD_ROW.format(i=901, d=4)).encode("utf-16-be"),
        "control.xlsx": workbook(
            [
                SHEET_OPEN,
                HEADER_ROW,
                DATA_ROW,
                row(cell("Bali"), cell("2024-01-11"), cell("Dinas&#x1;X")),
                SHEET_CLOSE,
            ]
        ),
    }
    out = {}
    for name, data in files.items():
        out[name] = tmp / name
        out[name].write_bytes(data)
    return out


def render_every_page(db: Path, monkeypatch) -> None:
    monkeypatch.setenv("NETRALITAS_DB", str(db))
    monkeypatch.setenv("NETRALITAS_LOAD_SAMPLE", "0")
    for page in [p.script for p in registry.pages_for("analyst")]:  # the role a test session has
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.run()
        at.switch_page(page)
        at.run()
        assert not at.exception, (page, [e.value for e in at.exception])


def test_every_page_renders_after_each_accepted_file(db, tmp_path, monkeypatch):
    for name, path in accepted_files(tmp_path).items():
        r = cli_here("import", str(path), "--db", str(db), "--json")
        assert r.returncode == 0 and "Traceback" not in r.stderr, (name, r.stderr)
        report = json.loads(r.stdout)
        assert report["rows_loaded"] >= 1, (name, report)
        render_every_page(db, monkeypatch)


def test_text_stored_with_control_characters_never_breaks_a_page_or_the_xlsx_export(db, monkeypatch):
    """Rows imported before the rule may hold them: put them in the store directly."""
    store = Store(db)
    with store.connect() as con:
        con.execute(
            "UPDATE cases SET agency = $agency, employee_name = $name "
            "WHERE case_id IN (SELECT case_id FROM cases ORDER BY case_id LIMIT 5)",
            {"agency": "Dinas\x00Pendidikan\x1b", "name": "Budi\x0bRekaan"},
        )
        stored = con.execute(
            "SELECT agency FROM cases WHERE agency LIKE 'Dinas%Pendidikan%' LIMIT 1"
        ).fetchall()
    assert stored and "\x00" in stored[0][0]  # the store really holds the NUL
    from netralitas.store import close_all

    close_all()
    render_every_page(db, monkeypatch)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("views/kasus.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Pendidikan" in str(v) for v in at.dataframe[0].value.astype(str).to_numpy().ravel())


def test_the_xlsx_export_replaces_illegal_characters_visibly_and_keeps_the_rest():
    import pandas as pd

    from netralitas.export import to_xlsx_bytes

    frame = pd.DataFrame({"Instansi": ["Dinas\x00Pendidikan\x1b", "Tab\tok\nline"], "n": [1, 2]})
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(frame))).active
    assert [c.value for c in sheet["A"]][1:] == ["Dinas\ufffdPendidikan\ufffd", "Tab\tok\nline"]


def test_a_declaration_across_two_chunks_is_found():
    import os

    from netralitas.ingest import limits

    filler = os.urandom(limits.CHUNK).hex().encode()[: limits.CHUNK - 4]  # incompressible: no ratio refusal
    data = workbook([], **{"xl__worksheets__sheet1.xml": filler + b"<!DOCTYPE x>"})
    with pytest.raises(FileRefused) as info:
        read_bytes(data)
    assert "DTD" in info.value.message_id


def test_a_legit_workbook_near_the_limits_is_accepted(monkeypatch):
    """The limits refuse what a reader cannot hold, not ordinary exports: a sheet just inside the cell
    limit, with the usual compression, is read."""
    monkeypatch.setenv("NETRALITAS_MAX_CELLS", "3000")
    data = legit_workbook(599)  # 600 rows x 5 columns = 3,000 cells
    assert read_bytes(data).table.num_rows == 599
    with pytest.raises(FileRefused):
        read_bytes(legit_workbook(600))


def test_a_panic_inside_the_workbook_reader_is_a_refusal_too():
    from netralitas.ingest import limits

    class PanicException(BaseException):  # what pyo3 raises when Rust code panics
        pass

    def panics():
        raise PanicException("index out of bounds: the len is 3 but the index is 7")

    with pytest.raises(FileRefused) as info:
        limits.guarded(panics)
    assert "tidak dapat dibaca" in info.value.message_id and "index out of bounds" in info.value.message_en
    with pytest.raises(KeyboardInterrupt):
        limits.guarded(lambda: (_ for _ in ()).throw(KeyboardInterrupt()))
