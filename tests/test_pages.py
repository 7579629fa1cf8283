"""Every page through streamlit.testing's AppTest, with filters given through the URL; the figures a page
shows must equal `python -m netralitas summary` for the same filters."""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURES, ROOT, run_cli, write
from streamlit.testing.v1 import AppTest

PAGES = ["views/ringkasan.py", "views/peta.py", "views/instansi.py", "views/tahapan.py", "views/kasus.py"]


@pytest.fixture(scope="module")
def loaded_db(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("pages")
    db = tmp / "pages.duckdb"
    messy = write(tmp / "kasn.csv", (FIXTURES / "kasn_2020_messy.csv").read_text(encoding="utf-8"), "cp1252")
    assert run_cli("import", str(messy), "--db", str(db), "--source", "kasn").returncode == 0
    sample = tmp / "sample.csv"
    assert run_cli("sample", "--rows", "3000", "--out", str(sample), "--seed", "7").returncode == 0
    assert run_cli("import", str(sample), "--db", str(db), "--source", "bawaslu").returncode == 0
    return db


@pytest.fixture
def app(loaded_db, monkeypatch):
    monkeypatch.setenv("NETRALITAS_DB", str(loaded_db))
    monkeypatch.setenv("NETRALITAS_LOAD_SAMPLE", "0")

    def make(page: str | None = None, **params: str) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        for k, v in params.items():
            at.query_params[k] = v
        at.run()
        if page:
            at.switch_page(page)
            at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return make


def cli_summary(db, *args: str) -> dict:
    r = run_cli("summary", "--db", str(db), "--json", *args)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def metric_value(at: AppTest, label: str) -> str:
    for m in at.metric:
        if m.label == label:
            return m.value
    raise AssertionError(f"no metric {label}: {[m.label for m in at.metric]}")


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_without_filters(app, page):
    at = app(page)
    assert at.title[0].value


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_with_filters_from_the_url(app, page):
    at = app(page, election="pilkada-2020", province="33", status="rekomendasi,ditindaklanjuti")
    assert any("Jawa Tengah" in c.value for c in at.caption)


def test_overview_figures_equal_the_command_line(app, loaded_db):
    at = app(election="pilkada-2020", province="74")
    s = cli_summary(loaded_db, "--election", "pilkada-2020", "--province", "74")
    assert metric_value(at, "Kasus dilaporkan") == f"{s['cases']:,}".replace(",", ".")
    assert metric_value(at, "Pelanggaran") == f"{s['violations']:,}".replace(",", ".")
    assert metric_value(at, "Rekomendasi sanksi") == f"{s['recommendations']:,}".replace(",", ".")
    rate = f"{s['follow_up_rate'] * 100:.1f}".replace(".", ",") + "%"
    assert metric_value(at, "Tindak lanjut PPK") == rate


def test_overview_compares_with_the_previous_election_of_the_same_kind(app):
    at = app(election="pilkada-2024")
    deltas = [m for m in at.metric if m.label == "Kasus dilaporkan"]
    assert deltas and "Pilkada 2020" in str(deltas[0].proto.delta)


def test_hostile_url_parameters_are_ignored_with_a_message(app):
    at = app(province="33' OR 1=1 --", status="rekomendasi")
    assert any("diabaikan" in w.value for w in at.warning)
    assert any("Rekomendasi" in c.value for c in at.caption)


def test_english_toggle(app):
    at = app(lang="en")
    assert at.title[0].value == "Overview"


def test_sample_banner_only_with_sample_data(app, loaded_db):
    at = app()
    assert not any("DATA CONTOH" in w.value for w in at.warning)


def test_case_explorer_search(app):
    at = app("views/kasus.py")
    at.text_input(key="case_search").input("KASN/002").run()
    frame = at.dataframe[0].value
    assert len(frame) == 1 and frame.iloc[0]["Nomor kasus"] == "KASN/002/2020"


def test_a_busy_database_gives_a_message_in_both_languages_not_a_traceback(tmp_path, monkeypatch):
    """While another process holds the file longer than the wait, and there is nothing earlier to show,
    the app says so in Bahasa Indonesia and English instead of an error page."""
    import subprocess
    import sys

    from netralitas.store import Store, request_path

    db = tmp_path / "busy.duckdb"
    Store(db).schema_version()
    monkeypatch.setenv("NETRALITAS_DB", str(db))
    monkeypatch.setenv("NETRALITAS_LOAD_SAMPLE", "0")
    monkeypatch.setenv("NETRALITAS_LOCK_WAIT_SECONDS", "1")
    asker = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        request_path(db).write_text(str(asker.pid), encoding="ascii")
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        text = " ".join(e.value for e in at.error)
        assert "sedang diperbarui" in text and "being updated" in text
    finally:
        asker.kill()
        asker.wait()
    at.button[-1].click().run()  # "Coba lagi / Try again" once the other process is done
    assert not at.exception and not at.error
