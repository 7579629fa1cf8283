"""The overview, the map, the presenter slide and `alerts --json` agree on which regions are rising and by
how much (issue #17), on synthetic seasons with one province that triples."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, cli_here
from streamlit.testing.v1 import AppTest
from test_alerts import AS_OF, STEADY, TRIPLES, _rows, load, season_file

from netralitas import alerts
from netralitas.present.slides import SLIDES
from netralitas.store import Store
from netralitas.style import fmt_num


@pytest.fixture(scope="module")
def seasons_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("alerts") / "seasons.duckdb"
    previous = {p: 20 for p in STEADY} | {TRIPLES: 15}
    current = {p: 20 for p in STEADY} | {TRIPLES: 45}
    load(Store(path), season_file(current, previous, _rows("pilkada-2024", "74", 2, AS_OF, "SM", "7401")))
    from netralitas.store import close_all

    close_all()
    return path


@pytest.fixture
def app(seasons_db, monkeypatch):
    monkeypatch.setenv("NETRALITAS_DB", str(seasons_db))
    monkeypatch.setenv("NETRALITAS_LOAD_SAMPLE", "0")

    def make(page: str, **params: str) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        for k, v in params.items():
            at.query_params[k] = v
        at.run()
        at.switch_page(page).run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return make


def outlined_keys(at: AppTest) -> list[list[str]]:
    """The locations of every outline layer among the page's plotly charts."""
    out = []
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        out += [d["locations"] for d in spec["data"] if d.get("name") == "alerts"]
    return out


def cli_alerts(db) -> dict:
    # no --as-of: like the pages without a date filter, the comparison runs to the latest case date
    r = cli_here("alerts", "--db", str(db), "--election", "pilkada-2024", "--json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_overview_map_slide_and_cli_agree(app, seasons_db):
    out = cli_alerts(seasons_db)
    provinces = [a["key"] for a in out["alerts"] if a["level"] == "province"]
    assert provinces == [TRIPLES]
    jateng = out["alerts"][0]
    ratio = fmt_num(jateng["ratio"], "id")
    sentence = (
        f"Jawa Tengah: {jateng['observed']} kasus, {jateng['previous']} pada titik yang sama di Pilkada 2020"
    )
    params = {"election": "pilkada-2024"}

    overview = app("views/ringkasan.py", **params)
    warning = " ".join(w.value for w in overview.warning)
    assert sentence in warning and f"{ratio}×" in warning
    same = alerts.early_warning(Store(seasons_db), "pilkada-2024")
    assert alerts.flag_sentence(same.flagged("province").iloc[0], "Pilkada 2020", "id") in warning
    assert "Kabupaten Buton" not in warning  # 0 -> 2: not a flag
    regencies = [a["label"] for a in out["alerts"] if a["level"] == "regency"]
    assert all(r in warning for r in regencies)

    peta = app("views/peta.py", **params)
    assert outlined_keys(peta) == [provinces]
    # a click on Jawa Tengah opens its regencies: only its own flagged regencies are outlined
    drilled = app("views/peta.py", province=TRIPLES, **params)
    own = [a["key"] for a in out["alerts"] if a["level"] == "regency" and a["key"].startswith(TRIPLES)]
    assert own and outlined_keys(drilled) == [own]

    slide = app("views/presentasi.py", presenter="1", slide=str(SLIDES.index("alerts") + 1), **params)
    text = " ".join(m.value for m in slide.markdown)
    # the same words the package gives its own (unrounded) figures: 45 cases, about 15 expected, 3.0x
    report = alerts.early_warning(Store(seasons_db), "pilkada-2024")
    assert alerts.as_json(report)["alerts"] == out["alerts"]
    line = alerts.flag_short(report.flagged("province").iloc[0], "id")
    assert line.startswith("**Jawa Tengah**: 45 kasus, diharapkan 15,") and line.endswith(f"({ratio}×)")
    assert line in text
    assert outlined_keys(slide) == [provinces]


def test_a_season_without_counterpart_says_so(app):
    at = app("views/ringkasan.py", election="pilkada-2020")
    captions = " ".join(c.value for c in at.caption)
    assert "Tidak ada pemilihan sebelumnya yang sejenis" in captions
    assert not outlined_keys(app("views/peta.py", election="pilkada-2020"))


def test_the_block_speaks_english_too(app):
    at = app("views/ringkasan.py", election="pilkada-2024", lang="en")
    assert any(h.value == "Early warning" for h in at.subheader)
    warning = " ".join(w.value for w in at.warning)
    assert "Jawa Tengah: 45 cases, 15 at the same point of 2020 Regional Elections" in warning
    assert any("Compares 2024 Regional Elections up to" in c.value for c in at.caption)
