"""IKP scores (issue #17): uploaded per election and level, validated row by row like the headcounts, and set
beside the cases with a rank correlation and named outliers; the published 2023 scores stand in, labelled."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from conftest import ROOT
from streamlit.testing.v1 import AppTest
from test_alerts import load, season_file

from netralitas import ikp
from netralitas.errors import FileRefused, NetralitasError
from netralitas.queries import run

PROVINCE_FILE = (
    "Provinsi;Skor IKP\n"
    "Maluku Utara;100\n"  # row 2
    "Sulut;55,87\n"  # row 3: abbreviation, decimal comma
    "Banten;101\n"  # row 4: over 100
    "Atlantis;20\n"  # row 5: no such province
    "Jawa Barat;tinggi\n"  # row 6: a word, not a score
    "PROV. MALUKU UTARA;90\n"  # row 7: duplicate of row 2
    ";12\n"  # row 8: no name
    "33;-3\n"  # row 9: negative
    "36;22.98\n"  # row 10: code, decimal point
)


def rows_of(report) -> dict[int, str]:
    return {e.row: e.reason_en for e in report.errors}


@pytest.mark.parametrize(
    ("text", "value"),
    [("55,87", 55.87), ("55.87", 55.87), ("100", 100.0), (" 9.4 ", 9.4), ("0", 0.0)],
)
def test_parse_score_reads_what_files_write(text, value):
    assert ikp.parse_score(text) == pytest.approx(value)


@pytest.mark.parametrize(
    "text", ["-3", "1.234,5", "tinggi", "", None, "1e3", "55,8,7", "1000", "55.", ",5", "NaN"]
)
def test_parse_score_refuses_everything_else(text):
    assert ikp.parse_score(text) is None


def test_every_bad_row_is_reported_with_its_row_and_reason(store):
    report = ikp.import_ikp(store, PROVINCE_FILE.encode(), "pemilu-2024", "analis")
    assert report.level == "province" and report.rows_read == 9 and report.rows_loaded == 3
    reasons = rows_of(report)
    assert set(reasons) == {4, 5, 6, 7, 8, 9}
    assert "0 to 100" in reasons[4] and "unknown province" in reasons[5] and "0 to 100" in reasons[6]
    assert (
        "twice" in reasons[7] and "row 2" in reasons[7] and "empty" in reasons[8] and "0 to 100" in reasons[9]
    )
    stored = run(store, "ikp", params={"ikp_election": "pemilu-2024", "ikp_level": "province"})
    assert dict(zip(stored["key"], stored["score"], strict=True)) == {"82": 100.0, "71": 55.87, "36": 22.98}


def test_saved_per_election_and_replacing_only_its_own(store):
    ikp.import_ikp(store, b"Provinsi,IKP\nBali,10\nAceh,20\n", "pemilu-2024", "a")
    ikp.import_ikp(store, b"Provinsi,IKP\nBali,30\n", "pilkada-2024", "a")
    again = ikp.import_ikp(store, b"Provinsi,IKP\nPapua,40\n", "pemilu-2024", "a")
    assert again.replaced == 2

    def scores(e):
        frame = run(store, "ikp", params={"ikp_election": e, "ikp_level": "province"})
        return dict(zip(frame["key"], frame["score"], strict=True))

    assert scores("pemilu-2024") == {"91": 40.0} and scores("pilkada-2024") == {"51": 30.0}


def test_a_dry_run_saves_nothing(store):
    report = ikp.import_ikp(store, b"Provinsi,IKP\nBali,10\n", "pemilu-2024", "a", dry_run=True)
    assert report.rows_loaded == 1
    assert run(store, "ikp", params={"ikp_election": "pemilu-2024", "ikp_level": "province"}).empty


def test_regency_files_and_ambiguous_names(store):
    text = "Kabupaten/Kota,Nilai\nKediri,50\nKota Kediri,40\nKab. Wakatobi,70\n7401,5\n"
    report = ikp.import_ikp(store, text.encode(), "pilkada-2024", "a")
    assert report.level == "regency" and report.rows_loaded == 3
    assert list(rows_of(report)) == [2] and "ambiguous" in rows_of(report)[2]


def test_xlsx_is_read_like_csv(store):
    buf = io.BytesIO()
    pd.DataFrame({"Provinsi": ["Gorontalo", "Lampung"], "Skor": [3.9, 3.9]}).to_excel(buf, index=False)
    assert ikp.import_ikp(store, buf.getvalue(), "pemilu-2024", "a").rows_loaded == 2


def test_unusable_files_and_elections_are_refused(store):
    with pytest.raises(FileRefused):
        ikp.import_ikp(store, b"Provinsi,Jumlah ASN\nBali,10\n", "pemilu-2024", "a")
    with pytest.raises(NetralitasError):
        ikp.import_ikp(store, b"Provinsi,IKP\nBali,10\n", "pemilu-1999", "a")


def test_spearman_is_the_rank_correlation():
    x = pd.Series([1.0, 2, 3, 4, 5])
    assert ikp.spearman(x, x * 10) == pytest.approx(1.0)
    assert ikp.spearman(x, -x) == pytest.approx(-1.0)
    y = pd.Series([2.0, 1, 4, 3, 5])  # no ties: 1 - 6 sum(d^2) / (n (n^2 - 1)) = 1 - 24/120
    assert ikp.spearman(x, y) == pytest.approx(0.8)
    assert ikp.spearman(x.head(2), y.head(2)) is None
    assert ikp.spearman(x, pd.Series([1.0] * 5)) is None


def test_outliers_are_high_forecast_few_cases_and_the_reverse():
    scores = pd.DataFrame({"key": ["82", "71", "36", "73", "53"], "score": [100, 55.87, 22.98, 21.93, 9.4]})
    cases = {"82": 0, "71": 10, "36": 12, "73": 15, "53": 40}
    frame = ikp.compare(scores, cases, "province").set_index("key")
    assert frame.loc["82", "outlier"] == "under" and frame.loc["53", "outlier"] == "over"
    assert frame.loc["36", "outlier"] == ""
    assert frame.loc["82", "label"] == "Maluku Utara" and frame.loc["82", "cases"] == 0


def test_published_scores_stand_in_labelled_with_their_source():
    scores, origin, source = ikp.scores_for(pd.DataFrame(), "pemilu-2024", "province")
    assert origin == "published" and len(scores) == 10 and "monitorindonesia.com" in source
    assert dict(zip(scores["key"], scores["score"], strict=True))["71"] == pytest.approx(55.87)
    assert ikp.scores_for(pd.DataFrame(), "pilkada-2024", "province")[1] is None
    uploaded = pd.DataFrame({"key": ["51"], "score": [10.0]})
    assert ikp.scores_for(uploaded, "pemilu-2024", "province")[1] == "uploaded"


def test_map_page_shows_forecast_against_outcome(store, monkeypatch):
    from netralitas.store import close_all

    monkeypatch.setenv("NETRALITAS_DB", str(store.path))
    monkeypatch.setenv("NETRALITAS_LOAD_SAMPLE", "0")
    ikp.import_ikp(store, b"Provinsi,IKP\nBali,10\nAceh,20\nPapua,90\nBanten,50\n", "pilkada-2024", "a")
    load(store, season_file({"51": 3, "11": 20, "91": 1, "36": 8}, {}))  # Papua: high IKP, one report
    close_all()

    def page(**params):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        for k, v in params.items():
            at.query_params[k] = v
        at.run()
        at.switch_page("views/peta.py").run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    at = page(election="pemilu-2024")
    assert any("DATA TERBITAN" in w.value for w in at.warning)
    at = page(election="pilkada-2024")
    assert any("diunggah oleh a" in c.value and "4 provinsi" in c.value for c in at.caption)
    assert any("Spearman" in m.value for m in at.markdown)
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    scatter = [d for c in charts for d in c["data"] if d.get("type") == "scatter"]
    assert sum(len(d["x"]) for d in scatter) == 4
    labelled = [t for d in scatter for t in (d.get("text") or [])]
    assert "Papua" in labelled  # the largest gap between forecast and outcome is named on the chart


def test_upload_page_checks_then_saves_per_election(store, monkeypatch):
    from netralitas.store import close_all

    monkeypatch.setenv("NETRALITAS_DB", str(store.path))
    monkeypatch.setenv("NETRALITAS_LOAD_SAMPLE", "0")
    store.schema_version()
    close_all()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("views/unggah.py").run()
    at.selectbox(key="ikp_election").set_value("pilkada-2024").run()
    at.file_uploader(key="ikp_upload_0").set_value(("ikp.csv", PROVINCE_FILE.encode(), "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Uji coba: skor IKP Pilkada 2024 per provinsi" in i.value for i in at.info)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Akan dimuat"] == "3" and metrics["Ditolak"] == "6"
    rejected = at.dataframe[-1].value
    assert list(rejected["Baris"]) == [4, 5, 6, 7, 8, 9]
    at.button(key="ikp_go").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Skor IKP Pilkada 2024 untuk 3 provinsi disimpan" in s.value for s in at.success)
    saved = run(store, "ikp", params={"ikp_election": "pilkada-2024", "ikp_level": "province"})
    assert sorted(saved["key"]) == ["36", "71", "82"]
    assert run(store, "ikp", params={"ikp_election": "pemilu-2024", "ikp_level": "province"}).empty


def test_upload_page_says_so_when_the_calendar_holds_no_election(store, monkeypatch):
    """IKP scores are saved per election: with an empty calendar the election chooser would hold nothing
    (None) and every upload be refused as an unknown election 'None', so the section says why instead."""
    from netralitas.store import close_all

    monkeypatch.setenv("NETRALITAS_DB", str(store.path))
    monkeypatch.setenv("NETRALITAS_LOAD_SAMPLE", "0")
    with store.transaction() as con:
        con.execute("DELETE FROM calendar")
    close_all()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("views/unggah.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Kalender pemilihan di basis data kosong" in i.value for i in at.info)
    assert not [s for s in at.selectbox if s.key == "ikp_election"]
    assert not [u for u in at.get("file_uploader") if "ikp_upload" in (u.proto.id or "")]


def test_map_page_offers_regency_scores_when_uploaded(store, monkeypatch):
    from netralitas.store import close_all

    monkeypatch.setenv("NETRALITAS_DB", str(store.path))
    monkeypatch.setenv("NETRALITAS_LOAD_SAMPLE", "0")
    ikp.import_ikp(
        store, b"Kabupaten/Kota,IKP\nKab. Wakatobi,70\n7401,5\nKota Kediri,40\n", "pemilu-2024", "a"
    )
    close_all()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["election"] = "pemilu-2024"
    at.run()
    at.switch_page("views/peta.py").run()
    assert not at.exception, [e.value for e in at.exception]
    # provinces: the published ten; regencies: the upload, offered as a choice
    controls = [b for b in at.get("button_group") if "ikp_view_level" in b.proto.id]
    assert len(controls) == 1, "no level choice"
    assert any("DATA TERBITAN" in w.value for w in at.warning)
