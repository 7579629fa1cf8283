"""Presenter mode: every slide renders, the slide number lives in the URL, no personal data whatever the
role, and the briefing narrative comes from the same figures."""

from __future__ import annotations

import re

import pytest
from builders import import_into
from conftest import ROOT, write
from streamlit.testing.v1 import AppTest

from netralitas.present.briefing import html_document, narrative
from netralitas.present.slides import SLIDES, next_index, slide_index

NIP = re.compile(r"\d{18}")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("presenter")
    path = tmp / "p.duckdb"
    people = write(
        tmp / "people.csv",
        "Nomor,Provinsi,Kabupaten/Kota,Tanggal Laporan,Nama Terlapor,NIP,Status,Instansi\n"
        "N1,Sulawesi Tenggara,Kab. Wakatobi,2020-10-10,Budi Rekaan,198501012010121001,Sudah TL,Pemkab Wakatobi\n"
        "N2,Jawa Tengah,Kab. Purbalingga,2020-10-11,Siti Contoh,199002022015032002,Rekomendasi,Pemkab Purbalingga\n",
    )
    import_into(path, people, "kasn")
    return path


@pytest.mark.parametrize("n", range(1, len(SLIDES) + 1))
def test_every_slide_renders_without_personal_data(db, monkeypatch, n):
    monkeypatch.setenv("NETRALITAS_DB", str(db))
    monkeypatch.setenv("NETRALITAS_LOAD_SAMPLE", "0")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["presenter"] = "1"
    at.query_params["slide"] = str(n)
    at.run()
    at.switch_page("views/presentasi.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert f"{n} / {len(SLIDES)}" in " ".join(m.value for m in at.markdown)
    text = " ".join(str(e.value) for e in [*at.markdown, *at.caption, *at.title, *at.metric])
    assert "Budi" not in text and not NIP.search(text)


def test_slide_numbers():
    assert slide_index("3") == 3 and slide_index("99") == len(SLIDES) and slide_index("x'") == 1
    assert next_index(len(SLIDES), 1) == 1 and next_index(1, -1) == len(SLIDES)


def test_narrative_uses_the_figures():
    totals = {
        "cases": 694,
        "violations": 492,
        "recommendations": 492,
        "followed_up": 256,
        "follow_up_rate": 256 / 492,
        "records_blocked": 0,
    }
    provinces = [
        {"key": "74", "label": "Sulawesi Tenggara", "cases": 90},
        {"key": "52", "label": "Nusa Tenggara Barat", "cases": 83},
    ]
    text = narrative(totals, provinces, {"follow_up_rate": 0.6}, "Pilkada 2020", "id")
    assert "Sulawesi Tenggara mencatat 90 kasus, terbanyak dari 2 provinsi" in text[1]
    assert "52%" in text[2] and "turun dari 60%" in text[2]


def test_briefing_html_is_self_contained():
    import plotly.graph_objects as go

    doc = html_document(
        "B", "Semua data", [("Kasus", "1")], ["Satu."], [go.Figure(go.Bar(x=[1], y=[2]))], "1 Jan 2025"
    )
    assert "PlotlyGeoAssets" in doc and "<script src=" not in doc and "<link" not in doc


@pytest.mark.skipif(
    __import__("shutil").which("chromium") is None, reason="Chromium is installed by scripts/test.sh"
)
def test_briefing_pdf_with_chromium():
    import plotly.graph_objects as go

    from netralitas.present.briefing import pdf_from_html

    doc = html_document(
        "Briefing", "Semua data", [("Kasus", "1")], ["Satu."], [go.Figure(go.Bar(x=[1], y=[2]))], "1 Jan 2025"
    )
    pdf = pdf_from_html(doc)
    assert pdf is not None and pdf.startswith(b"%PDF") and len(pdf) > 5000


def test_the_prepared_briefing_carries_the_figures_and_the_early_warning(db, monkeypatch):
    """What the presenter downloads says what the slides say, the early warning included, without names."""
    monkeypatch.setenv("NETRALITAS_DB", str(db))
    monkeypatch.setenv("NETRALITAS_LOAD_SAMPLE", "0")
    monkeypatch.setattr(
        "netralitas.present.briefing.pdf_from_html", lambda html: None
    )  # the PDF has its own test
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["presenter"] = "1"
    at.query_params["slide"] = "1"
    at.run()
    at.switch_page("views/presentasi.py").run()
    at.button(key="prepare_briefing").click().run()
    assert not at.exception
    page = at.session_state["briefing_html"].decode("utf-8")
    assert "Peringatan dini:" in page
    assert "Kasus" in page
    # names and NIPs of the fixture (a bare 18-digit search would match the embedded plotly.js)
    assert not any(
        p in page for p in ("Budi Rekaan", "Siti Contoh", "198501012010121001", "199002022015032002")
    )
