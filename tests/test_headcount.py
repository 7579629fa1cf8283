"""ASN headcount uploads, per province and per agency: level detection, row-by-row validation, matching to
the agencies in the cases, replacement of one level in one transaction, and the agencies' per-ASN rates."""

from __future__ import annotations

import re
import subprocess
import sys
from contextlib import contextmanager
from datetime import date

import pandas as pd
import pytest
from conftest import FIXTURES, ROOT, write

from netralitas.errors import FileRefused
from netralitas.headcount import detect_columns, fmt_rate, import_headcount, parse_count, rank_agencies
from netralitas.ingest import ImportOptions, import_file
from netralitas.queries import run

AGENCY_FILE = (FIXTURES / "asn_instansi_2024.csv").read_bytes()


@pytest.fixture
def kasn_store(store, tmp_path):
    """The KASN fixture's seven cases: Wakatobi, Purbalingga, Sumbawa, Kediri, Papua, Medan, Banjarmasin."""
    path = write(
        tmp_path / "kasn.csv", (FIXTURES / "kasn_2020_messy.csv").read_text(encoding="utf-8"), "cp1252"
    )
    assert import_file(store, path, ImportOptions(source="kasn")).rows_loaded == 7
    return store


def league(store) -> pd.DataFrame:
    return run(store, "agencies", None, {"overdue_days": 14, "as_of": date.today(), "limit": None})


def stored(store, level: str) -> dict[str, int]:
    with store.connect() as con:
        rows = con.execute("SELECT code, asn_count FROM headcount WHERE level = ?", [level]).fetchall()
    return dict(rows)


def audit(store) -> list[str]:
    with store.connect() as con:
        rows = con.execute("SELECT detail FROM audit_log ORDER BY happened_at").fetchall()
    return [r[0] for r in rows if r[0].startswith("jumlah ASN")]


def test_agency_file_is_detected_cleaned_matched_and_checked_before_saving(kasn_store):
    check = import_headcount(kasn_store, AGENCY_FILE, "andi", dry_run=True)
    assert check.level == "agency" and (check.name_column, check.count_column) == (
        "Nama Instansi",
        "Jumlah ASN",
    )
    assert (check.rows_read, check.rows_loaded, check.errors) == (5, 5, [])
    # cleaned like case imports: "PEMKAB WAKATOBI", "Kab. Purbalingga", "pemerintah kabupaten sumbawa" and
    # "Pemkot Medan" meet the agencies of the cases; Kementerian Agama has no case here, which is no error
    assert check.matched == 4 and check.unmatched == ["Kementerian Agama"]
    assert stored(kasn_store, "agency") == {} and audit(kasn_store) == []

    done = import_headcount(kasn_store, AGENCY_FILE, "andi")
    assert done.rows_loaded == 5 and done.replaced == 0
    assert stored(kasn_store, "agency") == {
        "Pemerintah Kabupaten Wakatobi": 3215,
        "Pemerintah Kabupaten Purbalingga": 9870,
        "Pemerintah Kabupaten sumbawa": 7402,
        "Pemerintah Kota Medan": 21950,
        "Kementerian Agama": 251000,
    }
    assert audit(kasn_store) == [
        "jumlah ASN untuk 5 instansi diunggah (0 baris ditolak, 0 baris lama diganti)"
    ]
    rates = league(kasn_store).set_index("key")
    assert rates.loc["Pemerintah Kabupaten Wakatobi", "asn_count"] == 3215
    assert rates.loc["Pemerintah Kabupaten Wakatobi", "cases_per_1000_asn"] == pytest.approx(1000 / 3215)
    # the lower-case spelling in the headcount file still meets "Pemerintah Kabupaten Sumbawa" in the cases
    assert rates.loc["Pemerintah Kabupaten Sumbawa", "asn_count"] == 7402
    assert pd.isna(rates.loc["Pemerintah Kabupaten Kediri", "asn_count"])
    assert pd.isna(rates.loc["Pemerintah Kabupaten Kediri", "cases_per_1000_asn"])


def test_a_lower_case_office_name_meets_the_case_spelling(store, tmp_path):
    path = write(
        tmp_path / "c.csv",
        "Nomor,Provinsi,Instansi,Tanggal Laporan\n"
        "D1,Jawa Timur,Dinas Pendidikan Kab. Kediri,2024-01-10\n"
        "D2,Jawa Timur,DINAS PENDIDIKAN KAB. KEDIRI,2024-01-11\n",
    )
    assert import_file(store, path, ImportOptions(source="bawaslu")).rows_loaded == 2
    report = import_headcount(store, b"Instansi,Jumlah ASN\ndinas pendidikan kab. kediri,4000\n", "andi")
    assert report.matched == 1
    rows = league(store)
    assert list(rows["key"]) == ["Dinas Pendidikan Kab. Kediri"]
    assert list(rows["asn_count"]) == [4000] and list(rows["cases_per_1000_asn"]) == [pytest.approx(0.5)]


def test_bad_rows_are_rejected_one_by_one_with_row_column_value_and_reason(kasn_store):
    text = (
        "Daftar ASN\n"
        "Instansi;Jumlah ASN\n"
        "Pemkab Wakatobi;3.215\n"  # row 3: good
        ";120\n"  # row 4: no name
        "Pemkot Medan;0\n"  # row 5: not positive
        "Pemkab Kediri;-40\n"  # row 6: not positive
        "Pemkab Sumbawa;1,5\n"  # row 7: not a whole number
        "Pemkab Sleman;banyak\n"  # row 8: not a number
        "Kementerian Agama;25.000.000\n"  # row 9: more than all ASN
        "KAB. WAKATOBI;3.300\n"  # row 10: the same agency as row 3 once cleaned
        "Pemkot Banjarmasin;6.100\n"  # row 11: good
    )
    report = import_headcount(kasn_store, text.encode(), "andi", dry_run=True)
    assert report.level == "agency" and report.rows_read == 9 and report.rows_loaded == 2
    assert report.rows_rejected == 7
    got = [(e.row, e.column, e.value, e.reason_en.split(":")[0]) for e in report.errors]
    assert got == [
        (4, "Instansi", "", "the agency name is empty"),
        (5, "Jumlah ASN", "0", "the count must be a positive whole number"),
        (6, "Jumlah ASN", "-40", "the count must be a positive whole number"),
        (7, "Jumlah ASN", "1,5", "the count must be a positive whole number"),
        (8, "Jumlah ASN", "banyak", "the count must be a positive whole number"),
        (9, "Jumlah ASN", "25.000.000", "the count exceeds 10,000,000 (more than all of Indonesia's ASN)"),
        (10, "Instansi", "KAB. WAKATOBI", "the agency appears twice in the file"),
    ]
    assert "baris 3" in report.errors[-1].reason_id and "row 3" in report.errors[-1].reason_en
    assert all(e.reason_id and e.reason_id != e.reason_en for e in report.errors)


def test_level_comes_from_the_headers_or_from_the_user():
    assert detect_columns(["Provinsi", "Jumlah ASN"]) == ("province", 0, 1)
    assert detect_columns(["No", "Nama Instansi", "Jumlah ASN"]) == ("agency", 1, 2)
    assert detect_columns(["Satuan Kerja", "Total Pegawai"]) == ("agency", 0, 1)
    # an agency file that also names the province is an agency file, unless the user says otherwise
    assert detect_columns(["Provinsi", "Instansi", "Jumlah ASN"]) == ("agency", 1, 2)
    assert detect_columns(["Provinsi", "Instansi", "Jumlah ASN"], "province") == ("province", 0, 2)
    # the total wins over the parts
    assert detect_columns(["Instansi", "Jumlah PNS", "Jumlah", "Jumlah ASN"]) == ("agency", 0, 3)
    with pytest.raises(FileRefused) as refused:
        detect_columns(["Nama", "Umur"])
    assert "Provinsi atau Instansi" in refused.value.message_id and "Nama, Umur" in refused.value.message_en
    with pytest.raises(FileRefused, match="Instansi"):
        detect_columns(["Provinsi", "Jumlah ASN"], "agency")


def test_an_upload_replaces_only_its_own_level_in_one_transaction(kasn_store, monkeypatch):
    import_headcount(kasn_store, b"Provinsi;Jumlah ASN\nJateng;250.000\nBali;60.000\n", "andi")
    import_headcount(kasn_store, AGENCY_FILE, "andi")
    again = import_headcount(kasn_store, b"Instansi,Jumlah ASN\nPemkot Medan,22000\n", "andi")
    assert again.replaced == 5
    assert stored(kasn_store, "agency") == {"Pemerintah Kota Medan": 22000}
    assert stored(kasn_store, "province") == {"33": 250000, "51": 60000}
    # a file with no good row, or one that cannot be read, changes nothing
    assert import_headcount(kasn_store, b"Instansi,Jumlah ASN\nPemkot Medan,nol\n", "andi").rows_loaded == 0
    with pytest.raises(FileRefused):
        import_headcount(kasn_store, b"Instansi,Umur\nx,1\n", "andi")
    assert stored(kasn_store, "agency") == {"Pemerintah Kota Medan": 22000}
    # a failure half-way through the save (old rows deleted, new ones inserted) leaves the earlier ones whole
    real = kasn_store.transaction

    @contextmanager
    def failing():
        with real() as con:

            class Half:
                def execute(self, *args):
                    return con.execute(*args)

                def executemany(self, *args):
                    con.executemany(*args)
                    raise RuntimeError("disk full")

            yield Half()

    monkeypatch.setattr(kasn_store, "transaction", failing)
    with pytest.raises(RuntimeError):
        import_headcount(kasn_store, AGENCY_FILE, "andi")
    monkeypatch.undo()
    assert stored(kasn_store, "agency") == {"Pemerintah Kota Medan": 22000}
    assert len(audit(kasn_store)) == 3


def test_province_file_reports_which_provinces_have_cases(kasn_store):
    report = import_headcount(kasn_store, b"Provinsi;Jumlah ASN\nSultra;40.000\nBali;60.000\n", "andi", True)
    assert report.level == "province" and report.matched == 1 and report.unmatched == ["51"]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("250000", 250000),
        ("250.000", 250000),
        ("250,000", 250000),
        ("250 000", 250000),
        ("250000.0", 250000),
        ("12.000,00", 12000),
        ("1.000", 1000),
        ("1.5", None),
        ("1,5", None),
        ("-3", None),
        ("1.000.00", None),
        ("", None),
        (None, None),
        ("12345678901234567890~", None),
    ],
)
def test_counts_as_headcount_files_write_them(text, count):
    assert parse_count(text) == count


def test_ranking_per_asn_puts_agencies_without_headcount_last():
    frame = pd.DataFrame(
        {
            "key": ["a", "b", "c", "d"],
            "cases": [50, 3, 9, 2],
            "cases_per_1000_asn": [0.5, 12.0, None, 30.0],
        }
    )
    assert list(rank_agencies(frame, "cases")["key"]) == ["a", "b", "c", "d"]
    assert list(rank_agencies(frame, "per_asn")["key"]) == ["d", "b", "a", "c"]
    assert list(rank_agencies(frame, "per_asn", top=2)["key"]) == ["d", "b"]


def test_rates_read_as_people_write_them():
    assert fmt_rate(36.875, "id") == "36,9" and fmt_rate(36.875, "en") == "36.9"
    assert fmt_rate(0.1275, "id") == "0,13"
    assert fmt_rate(None) is None and fmt_rate(float("nan")) is None


# -- the upload size limit ------------------------------------------------------------------------------


def test_upload_limits_follow_the_setting_and_the_server(monkeypatch):
    from netralitas.uploads import MIB, UploadLimits, browser_limit_mb, upload_limits

    monkeypatch.setenv("NETRALITAS_UPLOAD_LIMIT_MB", "50")
    assert browser_limit_mb() == 100
    limits = upload_limits(400)
    assert (limits.limit_mb, limits.widget_mb, limits.server_too_low) == (50, 100, False)
    limits.refuse_if_too_large("ok.csv", 50 * MIB)
    with pytest.raises(FileRefused) as refused:
        limits.refuse_if_too_large("besar.csv", 50 * MIB + 1)
    assert "“besar.csv” terlalu besar: 50,0 MB, batasnya 50 MB" in refused.value.message_id
    assert "“besar.csv” is too large: 50.0 MB, the limit is 50 MB" in refused.value.message_en
    assert "NETRALITAS_UPLOAD_LIMIT_MB" in refused.value.message_id
    assert "Paling besar 50 MB per berkas (CSV)" in limits.help("id", "CSV")
    assert "At most 50 MB per file (CSV)" in limits.help("en", "CSV")
    # a server started with a lower cap (not through scripts/start.sh): the page states and enforces that
    low = UploadLimits(setting_mb=500, server_mb=200)
    assert (low.limit_mb, low.widget_mb, low.server_too_low) == (200, 200, True)
    assert "1.500" in UploadLimits(1500, 3000).help("id", "CSV")


def test_streamlit_is_started_with_an_upload_cap_from_the_setting():
    from netralitas.uploads import browser_limit_mb

    start = (ROOT / "scripts" / "start.sh").read_text(encoding="utf-8")
    assert '--server.maxUploadSize "$upload_cap" "$@"' in start
    code = re.search(r'upload_cap=\$\(\.venv/bin/python -c "([^"]+)"\)', start)[1]
    out = subprocess.run(
        # the interpreter running the tests: a clone's .venv may be elsewhere or a symlink
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"NETRALITAS_UPLOAD_LIMIT_MB": "75", "PATH": "/usr/bin:/bin"},
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "150"
    # without start.sh, config.toml's cap fits the default limit
    config = (ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    assert re.search(r"^maxUploadSize = (\d+)$", config, re.M)[1] == str(browser_limit_mb(200))
