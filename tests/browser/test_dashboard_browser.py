"""The dashboard in a real browser: every page renders (screenshots), a map click and a bar click set the
filters and the URL, a copied URL reopens the same view, and nothing is fetched from the network."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from builders import import_messy_kasn, import_sample_file  # noqa: E402

from netralitas.i18n import t
from netralitas.pages import DEFAULT_PAGE, dashboard_pages

from .conftest import Server, kpi, screenshot, wait_for_app, wait_for_map  # noqa: E402

pytestmark = pytest.mark.browser
# The overview is the default page: Streamlit serves it at "/" (its url_path is not used).
# slug → title; the default page is opened at "/"
PAGES = {("" if p is DEFAULT_PAGE else p.url_path): t(p.title_key) for p in dashboard_pages()}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("browser")
    db = tmp / "browser.duckdb"
    import_sample_file(db, tmp, rows=4000, seed=11, source="bawaslu")
    import_messy_kasn(db, tmp)
    srv = Server(db, {"NETRALITAS_LOAD_SAMPLE": "0"})
    srv.db = db
    yield srv
    srv.stop()


@pytest.mark.parametrize("slug", list(PAGES))
def test_every_page_renders(page, server, slug):
    page.goto(f"{server.url}/{slug}")
    wait_for_app(page)
    assert PAGES[slug] in page.locator("h1").first.inner_text()
    assert not page.locator('[data-testid="stException"]').count()
    screenshot(page, f"page-{slug or 'ringkasan'}")
    assert page.external_requests == []


def test_map_shows_every_province_offline(page, server):
    page.goto(f"{server.url}/peta")
    wait_for_app(page)
    # two traces: all 38 provinces in grey underneath, the provinces with data on top
    assert wait_for_map(page) > 38
    assert page.external_requests == []


def test_clicking_a_province_filters_everything_and_the_url(page, server):
    page.goto(f"{server.url}/")
    wait_for_app(page)
    wait_for_map(page)
    before = kpi(page)
    regions = page.locator("path.choroplethlocation")
    target = regions.nth(regions.count() - 1)  # top trace: a province with data
    target.click(force=True)
    page.wait_for_function("() => location.search.includes('province=')", timeout=30_000)
    wait_for_app(page)
    assert "province=" in page.url
    after = kpi(page, changed_from=before)
    screenshot(page, "click-province")
    # a copied link reopens the same view in a fresh browser context
    copied = page.url
    fresh = page.context.browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
    fresh.goto(copied)
    wait_for_app(fresh)
    assert kpi(fresh) == after
    fresh.context.close()


def test_clicking_a_bar_sets_the_filter_and_clicking_again_clears_it(page, server):
    page.goto(f"{server.url}/")
    wait_for_app(page)
    chart = page.locator('[data-testid="stPlotlyChart"]').filter(has_text="Jenis pelanggaran").first
    chart.scroll_into_view_if_needed()
    bar = chart.locator("g.point path").last
    bar.click(force=True)
    page.wait_for_function("() => location.search.includes('violation_type=')", timeout=30_000)
    wait_for_app(page)
    screenshot(page, "click-bar")
    chart = page.locator('[data-testid="stPlotlyChart"]').filter(has_text="Jenis pelanggaran").first
    chart.scroll_into_view_if_needed()
    chart.locator("g.point path").last.click(force=True)
    page.wait_for_function("() => !location.search.includes('violation_type=')", timeout=30_000)


def test_map_drill_down_shows_every_regency_of_a_new_province(page, server):
    import json

    from netralitas.config import GEO_DIR

    regencies = json.loads((GEO_DIR / "regencies.geojson").read_text(encoding="utf-8"))["features"]
    expected = sum(1 for f in regencies if f["properties"]["province_code"] == "94")  # Papua Tengah, 2022
    page.goto(f"{server.url}/peta?province=94")
    wait_for_app(page)
    assert wait_for_map(page, minimum=expected) >= expected
    assert "Kembali ke semua provinsi" in page.locator("body").inner_text()
    screenshot(page, "map-drill-papua-tengah")
    page.locator("button", has_text="Kembali ke semua provinsi").click()
    page.wait_for_function("() => !location.search.includes('province=')", timeout=30_000)
    assert wait_for_map(page) > 38
    assert page.external_requests == []


def test_a_csv_export_downloads_the_filtered_cases_and_is_audited(page, server):
    """The explorer's CSV holds exactly the filtered rows, and the audit log says who exported what (read
    from this process while the server runs: the server hands the file over when asked)."""
    import csv
    import io

    from netralitas.store import Store

    page.goto(server.url + "/kasus?province=74")
    wait_for_app(page)
    with page.expect_download() as info:
        page.get_by_text("Unduh CSV").click()
    text = Path(info.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and all(r["Provinsi"] == "Sulawesi Tenggara" for r in rows), rows[:2]
    wait_for_app(page)
    with Store(server.db).connect() as con:
        logged = con.execute(
            "SELECT username, detail FROM audit_log WHERE action = 'export' ORDER BY happened_at DESC LIMIT 1"
        ).fetchall()
    assert logged and logged[0][0] == "lokal" and f"{len(rows)} baris" in logged[0][1]
