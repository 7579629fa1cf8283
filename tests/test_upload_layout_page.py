"""The upload page with a report-style file: the analyst chooses the header row and sees the preview
change before anything is written; skipped rows are shown beside the rejected ones."""

from __future__ import annotations

import pytest
from conftest import ROOT
from streamlit.testing.v1 import AppTest

from netralitas.store import Store

# The title row names two known columns, so the detector takes it for the header (row 1).
FILE = (
    "Provinsi dan Tanggal Laporan per kasus;Provinsi;Tanggal\n"
    "Kode;Prov;Tgl Laporan\n"
    "A1;Bali;2024-01-10\n"
    "A2;Atlantis;2024-01-11\n"
    "Jumlah;;2\n"
    "Keterangan: data sementara;;\n"
)


@pytest.fixture
def page(tmp_path, monkeypatch):
    db = tmp_path / "upload.duckdb"
    monkeypatch.setenv("NETRALITAS_DB", str(db))
    monkeypatch.setenv("NETRALITAS_LOAD_SAMPLE", "0")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("views/unggah.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at, db


def preview_headers(at: AppTest) -> list[str]:
    return list(at.dataframe[1].value.columns)  # [0] is the file's first rows, [1] the preview


def cases_in(db) -> int:
    store = Store(db)
    if not store.exists():
        return 0
    with store.connect() as con:
        return con.execute("SELECT count(*) FROM cases").fetchone()[0]


def test_choosing_the_header_row_changes_the_preview_before_anything_is_written(page):
    at, db = page
    at.file_uploader(key="uploads").set_value(("rekap.csv", FILE.encode(), "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    key = next(s.key for s in at.selectbox if s.key and s.key.startswith("hdr_"))
    assert at.selectbox(key=key).value == 0  # automatic
    assert "Provinsi dan Tanggal Laporan per kasus" in preview_headers(at)  # the wrong row was taken
    first = at.dataframe[0].value
    assert list(first["baris"]) == [1, 2, 3, 4, 5, 6]  # the file's rows, to choose from

    at.selectbox(key=key).set_value(2).run()
    assert not at.exception, [e.value for e in at.exception]
    assert preview_headers(at) == ["baris", "Kode", "Prov", "Tgl Laporan"]
    assert list(at.dataframe[1].value["baris"]) == [3, 4]
    assert cases_in(db) == 0  # a preview writes nothing

    dry = next(b for b in at.button if b.label.startswith("Uji coba"))
    dry.click().run()
    assert not at.exception, [e.value for e in at.exception]
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Baru"], metrics["Ditolak"], metrics["Dilewati"]) == ("1", "1", "2")
    tables = [d.value for d in at.dataframe]
    # labelled for people, as every table of the page
    rejected = next(t for t in tables if list(t.columns) == ["Baris", "Kolom", "Nilai", "Alasan"])
    skipped = next(t for t in tables if list(t.columns) == ["Baris", "Alasan"])
    assert list(rejected["Baris"]) == [4] and "Atlantis" in rejected["Nilai"][0]
    assert list(skipped["Baris"]) == [5, 6]
    assert "jumlah" in skipped["Alasan"][0] and "catatan" in skipped["Alasan"][1]
    assert cases_in(db) == 0  # still a dry run

    commit = next(b for b in at.button if b.label.startswith("Simpan ke basis data"))
    commit.click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert cases_in(db) == 1


def test_a_detected_two_row_header_can_be_turned_off(page):
    at, _db = page
    text = "No,Wilayah,,Tanggal\n,Provinsi,Kab/Kota,Laporan\n1,Bali,Kab. Badung,2024-01-10\n"
    at.file_uploader(key="uploads").set_value(("two.csv", text.encode(), "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    key = next(c.key for c in at.checkbox if c.key and c.key.startswith("hdr2_"))
    assert at.checkbox(key=key).value  # detected as a two-row header
    assert "Tanggal Laporan" in preview_headers(at)
    at.checkbox(key=key).uncheck().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Tanggal Laporan" not in preview_headers(at) and "Tanggal" in preview_headers(at)


def test_every_importer_column_has_a_label_in_both_languages():
    """The mapping table offers every canonical column by its heading (with its name), and the empty
    choice as ignored: a new column without a heading fails here, not on the upload page."""
    from netralitas.ingest.mapping import CANONICAL_COLUMNS
    from netralitas.present.tables import canonical_label

    for lang in ("id", "en"):
        labels = [canonical_label(c, lang) for c in CANONICAL_COLUMNS]
        assert all(label.endswith(f" ({c})") for label, c in zip(labels, CANONICAL_COLUMNS, strict=True))
        assert len(set(labels)) == len(labels), labels
    assert canonical_label("province", "id") == "Provinsi (province)"
    assert canonical_label("", "id") == "(diabaikan)" and canonical_label("", "en") == "(ignored)"


def test_the_mapping_table_names_ignored_headers_and_reads_every_change(tmp_path):
    """An ignored header is a choice of its own in the mapping table (the data editor shows an empty cell
    as "None"); the overrides read back from the edited table are exactly the rows the analyst changed,
    a cleared cell counting as ignored."""
    from netralitas.present.tables import canonical_label
    from netralitas.uploads import IGNORED, mapping_table, overrides_from_table, preview

    data = b"No,No. Register,PROV.,Tgl Laporan,Catatan Lain\n1,R-1,Bali,2024-01-10,x\n"
    table = mapping_table(preview(Store(tmp_path / "m.duckdb"), data, "bawaslu"))
    chosen = dict(zip(table["header"], table["column"], strict=True))
    assert chosen["PROV."] == "province" and chosen["Tgl Laporan"] == "report_date"
    assert chosen["No"] == IGNORED and chosen["Catatan Lain"] == IGNORED
    assert canonical_label(IGNORED, "id") == "(diabaikan)"
    assert overrides_from_table(table, table) == {}
    edited = table.copy()
    edited.loc[edited["header"] == "Catatan Lain", "column"] = "agency"
    edited.loc[edited["header"] == "PROV.", "column"] = IGNORED
    edited.loc[edited["header"] == "Tgl Laporan", "column"] = None  # a cell the analyst cleared
    edited.loc[edited["header"] == "No", "column"] = "not a column"  # never offered: left as it was
    assert overrides_from_table(edited, table) == {"Catatan Lain": "agency", "PROV.": "", "Tgl Laporan": ""}
