"""The analyst's flow in a real browser: upload a messy file, fix a mapping, dry run, commit, see the
overview change, undo, see it return."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from builders import load_sample_rows  # noqa: E402
from conftest import FIXTURES  # noqa: E402

from .conftest import Server, kpi, screenshot, upload_and_dry_run, wait_for_app  # noqa: E402

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("upload")
    db = tmp / "upload.duckdb"
    load_sample_rows(db, rows=500)
    srv = Server(db, {"NETRALITAS_LOAD_SAMPLE": "0"})
    srv.tmp = tmp
    yield srv
    srv.stop()


def cases_on_overview(page, url: str) -> str:
    page.goto(url + "/")
    wait_for_app(page)
    return kpi(page)


def test_upload_fix_commit_undo(page, server):
    before = cases_on_overview(page, server.url)
    messy = server.tmp / "rekap kasn.csv"
    # "Sultra Raya" is a province spelling nobody knows: its row is rejected until the analyst maps it.
    fixture = (FIXTURES / "kasn_2020_messy.csv").read_text(encoding="utf-8")
    text = fixture.replace("Sultra;Kab. Wakatobi", "Sultra Raya;")
    messy.write_bytes(text.encode("cp1252"))
    upload_and_dry_run(page, server.url, messy)
    page.get_by_text("Baris ditolak", exact=True).wait_for(timeout=30_000)
    wait_for_app(page)
    assert kpi(page, "Ditolak") == "3" and kpi(page, "Baru") == "6"
    screenshot(page, "upload-dry-run")
    # fix the mapping: "Sultra Raya" means Sulawesi Tenggara
    box = page.locator('[data-testid="stSelectbox"]', has_text="Sultra Raya")
    box.click()
    page.keyboard.type("Sulawesi Tenggara")
    page.keyboard.press("Enter")
    wait_for_app(page)
    page.get_by_text("Uji coba (tanpa menyimpan)").click()
    page.wait_for_function("() => document.body.innerText.includes('Ditolak')", timeout=30_000)
    wait_for_app(page)
    assert kpi(page, "Ditolak") == "2" and kpi(page, "Baru") == "7"
    page.get_by_text("Simpan ke basis data").click()
    page.get_by_text("Batch 2:").wait_for(timeout=60_000)
    screenshot(page, "upload-committed")
    after = cases_on_overview(page, server.url)
    assert after != before
    assert int(after.replace(".", "")) == int(before.replace(".", "")) + 7
    page.goto(server.url + "/unggah")
    wait_for_app(page)
    page.get_by_text("Batalkan batch").first.scroll_into_view_if_needed()
    page.locator("button", has_text="Batalkan batch").click()
    page.get_by_text("dipulihkan").wait_for(timeout=60_000)
    assert cases_on_overview(page, server.url) == before


def test_agency_headcount_upload_then_per_asn_rates(page, server):
    page.goto(server.url + "/unggah")
    wait_for_app(page)
    # chosen by its label: the page has one uploader per kind of file, and their order is not the contract
    headcount = page.locator('[data-testid="stFileUploader"]', has_text="Berkas jumlah ASN")
    headcount.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        str(FIXTURES / "asn_instansi_2024.csv")
    )
    page.get_by_text("Uji coba: berkas jumlah ASN per instansi").wait_for(timeout=30_000)
    wait_for_app(page)
    assert kpi(page, "Akan dimuat") == "5" and kpi(page, "Ditolak") == "0"
    page.locator("button", has_text="Simpan jumlah ASN").click()
    page.get_by_text("disimpan (0 yang lama diganti").wait_for(timeout=30_000)
    page.goto(server.url + "/instansi")
    wait_for_app(page)
    page.get_by_text("Kasus per 1.000 ASN: 10 instansi tertinggi").wait_for(timeout=30_000)
    page.locator("label", has_text="Kasus per 1.000 ASN").first.click()
    wait_for_app(page)
    screenshot(page, "agencies-per-asn")
    assert page.locator('[data-testid="stDataFrame"]').first.is_visible()


@pytest.fixture(scope="module")
def small_limit_server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("limit")
    db = tmp / "limit.duckdb"
    load_sample_rows(db, rows=200)
    srv = Server(db, {"NETRALITAS_LOAD_SAMPLE": "0", "NETRALITAS_UPLOAD_LIMIT_MB": "1"})
    srv.tmp = tmp
    yield srv
    srv.stop()


def test_a_file_over_the_limit_gets_our_message(page, small_limit_server):
    srv = small_limit_server
    big = srv.tmp / "besar.csv"
    big.write_bytes(b"Nomor,Provinsi,Tanggal Laporan\n" + b"X1,Bali,2024-01-10\n" * 70_000)  # 1.3 MB
    page.goto(srv.url + "/unggah")
    wait_for_app(page)
    # the line under the drop zone states our limit, in the page's language, not Streamlit's larger cap
    instructions = page.locator('[data-testid="stFileUploaderDropzoneInstructions"]').first
    after = instructions.locator("span").evaluate("e => getComputedStyle(e, '::after').content")
    assert "Maks. 1 MB per berkas" in after
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(str(big))
    page.get_by_text("terlalu besar: 1,3 MB, batasnya 1 MB").wait_for(timeout=30_000)
    assert page.get_by_text("is too large: 1.3 MB, the limit is 1 MB").count() == 1
    screenshot(page, "upload-over-limit")
