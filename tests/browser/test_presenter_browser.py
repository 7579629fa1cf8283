"""Presenter mode at 1920x1080: step through every slide (screenshots), no names or NIP in the page, large
type, and the briefing HTML opens with the network off and shows its charts."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from builders import import_into, load_sample_rows  # noqa: E402
from conftest import write  # noqa: E402

from netralitas.present.slides import SLIDES  # noqa: E402

from .conftest import Server, screenshot, wait_for_app  # noqa: E402

pytestmark = pytest.mark.browser
NIP = re.compile(r"\d{18}")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("presenter")
    db = tmp / "p.duckdb"
    load_sample_rows(db, rows=3000)
    people = write(
        tmp / "people.csv",
        "Nomor,Provinsi,Tanggal Laporan,Nama Terlapor,NIP,Status\n"
        "N1,Sulawesi Tenggara,2020-10-10,Budi Terlapor,198501012010121001,Sudah TL\n",
    )
    import_into(db, people, "kasn")
    srv = Server(db, {"NETRALITAS_LOAD_SAMPLE": "0"})
    srv.tmp = tmp
    yield srv
    srv.stop()


def test_step_through_every_slide(page, server):
    page.goto(f"{server.url}/presentasi?presenter=1&slide=1&election=pilkada-2020")
    wait_for_app(page)
    for n in range(1, len(SLIDES) + 1):
        assert f"{n} / {len(SLIDES)}" in page.locator("body").inner_text()
        assert f"slide={n}" in page.url
        html = page.content()
        assert "Budi Terlapor" not in html and not NIP.search(page.locator("body").inner_text())
        assert not page.locator('[data-testid="stSidebar"]').is_visible()
        screenshot(page, f"slide-{n}-{SLIDES[n - 1]}")
        if n == 1:
            # the element that actually holds the digits, not its container
            size = page.locator('[data-testid="stMetricValue"]').first.evaluate(
                "e => { let n = e; while (n.firstElementChild) n = n.firstElementChild;"
                " return parseFloat(getComputedStyle(n).fontSize); }"
            )
            assert size >= 48
        if n < len(SLIDES):
            page.locator("button", has_text="Berikutnya").click()
            page.wait_for_function(f"() => location.search.includes('slide={n + 1}')", timeout=30_000)
            page.wait_for_function(
                f"() => document.body.innerText.includes('{n + 1} / {len(SLIDES)}')", timeout=30_000
            )
            wait_for_app(page)
    assert page.external_requests == []


def test_briefing_html_opens_offline(page, server, browser):
    page.goto(f"{server.url}/presentasi?presenter=1&slide=1")
    wait_for_app(page)
    page.locator("button", has_text="Siapkan briefing").click()
    page.locator("button", has_text="Unduh briefing (PDF)").wait_for(timeout=90_000)
    wait_for_app(page)
    with page.expect_download(timeout=60_000) as info:
        page.locator("button", has_text="Unduh briefing (HTML)").click()
    path = server.tmp / "briefing.html"
    info.value.save_as(path)
    offline = browser.new_context(offline=True, viewport={"width": 1920, "height": 1080})
    doc = offline.new_page()
    doc.goto(path.as_uri())
    doc.wait_for_selector(".main-svg", timeout=30_000)
    assert doc.locator(".js-plotly-plot").count() >= 4
    doc.wait_for_selector("path.choroplethlocation", timeout=30_000)
    assert "Budi Terlapor" not in doc.content()
    screenshot(doc, "briefing-offline")
    offline.close()


def test_auto_advance_moves_through_the_slides_on_its_own(page, server):
    """`&auto=5`: a briefing screen that turns its own pages, every five seconds, the URL following."""
    page.goto(f"{server.url}/presentasi?presenter=1&slide=1&auto=5")
    wait_for_app(page)
    assert f"1 / {len(SLIDES)}" in page.locator("body").inner_text()
    for n in (2, 3):
        page.wait_for_function(f"() => location.search.includes('slide={n}')", timeout=20_000)
        page.wait_for_function(
            f"() => document.body.innerText.includes('{n} / {len(SLIDES)}')", timeout=20_000
        )
    assert "auto=5" in page.url
