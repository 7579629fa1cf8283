"""Every page through streamlit.testing's AppTest, with filters given through the URL; the figures a page
shows must equal `python -m netralitas summary` for the same filters."""

from __future__ import annotations

import json

import pytest
from builders import import_messy_kasn, import_sample_file
from conftest import FIXTURES, ROOT, cli_here
from streamlit.testing.v1 import AppTest

from netralitas.filters import Filters
from netralitas.pages import dashboard_pages

PAGES = [p.script for p in dashboard_pages()]


@pytest.fixture(scope="module")
def loaded_db(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("pages")
    db = tmp / "pages.duckdb"
    import_messy_kasn(db, tmp)
    import_sample_file(db, tmp, rows=3000, seed=7, source="bawaslu")
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
    r = cli_here("summary", "--db", str(db), "--json", *args)
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


def test_a_view_already_shown_stays_while_another_process_writes_without_asking(
    loaded_db, tmp_path, monkeypatch
):
    """An import from the command line that found the file free holds it without asking: the dashboard
    shows the figures it had, at once, with a notice, and the new ones once the writer is done."""
    import shutil
    import subprocess
    import sys
    import time

    from netralitas.store import request_path

    db = tmp_path / "held.duckdb"
    shutil.copy(loaded_db, db)
    monkeypatch.setenv("NETRALITAS_DB", str(db))
    monkeypatch.setenv("NETRALITAS_LOAD_SAMPLE", "0")
    monkeypatch.setenv("NETRALITAS_LOCK_WAIT_SECONDS", "30")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    shown = [m.value for m in at.metric]
    assert shown and not at.info
    # The writer asks once (the dashboard keeps the file open), then holds it with its request
    # withdrawn, as a second import that finds the file free does; it writes, and keeps holding.
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, os, pathlib, time\n"
            f"db, ask = {str(db)!r}, pathlib.Path({str(request_path(db))!r})\n"
            "ask.write_text(str(os.getpid()))\n"
            "while True:\n"
            "    try:\n"
            "        c = duckdb.connect(db); break\n"
            "    except duckdb.IOException:\n"
            "        time.sleep(0.05)\n"
            "ask.unlink()\n"
            # the figures read one row per case (case_facts): a writer that changes them changes the view
            'c.execute("DELETE FROM case_facts WHERE case_key IN (SELECT case_key FROM case_facts LIMIT 100)")\n'
            "print('held', flush=True)\n"
            "time.sleep(60)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout.readline().strip() == "held"
        started = time.monotonic()
        at.run()
        assert time.monotonic() - started < 15, (
            "the view waited for the writer instead of showing its figures"
        )
        assert not at.exception and not at.error
        assert [m.value for m in at.metric] == shown
        assert any("diperbarui" in i.value for i in at.info)
    finally:
        writer.kill()
        writer.wait()
    at.run()
    assert not at.info and [m.value for m in at.metric] != shown


@pytest.fixture
def headcount_db(loaded_db, tmp_path):
    """The pages' database with the agency headcount fixture uploaded (a copy: other tests see none)."""
    import shutil

    from netralitas.headcount import import_headcount
    from netralitas.store import Store

    db = tmp_path / "headcount.duckdb"
    shutil.copy(loaded_db, db)
    report = import_headcount(Store(db), (FIXTURES / "asn_instansi_2024.csv").read_bytes(), "andi")
    assert report.level == "agency" and report.rows_loaded == 5 and report.matched == 5
    return db


def open_page(db, monkeypatch, page: str, **params: str) -> AppTest:
    monkeypatch.setenv("NETRALITAS_DB", str(db))
    monkeypatch.setenv("NETRALITAS_LOAD_SAMPLE", "0")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_agencies_page_shows_cases_per_1000_asn_where_a_headcount_exists(headcount_db, monkeypatch):
    by_agency = {g["key"]: g["cases"] for g in cli_summary(headcount_db, "--by", "agency")["groups"]}
    asn = {
        "Pemerintah Kabupaten Wakatobi": 3215,
        "Pemerintah Kabupaten Purbalingga": 9870,
        "Pemerintah Kabupaten Sumbawa": 7402,
        "Pemerintah Kota Medan": 21950,
        "Kementerian Agama": 251000,
    }
    at = open_page(headcount_db, monkeypatch, "views/instansi.py")
    table = at.dataframe[0].value.set_index("Instansi")
    for name, n in asn.items():
        rate = by_agency[name] * 1000 / n
        assert table.loc[name, "Jumlah ASN"] == f"{n:,}".replace(",", ".")
        assert table.loc[name, "Kasus per 1.000 ASN"] == f"{rate:.{2 if rate < 1 else 1}f}".replace(".", ",")
    others = table.drop(index=list(asn))
    assert set(others["Kasus per 1.000 ASN"]) == {"tidak diketahui"}
    assert set(others["Jumlah ASN"]) == {"tidak diketahui"}
    assert list(table.index[:2]) == sorted(by_agency, key=lambda k: (-by_agency[k], k))[:2]  # by cases

    at.radio(key="agency_order").set_value("per_asn").run()
    assert not at.exception
    ranked = at.dataframe[0].value
    expected = sorted(asn, key=lambda k: -by_agency[k] / asn[k])
    assert list(ranked["Instansi"][:5]) == expected
    assert set(ranked["Kasus per 1.000 ASN"][5:]) == {"tidak diketahui"}
    chart = at.get("plotly_chart")[0].proto.spec
    assert expected[0] in chart and "Kasus per 1.000 ASN" in chart

    english = open_page(headcount_db, monkeypatch, "views/instansi.py", lang="en")
    frame = english.dataframe[0].value.set_index("Agency")
    assert (
        frame.loc["Kementerian Agama", "Cases per 1,000 ASN"]
        == f"{by_agency['Kementerian Agama'] * 1000 / 251000:.2f}"
    )
    assert "unknown" in set(frame["Cases per 1,000 ASN"])


def test_agencies_page_without_headcount_has_no_per_asn_column(app):
    at = app("views/instansi.py")
    assert "Kasus per 1.000 ASN" not in at.dataframe[0].value.columns and not at.radio


def test_headcount_upload_is_checked_then_saved_for_its_level(headcount_db, monkeypatch):
    at = open_page(headcount_db, monkeypatch, "views/unggah.py")
    assert any("Tersimpan: 5 instansi" in c.value for c in at.caption)
    text = "Provinsi;Jumlah ASN\nJateng;250.000\nAtlantis;5\nSultra;40.000\n"
    at.file_uploader(key="headcount_upload_0").set_value(("asn.csv", text.encode(), "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("per provinsi" in i.value and "Belum ada yang disimpan" in i.value for i in at.info)
    assert metric_value(at, "Akan dimuat") == "2" and metric_value(at, "Ditolak") == "1"
    assert metric_value(at, "Cocok dengan data kasus") == "2 / 2"
    rejected = at.dataframe[-1].value
    assert list(rejected["Baris"]) == [3] and "Atlantis" in rejected["Alasan"][0]
    at.button(key="headcount_go").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("2 provinsi disimpan" in s.value for s in at.success)
    assert any("2 provinsi" in c.value and "5 instansi" in c.value for c in at.caption)
    assert not at.file_uploader(key="headcount_upload_1").value  # a fresh uploader once saved


def test_a_file_over_the_upload_limit_gets_our_message_in_both_languages(headcount_db, monkeypatch):
    monkeypatch.setenv("NETRALITAS_UPLOAD_LIMIT_MB", "1")
    at = open_page(headcount_db, monkeypatch, "views/unggah.py")
    uploader = at.file_uploader(key="uploads")
    assert "Paling besar 1 MB per berkas" in uploader.help
    assert uploader.proto.max_upload_size_mb == 2  # the browser lets it through to our check
    big = b"Nomor,Provinsi,Tanggal Laporan\n" + b"X1,Bali,2024-01-10\n" * 70_000  # 1.3 MB
    uploader.set_value(("besar.csv", big, "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    message = " ".join(e.value for e in at.error)
    assert "“besar.csv” terlalu besar: 1,3 MB, batasnya 1 MB" in message
    assert "“besar.csv” is too large: 1.3 MB, the limit is 1 MB" in message
    assert not [b for b in at.button if b.label.startswith("Uji coba")]  # nothing read, nothing to run
    english = open_page(headcount_db, monkeypatch, "views/unggah.py", lang="en")
    assert "At most 1 MB per file" in english.file_uploader(key="headcount_upload_0").help


def test_upload_history_has_labelled_headers_and_no_none(headcount_db, monkeypatch):
    for lang, batch, undone, source in (
        ("id", "Batch", "Dibatalkan", "Diunggah"),
        ("en", "Batch", "Undone", "Uploaded"),
    ):
        at = open_page(headcount_db, monkeypatch, "views/unggah.py", lang=lang)
        shown = next(d.value for d in at.dataframe if undone in d.value.columns)
        assert {batch, source} <= set(shown.columns)
        assert not {"batch_id", "rows_read", "undone_at"} & set(shown.columns)
        cells = shown.astype(str).to_numpy().ravel()
        assert "None" not in cells and "nan" not in cells and "NaT" not in cells
        assert (shown[undone] == "–").all()  # nothing undone yet


def test_every_page_shows_new_data_after_an_import(tmp_path, monkeypatch):
    """Charts and tables other pages keep for every session (context.figures, context.built) are the same
    for a second session and new for the first session after an import."""
    db = tmp_path / "pages.duckdb"
    import_messy_kasn(db, tmp_path)  # Pilkada 2020 only
    pages = {
        "views/peta.py": {},
        "views/tahapan.py": {},
        "views/instansi.py": {},
        "views/presentasi.py": {"presenter": "1", "slide": "2"},
    }

    def seen() -> dict[str, tuple[list[str], list[str]]]:
        out = {}
        for page, params in pages.items():
            at = open_page(db, monkeypatch, page, **params)
            tables = [t.value.to_csv() for t in at.dataframe]
            out[page] = ([chart.proto.spec for chart in at.get("plotly_chart")], tables)
        return out

    before = seen()
    assert all(specs for specs, _ in before.values()) and seen() == before
    import_sample_file(db, tmp_path, rows=400, seed=5, source="bawaslu")
    for page, (specs, tables) in seen().items():
        old_specs, old_tables = before[page]
        assert specs != old_specs and len(specs) == len(old_specs), page
        assert not old_tables or tables != old_tables, page


def test_what_sessions_share_follows_an_import(tmp_path, monkeypatch):
    """The overview's figures, its coverage line and the early warning's election are kept for every
    session of the process per data version: the first view after an import shows the new data."""
    from netralitas.present.coverage import caption, coverage
    from netralitas.queries import run
    from netralitas.store import Store, close_all

    db = tmp_path / "shared.duckdb"
    import_messy_kasn(db, tmp_path)  # Pilkada 2020 only
    monkeypatch.setenv("NETRALITAS_DB", str(db))
    monkeypatch.setenv("NETRALITAS_LOAD_SAMPLE", "0")

    def overview() -> tuple[str, str, list[str]]:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        line = next(c.value for c in at.caption if c.value.startswith("Kasus di "))
        warning = next(c.value for c in at.caption if c.value.startswith("Pilih satu pemilihan"))
        return line, warning, [chart.proto.spec for chart in at.get("plotly_chart")]

    def expected_line() -> str:
        frame = run(Store(db), "breakdowns", Filters())
        close_all()
        return caption(coverage(frame), "id")

    line, warning, specs = overview()
    assert line == expected_line() and "Pilkada 2020" in warning
    assert overview() == (line, warning, specs)  # a second session gets what the first built
    import_sample_file(db, tmp_path, rows=400, seed=5, source="bawaslu")  # adds Pemilu and Pilkada 2024
    new_line, new_warning, new_specs = overview()
    assert new_line == expected_line() != line
    assert "Pilkada 2020" not in new_warning, new_warning
    assert new_specs != specs and len(new_specs) == len(specs)
