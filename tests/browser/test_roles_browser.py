"""Access control in a real browser: nothing but sign-in without signing in, and a viewer never sees a
full NIP or name, in the page or its source, nor reaches the upload page by URL."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from builders import add_users, import_into  # noqa: E402
from conftest import write  # noqa: E402

from .conftest import Server, screenshot, wait_for_app  # noqa: E402

pytestmark = pytest.mark.browser
PASSWORD = "kata-sandi-yang-panjang"
NIP = re.compile(r"\d{18}")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("roles")
    db = tmp / "roles.duckdb"
    people = write(
        tmp / "people.csv",
        "Nomor,Provinsi,Tanggal Laporan,Nama Terlapor,NIP,Status\n"
        "N1,Bali,2024-01-10,Budi Rahasia,198501012010121001,Sudah TL\n"
        "N2,Bali,2024-01-11,Siti Rahasia,199002022015032002,Rekomendasi\n",
    )
    import_into(db, people, "kasn")
    add_users(db, {"vina": "viewer"}, PASSWORD)
    srv = Server(db, {"NETRALITAS_LOAD_SAMPLE": "0"})
    yield srv
    srv.stop()


def sign_in(page, url: str) -> None:
    page.goto(url + "/")
    page.get_by_label("Nama pengguna").fill("vina")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_selector('[data-testid="stMetricValue"]', timeout=30_000)
    wait_for_app(page)


def test_only_the_sign_in_page_without_signing_in(page, server):
    for path in ("/", "/kasus?province=51", "/unggah", "/admin"):
        page.goto(server.url + path)
        page.get_by_role("button", name="Masuk").wait_for(timeout=30_000)
        assert not page.locator('[data-testid="stMetricValue"]').count()
        assert "Rahasia" not in page.content()
    screenshot(page, "signin")


def test_viewer_sees_no_personal_data_anywhere(page, server):
    sign_in(page, server.url)
    page.get_by_role("link", name="Kasus").click()
    page.wait_for_selector('[data-testid="stDataFrame"]', timeout=30_000)
    wait_for_app(page)
    screenshot(page, "viewer-cases")
    html = page.content()
    assert (
        "Rahasia" not in html and not NIP.search(html) and not NIP.search(page.locator("body").inner_text())
    )
    assert not page.get_by_role("link", name="Unggah data").count()
    page.goto(server.url + "/unggah")
    wait_for_app(page)
    assert "Unggah data" not in page.locator("h1").first.inner_text()
