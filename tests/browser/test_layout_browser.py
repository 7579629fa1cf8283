"""Read at a glance on a phone (390×844) and on a projector (1920×1080, 1280×720), asserted from the DOM:
cards per row, the map's top on the first screen, maps the full width with the colour bar under them,
chart text of at least 12 px, filters one tap away, colour-bar ticks that read differently, one value
drawn without a bar, legends and tick labels that never overlap, the top regencies named, and province
counts of today's units. Screenshots of every view go to tests/artifacts/ (phone-*, projector-*)."""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from builders import import_into, import_sample_file, load_sample_rows  # noqa: E402
from conftest import run_cli, write  # noqa: E402

from netralitas.i18n import t
from netralitas.pages import DEFAULT_PAGE, dashboard_pages
from netralitas.reference import historical_units, provinces  # noqa: E402

from .conftest import (  # noqa: E402
    Server,
    Shared,
    fresh,
    screenshot,
    until_animations_end,
    until_still,
    wait_for_app,
    wait_for_map,
)

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
PROJECTORS = [{"width": 1920, "height": 1080}, {"width": 1280, "height": 720}]
HEADLINE = ["Kasus dilaporkan", "Pelanggaran", "Rekomendasi sanksi", "Tindak lanjut PPK"]
LABELS_DRAWN = "() => document.querySelector('g.scattergeo text')"  # names written on a map
# slug → title; the default page is opened at "/"
PAGES = {("" if p is DEFAULT_PAGE else p.url_path): t(p.title_key) for p in dashboard_pages()}

# Boxes of the SVG text plotly draws, by role, for every chart on the page.
BOXES_JS = """() => [...document.querySelectorAll('.js-plotly-plot')].map(plot => {
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const shown = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const all = sel => [...plot.querySelectorAll(sel)].filter(shown);
  return {
    ticks: all('.xtick text, .ytick text').map(box),
    legend: all('g.legend .traces').map(box),
    colorbars: [...plot.querySelectorAll('g.colorbar')].filter(shown).map(cb => ({
      box: box(cb), ticks: [...cb.querySelectorAll('.cbaxis text, g[class*="tick"] text')].map(t => t.textContent),
    })),
    geo: all('.geolayer').map(box),
    text: [...plot.querySelectorAll('svg text')].filter(t => t.textContent.trim() && shown(t)).map(t => ({
      text: t.textContent, size: parseFloat(getComputedStyle(t).fontSize), box: box(t) })),
  };
})"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """Sample cases imported as a real file (no sample banner) and one case on Papua before its 2022
    split, which has no polygon on today's map and must not count as a 39th province."""
    tmp = tmp_path_factory.mktemp("layout")
    db = tmp / "layout.duckdb"
    import_sample_file(db, tmp, rows=3000, seed=19, source="bawaslu")
    old = write(tmp / "old.csv", "Nomor,Provinsi,Tanggal Laporan,Status\nH1,Papua,2020-10-10,Sudah TL\n")
    import_into(db, old, "kasn")
    summary = run_cli("summary", "--db", str(db), "--by", "province", "--json")
    groups = json.loads(summary.stdout)["groups"]
    srv = Server(db, {"NETRALITAS_LOAD_SAMPLE": "0"})
    srv.historical = {g["key"]: g["cases"] for g in groups if g["key"] in historical_units()}
    srv.provinces = sum(1 for g in groups if g["key"] in set(provinces()["code"]) and g["cases"])
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def sample_server(tmp_path_factory):
    """Sample data only, as on a first start: every page carries the sample-data notice."""
    db = tmp_path_factory.mktemp("layout-sample") / "sample.duckdb"
    load_sample_rows(db, rows=1500)
    srv = Server(db, {"NETRALITAS_LOAD_SAMPLE": "0"})
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def handset(browser):
    """A touch screen is a context's setting: the phone tests share a context of their own."""
    shared = Shared(browser, viewport=PHONE, locale="id-ID", has_touch=True)
    yield shared
    shared.close()


@pytest.fixture
def phone(handset):
    with fresh(handset, PHONE) as pg:
        yield pg


def _overlap(a, b, slack: float = 0.5) -> bool:
    return a[0] < b[2] - slack and b[0] < a[2] - slack and a[1] < b[3] - slack and b[1] < a[3] - slack


def _small_text(charts) -> list:
    return [(t["text"], t["size"]) for c in charts for t in c["text"] if t["size"] < 12 - 0.01]


def _assert_charts_read_well(charts, label: str) -> None:
    """Every colour bar's ticks differ; no legend entry lies on a tick label or a colour bar."""
    for chart in charts:
        for bar in chart["colorbars"]:
            ticks = [t for t in bar["ticks"] if t.strip()]
            assert len(ticks) == len(set(ticks)), (label, ticks)
        for entry in chart["legend"]:
            hits = [t for t in chart["ticks"] if _overlap(entry, t)]
            assert not hits, (label, "legend on tick labels", entry, hits)
            assert not any(_overlap(entry, b["box"]) for b in chart["colorbars"]), (label, entry)


@pytest.mark.parametrize("data", ["server", "sample_server"])
def test_phone_overview_shows_headline_figures_and_the_map_on_the_first_screen(phone, request, data):
    """With real data, and with sample data under its notice (what a first start shows)."""
    server = request.getfixturevalue(data)
    phone.goto(server.url + "/")
    wait_for_app(phone)
    wait_for_map(phone)
    cards = phone.locator('.st-key-kpis [data-testid="stMetric"]').evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect();"
        " return {label: e.querySelector('[data-testid=stMetricLabel]').innerText.trim(),"
        " top: Math.round(r.top), left: r.left, right: r.right}; })"
    )
    assert len(cards) == 7
    rows: dict[int, list] = {}
    for card in cards:
        rows.setdefault(next((t for t in rows if abs(t - card["top"]) < 8), card["top"]), []).append(card)
    ordered = [rows[t] for t in sorted(rows)]
    assert all(len(r) >= 2 for r in ordered[:-1]), [[c["label"] for c in r] for r in ordered]
    assert [c["label"] for r in ordered[:2] for c in r] == HEADLINE
    width = phone.evaluate("() => window.innerWidth")
    assert all(c["right"] <= width for c in cards)

    charts = phone.evaluate(BOXES_JS)
    geo = phone.locator(".st-key-map_province .geolayer").bounding_box()
    assert geo["y"] + 200 <= PHONE["height"], geo  # the map's top 200 px on the first screen
    assert geo["width"] >= 0.9 * (width - 32), geo  # the full width of the column
    bar = phone.locator(".st-key-map_province g.colorbar").bounding_box()
    assert bar["y"] >= geo["y"] + geo["height"] - 1 and bar["width"] > bar["height"], (geo, bar)
    assert not _small_text(charts), _small_text(charts)
    note = phone.locator(".st-key-map_province g.annotation").last.bounding_box()
    assert note["x"] + note["width"] <= width, note
    if data == "sample_server":
        assert phone.get_by_text("DATA CONTOH SINTETIS", exact=False).is_visible()
    # the README shows phone-ringkasan-sample_server.png as docs/ringkasan-phone.png
    screenshot(phone, f"phone-ringkasan-{data}")


@pytest.mark.parametrize("slug", list(PAGES))
def test_every_page_on_a_laptop_has_no_legend_on_its_axes(page, server, slug):
    page.set_viewport_size(PROJECTORS[1])
    page.goto(f"{server.url}/{slug}")
    wait_for_app(page)  # which waits for the charts to be drawn and the page to stop changing
    charts = page.evaluate(BOXES_JS)
    assert not _small_text(charts), _small_text(charts)
    _assert_charts_read_well(charts, slug)
    screenshot(page, f"laptop-{slug or 'ringkasan'}-1280x720")


@pytest.mark.parametrize("slug", list(PAGES))
def test_every_page_on_a_phone(phone, server, slug):
    phone.goto(f"{server.url}/{slug}")
    wait_for_app(phone)
    if slug in ("", "peta"):
        wait_for_map(phone)
    assert PAGES[slug] in phone.locator("h1").first.inner_text()
    assert not phone.locator('[data-testid="stException"]').count()
    until_still(phone)  # the last charts finish drawing
    overflow = phone.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, overflow
    charts = phone.evaluate(BOXES_JS)
    assert not _small_text(charts), _small_text(charts)
    _assert_charts_read_well(charts, slug)
    screenshot(phone, f"phone-{slug or 'ringkasan'}")


def test_filters_are_one_tap_away_on_a_phone(phone, server):
    phone.goto(server.url + "/peta")
    wait_for_app(phone)
    filters = phone.locator('[data-testid="stSidebar"]').get_by_text("Provinsi", exact=True).first

    def on_screen() -> bool:
        box = filters.bounding_box() if filters.is_visible() else None
        return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]

    assert not on_screen()  # the sidebar starts closed on a phone
    phone.locator('[data-testid="stExpandSidebarButton"]').tap()  # one tap
    slid = time.monotonic() + 1  # the sidebar slides in, within a second
    while not on_screen() and time.monotonic() < slid:
        phone.wait_for_timeout(100)
    assert on_screen()
    until_animations_end(phone)
    screenshot(phone, "phone-filters")


def test_phone_regency_drill_down_marks_the_top_regencies(phone, server):
    phone.goto(server.url + "/peta?province=74")
    wait_for_app(phone)
    wait_for_map(phone, minimum=17)
    phone.wait_for_function(LABELS_DRAWN, timeout=60_000)
    names = phone.locator(".st-key-map_regency g.scattergeo text").evaluate_all(
        "els => els.map(e => e.textContent)"
    )
    assert names == [str(i) for i in range(1, len(names) + 1)] and names, names  # ranks, as in the table
    screenshot(phone, "phone-peta-sulawesi-tenggara")


VIEWS = {
    "slide-2-one-province": "/presentasi?presenter=1&slide=2&province=74",
    "slide-2": "/presentasi?presenter=1&slide=2",
    "slide-3": "/presentasi?presenter=1&slide=3",
    "slide-4": "/presentasi?presenter=1&slide=4",
    "slide-5": "/presentasi?presenter=1&slide=5",
    "slide-6": "/presentasi?presenter=1&slide=6",
    "slide-6-pilkada-2020": "/presentasi?presenter=1&slide=6&election=pilkada-2020&province=52",
}


# Every view on the large screen; the ones with a legend or a colour bar on the small projector too.
CASES = [(v, PROJECTORS[0]) for v in VIEWS] + [
    (v, PROJECTORS[1]) for v in ("slide-2-one-province", "slide-3", "slide-4", "slide-6")
]


@pytest.mark.parametrize(("view", "size"), CASES, ids=[f"{v}-{s['width']}x{s['height']}" for v, s in CASES])
def test_projector_views_have_no_degenerate_bar_and_no_overlap(page, server, view, size):
    page.set_viewport_size(size)
    page.goto(server.url + VIEWS[view])
    wait_for_app(page)
    if "slide-2" in view or "slide-6" in view:
        wait_for_map(page, minimum=5)
    if view == "slide-2-one-province" or view.startswith("slide-6"):
        page.wait_for_function(LABELS_DRAWN, timeout=60_000)
    until_still(page)
    charts = page.evaluate(BOXES_JS)
    assert charts, view
    _assert_charts_read_well(charts, view)
    texts = [t for c in charts for t in c["text"]]
    if view == "slide-2-one-province":
        # one value: no bar, the region named with its figure, the figure where the bar would be
        assert not any(c["colorbars"] for c in charts)
        assert any(t["text"].startswith("Sulawesi Tenggara: ") for t in texts), texts
    if view.startswith("slide-6"):
        # the map carries ranks 1..n, the list beside it names them, most cases first
        marks = page.locator("g.scattergeo text").evaluate_all("els => els.map(e => e.textContent)")
        assert marks == [str(i) for i in range(1, len(marks) + 1)] and marks, marks
        ranked = page.locator('[data-testid="stMarkdownContainer"] li').all_inner_texts()
        figures = [int(r.rsplit(":", 1)[1].strip().replace(".", "")) for r in ranked]
        assert len(ranked) >= len(marks) and figures == sorted(figures, reverse=True), ranked
    if "slide-2" in view or "slide-6" in view:
        note = [t for t in texts if "Batas wilayah" in t["text"]]
        assert note and min(t["size"] for t in note) >= 18, note  # readable from the back
    screenshot(page, f"projector-{view}-{size['width']}x{size['height']}")


def test_narrative_counts_todays_provinces_and_names_the_pre_split_case(page, server):
    page.set_viewport_size(PROJECTORS[0])
    page.goto(server.url + "/presentasi?presenter=1&slide=1")
    wait_for_app(page)
    text = page.locator("body").inner_text()
    assert "91-pra2022" in server.historical  # the fixture's old case
    old = sum(server.historical.values())
    assert re.findall(r"terbanyak dari (\d+) provinsi", text) == [str(server.provinces)]
    assert server.provinces <= len(provinces())
    assert f"(dan {old} kasus pada wilayah sebelum pemekaran)" in text
    assert f"Kasus di {server.provinces} provinsi, " in text
    assert f"Papua (sebelum 2022): {server.historical['91-pra2022']}" in text
