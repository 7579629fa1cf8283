"""Report-style files as offices print them: title rows, a two-row header with merged group cells, the
province merged down its group, subtotal/total rows, blank separators and notes at the end."""

from __future__ import annotations

import io
import json
import tracemalloc

import openpyxl
import pytest
from conftest import cli_here, write

from netralitas.errors import FileRefused
from netralitas.ingest import ImportOptions
from netralitas.ingest.load import import_bytes
from netralitas.ingest.read import read_bytes
from netralitas.store import Store

NIP = "198501012010011001"


def report_workbook() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Rekap"
    ws["A1"] = "REKAPITULASI PELANGGARAN NETRALITAS ASN"
    ws.merge_cells("A1:K1")
    ws["A2"] = "BAWASLU - PEMILU 2024"
    ws.merge_cells("A2:K2")
    header = {"A4": "No", "B4": "Wilayah", "D4": "Terlapor", "H4": "Tanggal", "J4": "Jenis Pelanggaran"}
    header |= {"K4": "Status"}
    for cell, value in header.items():
        ws[cell] = value
    for rng in ("A4:A5", "B4:C4", "D4:G4", "H4:I4", "J4:J5", "K4:K5"):
        ws.merge_cells(rng)
    for col, value in zip(
        "BCDEFGHI",
        ["Provinsi", "Kab/Kota", "Nama", "NIP", "Jabatan", "Instansi", "Laporan", "Rekomendasi"],
        strict=True,
    ):
        ws[f"{col}5"] = value
    data = [
        # row, No, province, regency, name, nip, position, agency, report, recommendation, violation, status
        (
            6,
            1,
            "Jawa Barat",
            "Kab. Bandung",
            "Ani",
            NIP,
            "Camat",
            "Pemkab Bandung",
            "2024-01-10",
            "2024-02-01",
            "Kampanye di media sosial",
            "Rekomendasi",
        ),
        (
            7,
            2,
            None,
            "Kota Bandung",
            "Budi",
            "",
            "Guru",
            "Dinas Pendidikan",
            "2024-01-11",
            "",
            "Menghadiri deklarasi calon",
            "Diproses",
        ),
        (
            8,
            3,
            None,
            "Kab. Garut",
            "Cici",
            "",
            "Lurah",
            "Pemkab Garut",
            "2024-01-12",
            "",
            "Foto dengan simbol partai",
            "Diproses",
        ),
        (
            11,
            4,
            "D.K.I. Jakarta",
            "Kota Adm. Jakarta Selatan",
            "Dedi",
            "",
            "Kepala Dinas",
            "Pemprov DKI",
            "2024-01-15",
            "",
            "Kampanye di media sosial",
            "Diproses",
        ),
        (
            12,
            5,
            None,
            None,
            "Eko",
            "",
            "Staf",
            "Dinas Sosial",
            "2024-01-16",
            "",
            "Kampanye di media sosial",
            "Diproses",
        ),
    ]
    for r, *values in data:
        for col, value in zip("ABCDEFGHIJK", values, strict=True):
            if value not in (None, ""):
                ws[f"{col}{r}"] = value
    ws.merge_cells("B6:B8")  # the province merged down its group: its value only in the first row
    ws["A9"] = "Jumlah Jawa Barat"
    ws.merge_cells("A9:C9")
    ws["J9"] = 3
    ws["A13"] = "Sub Total"
    ws["J13"] = 2
    ws["A14"] = "TOTAL"
    ws.merge_cells("A14:C14")
    ws["J14"] = 5
    ws["A16"] = "Keterangan: data sementara, belum diverifikasi"
    ws.merge_cells("A16:K16")
    ws["A17"] = "Sumber: Bawaslu RI"
    # formatting to the sheet's end leaves empty cells below: the end of the sheet, not skipped rows
    ws["K25"] = None
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def imp(store: Store, data: bytes, **kw):
    return import_bytes(store, data, ImportOptions(**{"source": "bawaslu", "file_name": "rekap.xlsx", **kw}))


def test_report_workbook_loads_with_exact_counts(store):
    report = imp(store, report_workbook())
    assert report.file["header_row"] == 4 and report.file["header_rows"] == 2
    assert report.columns["Wilayah Provinsi"] == "province"
    assert report.columns["Kab/Kota (Wilayah)"] == "regency"
    assert report.columns["Nama Terlapor"] == "employee_name"
    assert report.columns["NIP Terlapor"] == "nip"
    assert report.columns["Instansi Terlapor"] == "agency"
    assert report.columns["Tanggal Laporan"] == "report_date"
    assert report.columns["Tanggal Rekomendasi"] == "recommendation_date"
    assert report.columns["Jenis Pelanggaran"] == "violation_type"
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (5, 4, 1)
    skipped = {s["row"]: s["reason_en"] for s in report.skipped}
    assert set(skipped) == {9, 10, 13, 14, 15, 16, 17}
    assert report.rows_skipped == 7
    assert skipped[9].startswith("total/subtotal row") and "Jumlah Jawa Barat" in skipped[9]
    assert skipped[13].startswith("total/subtotal") and skipped[14].startswith("total/subtotal")
    assert skipped[10] == skipped[15] == "blank row"
    assert skipped[16].startswith("note row") and skipped[17].startswith("note row")
    # row 12 has no province of its own and is outside the merged B6:B8: not filled, rejected and said so
    assert [(e.row, e.reason_en) for e in report.errors] == [(12, "location is empty")]
    with store.connect() as con:
        got = dict(con.execute("SELECT employee_name, province_code FROM cases").fetchall())
    assert got == {"Ani": "32", "Budi": "32", "Cici": "32", "Dedi": "31"}


def test_reimporting_the_report_workbook_adds_nothing(store):
    data = report_workbook()
    imp(store, data)
    again = imp(store, data)
    assert (again.rows_loaded, again.rows_updated, again.rows_unchanged) == (0, 0, 4)


def test_cli_json_lists_skipped_rows(tmp_path, db_path):
    path = tmp_path / "rekap.xlsx"
    path.write_bytes(report_workbook())
    out = cli_here("import", str(path), "--db", str(db_path), "--json", "--lang", "en")
    payload = json.loads(out.stdout)
    assert payload["rows_skipped"] == 7 and payload["rows_rejected"] == 1
    assert {s["row"] for s in payload["skipped"]} == {9, 10, 13, 14, 15, 16, 17}
    assert all(set(s) == {"row", "reason"} for s in payload["skipped"])


def test_merged_cells_fill_only_their_range():
    raw = read_bytes(report_workbook())
    frame = raw.table.to_pandas()
    province = dict(zip(frame["_row"], frame["c1"], strict=True))
    assert province == {6: "Jawa Barat", 7: "Jawa Barat", 8: "Jawa Barat", 11: "D.K.I. Jakarta", 12: ""}


CSV_REPORT = (
    "REKAP PELANGGARAN NETRALITAS ASN;;;;;\n"
    ";;;;;\n"
    "No;Wilayah;;Tanggal;;Jenis Pelanggaran\n"
    ";Provinsi;Kab/Kota;Laporan;Rekomendasi;\n"
    "1;Bali;Kab. Badung;10/01/2024;;Kampanye di media sosial\n"
    "2;Bali;Kota Denpasar;11/01/2024;01/02/2024;Menghadiri deklarasi calon\n"
    "Jumlah;;;;;2\n"
    ";;;;;\n"
    "3;N.T.B.;Kota Mataram;12/01/2024;;Kampanye di media sosial\n"
    "TOTAL;;;;;3\n"
    "Keterangan: rekap sementara;;;;;\n"
)


def test_csv_report_with_two_row_header_and_subtotals(store, tmp_path):
    report = imp(store, CSV_REPORT.encode(), file_name="rekap.csv")
    assert report.file["header_row"] == 3 and report.file["header_rows"] == 2
    assert report.columns["Tanggal Laporan"] == "report_date"
    assert report.columns["Tanggal Rekomendasi"] == "recommendation_date"
    assert report.columns["Kab/Kota (Wilayah)"] == "regency"
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (3, 3, 0)
    assert {s["row"]: s["reason_en"].split(":")[0] for s in report.skipped} == {
        7: "total/subtotal row",
        8: "blank row",
        10: "total/subtotal row",
        11: "note row",
    }


def test_data_rows_that_only_mention_a_total_are_not_skipped(store):
    """The label must be the row's first filled cell: an agency called 'Jumlah…' or a violation saying
    'total' in a data row is data."""
    text = (
        "No,Provinsi,Tanggal Laporan,Instansi,Jenis Pelanggaran\n"
        "1,Bali,2024-01-10,Jumlah Dinas Terkait,Kampanye\n"
        "2,Bali,2024-01-11,Dinas Sosial,Total dukungan di media sosial\n"
    )
    report = imp(store, text.encode(), file_name="x.csv")
    assert (report.rows_loaded, report.rows_skipped) == (2, 0)


def test_analyst_chooses_the_header_row(store):
    """A title row that itself names two known columns fools the detector; the analyst's choice wins and
    the preview (read_bytes) changes before anything is written."""
    text = (
        "Provinsi dan Tanggal Laporan per kasus;Provinsi;Tanggal\nKode;Prov;Tgl Laporan\nA1;Bali;2024-01-10\n"
    )
    detected = read_bytes(text.encode())
    assert detected.header_row == 1
    chosen = read_bytes(text.encode(), header_row=2, header_rows=1)
    assert chosen.header_row == 2 and chosen.headers == ["Kode", "Prov", "Tgl Laporan"]
    assert chosen.table.num_rows == 1
    with pytest.raises(FileRefused) as exc:
        read_bytes(text.encode(), header_row=40)
    assert "40" in exc.value.message_id and "40" in exc.value.message_en
    report = imp(store, text.encode(), file_name="x.csv", header_row=2, header_rows=1)
    assert report.rows_loaded == 1 and report.file["header_row"] == 2


def test_analyst_chooses_a_two_row_header_in_a_workbook():
    one = read_bytes(report_workbook(), header_row=5, header_rows=1)
    assert one.header_row == 5 and "Provinsi" in one.headers and "Tanggal Laporan" not in one.headers
    two = read_bytes(report_workbook(), header_row=4, header_rows=2)
    assert "Tanggal Laporan" in two.headers and two.header_rows == 2


def test_large_sheet_is_streamed_not_held_as_python_objects():
    """20,000 rows x 8 columns: the reader's Python peak stays near one chunk of rows (about 5 MB), far
    below the whole-sheet grid of str objects the former read built (about 14 MB here, 34 MB at 50,000)."""
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Data")
    ws.append(
        [
            "Nomor",
            "Provinsi",
            "Kabupaten/Kota",
            "Tanggal Laporan",
            "Jenis Pelanggaran",
            "Status",
            "Nama",
            "Instansi",
        ]
    )
    for i in range(20_000):
        ws.append(
            [
                f"R{i}",
                "Bali",
                "Kab. Badung",
                "2024-01-10",
                "Kampanye",
                "Diproses",
                f"Nama {i}",
                "Dinas Sosial",
            ]
        )
    buf = io.BytesIO()
    wb.save(buf)
    data = buf.getvalue()
    tracemalloc.start()
    raw = read_bytes(data)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert raw.table.num_rows == 20_000
    assert peak < 10 * 2**20, f"peak {peak / 2**20:.1f} MB"


def test_csv_skipped_rows_with_blank_lines_keep_row_numbers(store, tmp_path):
    text = "Nomor,Provinsi,Tanggal Laporan\nA1,Bali,2024-01-10\n\nA2,Bali,2024-01-11\n,,\nSumber: BKN,,\n"
    report = imp(store, write(tmp_path / "b.csv", text).read_bytes(), file_name="b.csv")
    assert report.rows_loaded == 2
    assert [s["row"] for s in report.skipped] == [3, 5, 6]


def ods_with_merged_province() -> bytes:
    """An ODS whose province is merged down two rows (table:number-rows-spanned)."""
    import zipfile

    def cell(text: str, rows: int = 1) -> str:
        span = f' table:number-rows-spanned="{rows}"' if rows > 1 else ""
        return (
            f'<table:table-cell office:value-type="string"{span}><text:p>{text}</text:p></table:table-cell>'
        )

    rows = [
        cell("Nomor") + cell("Provinsi") + cell("Tanggal Laporan"),
        cell("A1") + cell("Bali", rows=2) + cell("2024-01-10"),
        cell("A2") + "<table:covered-table-cell/>" + cell("2024-01-11"),
    ]
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="S">'
        + "".join(f"<table:table-row>{r}</table:table-row>" for r in rows)
        + "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(
            "mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED
        )
        z.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
            'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
            "</manifest:manifest>",
        )
        z.writestr("content.xml", content)
    return buf.getvalue()


def test_ods_merges_are_not_exposed_so_the_covered_row_is_rejected_not_guessed(store):
    """What the README says is not possible: the ODS reader gives no merged ranges; the covered cell
    stays empty and its row is rejected with its number, never filled by guessing."""
    report = imp(store, ods_with_merged_province(), file_name="rekap.ods")
    assert report.file["kind"] == "ods"
    assert (report.rows_loaded, report.rows_rejected) == (1, 1)
    assert [(e.row, e.reason_en) for e in report.errors] == [(3, "location is empty")]


def test_a_first_data_row_is_never_taken_for_a_second_header_row(store):
    """Below a header with an unnamed column, a data row whose cells happen to be known names ("Kota",
    "Rekomendasi") would name more columns as a two-row header; it holds a date, so it stays data."""
    text = "Nomor,Provinsi,,Status,Tanggal Laporan\nA1,Bali,Kota,Rekomendasi,2024-01-10\n"
    report = imp(store, text.encode(), file_name="x.csv")
    assert report.file["header_rows"] == 1 and (report.rows_read, report.rows_loaded) == (1, 1)


@pytest.mark.parametrize(
    "label, kind",
    [
        ("Jumlah", "total"),
        ("JUMLAH", "total"),
        ("Jumlah Kab. Badung", "total"),
        ("Sub Total", "total"),
        ("Sub-Total", "total"),
        ("SUBTOTAL", "total"),
        ("Total", "total"),
        ("TOTAL KESELURUHAN", "total"),
        ("Grand Total", "total"),
        ("Keterangan: data sementara", "note"),
        ("Keterangan : data sementara", "note"),
        ("KETERANGAN:", "note"),
        ("Ket.: belum final", "note"),
        ("Sumber: Bawaslu", "note"),
        ("Sumber data: BKN", "note"),
        ("Catatan: rekap per 31 Januari", "note"),
        ("NB: angka sementara", "note"),
    ],
)
@pytest.mark.parametrize("column", [0, 1])
def test_every_total_and_note_label_is_skipped_where_it_is_the_first_filled_cell(label, kind, column):
    cells = ["", "", ""]
    cells[column] = label
    text = "No,Provinsi,Tanggal Laporan\n1,Bali,2024-01-10\n" + ",".join(cells) + "\n2,Bali,2024-01-11\n"
    raw = read_bytes(text.encode())
    assert list(raw.table["_row"].to_pylist()) == [2, 4]
    assert [s["row"] for s in raw.skipped] == [3]
    assert raw.skipped[0]["reason_en"].startswith("total/subtotal row" if kind == "total" else "note row")


@pytest.mark.parametrize(
    "value", ["Totalitas Dinas", "Jumlahan", "Sumber Rejeki", "Keterangan tanpa titik dua"]
)
def test_words_that_only_begin_like_a_label_are_data(value):
    text = f"Instansi,Provinsi,Tanggal Laporan\n{value},Bali,2024-01-10\n"
    raw = read_bytes(text.encode())
    assert raw.table.num_rows == 1 and raw.skipped == []
