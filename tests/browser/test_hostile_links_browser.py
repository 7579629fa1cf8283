"""Hostile links and hostile data in a real browser (#18): nothing from a URL parameter or an imported value
becomes a link, an image or a request to another host; every page URL the README names opens its page;
signing in from a deep link lands on the page and view the link named."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from builders import add_users, import_into  # noqa: E402
from conftest import ROOT, write  # noqa: E402

from netralitas.present.slides import SLIDES  # noqa: E402

from .conftest import Server, screenshot, wait_for_app  # noqa: E402

pytestmark = pytest.mark.browser
PASSWORD = "kata-sandi-yang-panjang"
EVIL = "evil.example"
# Imported values: a plotly link, markdown images and links, an HTML image, a GFM autolink, a formula.
HOSTILE_CSV = (
    "Nomor,Provinsi,Tanggal Laporan,Instansi,Jenis Pelanggaran,Status\n"
    'H1,Bali,2024-01-10,"<a href=""https://evil.example/a"">Dinas Klik</a>",Kampanye di media sosial,Sudah TL\n'
    "H2,Bali,2024-01-11,![px](https://evil.example/p.png),[klik](https://evil.example/u),Rekomendasi\n"
    "H3,Bali,2024-01-12,[Masuk ulang](https://evil.example/login),Kampanye di media sosial,Rekomendasi\n"
    'H4,Jawa Tengah,2024-01-13,"<img src=https://evil.example/i.png> Dinas",www.evil.example,Sudah TL\n'
    "H5,Jawa Tengah,2024-01-14,=HYPERLINK(1),![i](https://evil.example/v.png),Sudah TL\n"
)
# Links shared in a chat group: markdown links and images, HTML, autolinks, in known and unknown filters.
HOSTILE_LINKS = [
    "/?agency=[Masuk ulang](https://evil.example/login)",
    "/?agency=![px](https://evil.example/p.png)",
    "/peta?province=[Masuk ulang](https://evil.example/login)",
    "/instansi?province=![px](https://evil.example/beacon.png)",
    "/tahapan?agency=<img src=https://evil.example/i.png> Dinas",
    "/kasus?agency=www.evil.example&status=[x](https://evil.example/s)",
    "/presentasi?presenter=1&slide=1&agency=[Masuk ulang](https://evil.example/login)",
    '/ringkasan?agency=<a href="https://evil.example/a">Dinas Klik</a>',
]
# Every attribute through which a page could link to, or load from, another host.
FIND_EVIL = """() => {
  const out = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (/^(href|xlink:href|src|srcset|action|formaction|poster|data)$/i.test(a.name)
          && /evil\\.example|javascript:/i.test(a.value)) out.push(el.tagName + ' ' + a.name + '=' + a.value);
    }
  }
  return out;
}"""


def shown(text: str) -> str:
    """Text as a person reads it: without the invisible word joiners that break autolinks."""
    return text.replace("\u2060", "")


def assert_inert(pg, where: str) -> None:
    assert pg.external_requests == [], (where, pg.external_requests)
    assert pg.evaluate(FIND_EVIL) == [], where


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    db = tmp / "hostile.duckdb"
    import_into(db, write(tmp / "hostile.csv", HOSTILE_CSV), "kasn")
    srv = Server(db, {"NETRALITAS_LOAD_SAMPLE": "0"})
    yield srv, tmp
    srv.stop()


def test_hostile_links_and_data_stay_text(page, hostile_server):
    server, _ = hostile_server
    for link in HOSTILE_LINKS:
        page.goto(server.url + link)
        wait_for_app(page)  # which waits for the charts to be drawn
        assert_inert(page, link)
    # The agency shown as typed: in the "Filter aktif" line, and as a chart label (plotly text, no link).
    page.goto(server.url + "/?agency=[Masuk ulang](https://evil.example/login)")
    wait_for_app(page)
    caption = page.locator('[data-testid="stCaptionContainer"]', has_text="Filter aktif").first
    assert "[Masuk ulang](https://evil.example/login)" in shown(caption.inner_text())
    page.goto(server.url + "/")
    wait_for_app(page)
    ticks = " ".join(page.locator("svg .ytick text").all_text_contents())
    assert '<a href="https://evil.example/a">Dinas Klik</a>' in ticks
    assert "<img src=https://evil.example/i.png> Dinas" in ticks
    assert_inert(page, "/ with hostile agencies")
    page.get_by_text("Instansi dengan kasus terbanyak").scroll_into_view_if_needed()
    page.mouse.wheel(0, 300)
    page.wait_for_timeout(500)
    screenshot(page, "hostile-ringkasan")
    page.goto(server.url + "/peta?province=[Masuk ulang](https://evil.example/login)")
    wait_for_app(page)
    warning = shown(page.locator('[data-testid="stAlertContentWarning"]').first.inner_text())
    assert "province=[Masuk ulang](https://evil.example/login" in warning  # shortened to 40 characters
    screenshot(page, "hostile-warning")


def test_upload_dry_run_shows_hostile_values_as_text(page, hostile_server):
    server, tmp = hostile_server
    # A file name that GFM would autolink, and unknown values that are links and images.
    path = write(tmp / "www.evil.example.csv", HOSTILE_CSV.replace("\nH", "\nU"))
    page.goto(server.url + "/unggah")
    wait_for_app(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(str(path))
    page.get_by_text("Uji coba (tanpa menyimpan)").wait_for(timeout=60_000)
    wait_for_app(page)
    page.get_by_text("Uji coba (tanpa menyimpan)").click()
    page.get_by_text("Nilai yang tidak dikenal").wait_for(timeout=60_000)
    wait_for_app(page)
    labels = shown(" ".join(page.locator('[data-testid="stWidgetLabel"]').all_inner_texts()))
    assert "[klik](https://evil.example/u)" in labels and "![i](https://evil.example/v.png)" in labels
    assert "www.evil.example" in labels
    assert "www.evil.example.csv" in shown(
        page.locator('[data-testid="stExpander"] summary').first.inner_text()
    )
    assert_inert(page, "upload dry run")
    page.get_by_text("Nilai yang tidak dikenal").scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    screenshot(page, "hostile-upload")


def readme_page_paths() -> list[str]:
    """The page URLs the README names in "Using the dashboard" (`/ringkasan`, `/peta`, …)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Using the dashboard", 1)[1].split("\n## ", 1)[0]
    paths = list(dict.fromkeys(re.findall(r"`(/[a-z]+)`", section)))
    assert len(paths) >= 8, paths
    return paths


def test_every_page_url_in_the_readme_opens_its_page(page, hostile_server):
    server, _ = hostile_server
    titles = {}
    for path in readme_page_paths():
        if path == "/admin":
            continue  # an administrator's page: opened after signing in, below
        page.goto(server.url + path)
        wait_for_app(page)
        assert not page.get_by_text("Page not found").count(), path
        titles[path] = page.locator("h1").first.inner_text()
        assert page.url.split("?")[0].rstrip("/").endswith(path), (path, page.url)
    assert titles["/ringkasan"] == "Ringkasan" and titles["/kasus"] == "Kasus", titles
    assert titles["/unggah"] == "Unggah data", titles
    assert len(set(titles.values())) == len(titles), titles  # each URL its own page


@pytest.fixture(scope="module")
def signin_server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("deeplink")
    db = tmp / "deeplink.duckdb"
    src = write(tmp / "cases.csv", "Nomor,Provinsi,Tanggal Laporan\nD1,Bali,2024-01-10\nD2,Aceh,2024-01-11\n")
    import_into(db, src, "kasn")
    add_users(db, {"andi": "analyst", "adi": "admin"}, PASSWORD)
    srv = Server(db, {"NETRALITAS_LOAD_SAMPLE": "0"})
    yield srv
    srv.stop()


def sign_in_from(page, url: str, user: str = "andi") -> None:
    page.goto(url)
    page.get_by_label("Nama pengguna").fill(user)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.get_by_role("button", name="Masuk", exact=True).wait_for(state="detached", timeout=60_000)
    wait_for_app(page)


def test_signing_in_from_a_deep_link_lands_on_its_page_and_view(page, signin_server):
    sign_in_from(page, signin_server.url + "/kasus?province=51")
    assert page.locator("h1").first.inner_text() == "Kasus"
    assert page.url.endswith("/kasus?province=51"), page.url
    assert (
        "Bali"
        in page.locator('[data-testid="stCaptionContainer"]', has_text="Filter aktif").first.inner_text()
    )
    page.context.clear_cookies()
    page.goto("about:blank")
    sign_in_from(page, signin_server.url + "/presentasi?presenter=1&slide=4")
    page.get_by_text(f"4 / {len(SLIDES)}").wait_for(timeout=30_000)
    assert "/presentasi" in page.url and "slide=4" in page.url, page.url
    screenshot(page, "deeplink-presentasi-4")
    page.goto("about:blank")
    sign_in_from(page, signin_server.url + "/ringkasan")
    assert page.locator("h1").first.inner_text() == "Ringkasan"
    assert not page.get_by_text("Page not found").count()
    page.goto("about:blank")
    sign_in_from(page, signin_server.url + "/admin", "adi")
    assert page.locator("h1").first.inner_text() == "Admin" and page.url.endswith("/admin")
    assert page.external_requests == []
