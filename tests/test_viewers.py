"""The viewer benchmark (python -m netralitas bench --viewers): a small run, so it cannot rot. No timing
assertions: the figures depend on the machine."""

from __future__ import annotations

import json
import subprocess

import pytest
from builders import load_sample_rows
from conftest import ROOT, run_cli

from netralitas.devtools import viewers


@pytest.fixture(scope="module")
def haproxy():
    """Debian's haproxy, installed the way scripts/serve.sh installs it."""
    subprocess.run(
        ["bash", "-c", "source scripts/_env.sh; command -v haproxy >/dev/null || apt_install haproxy"],
        cwd=ROOT,
        check=True,
    )


@pytest.mark.slow
def test_viewer_benchmark_prints_every_app_for_every_crowd(tmp_path, haproxy):
    db = tmp_path / "bench.duckdb"
    load_sample_rows(db, rows=300)
    r = run_cli(
        "bench", "--viewers", "1,3", "--replicas", "2", "--db", str(db), "--out", str(tmp_path), timeout=600
    )
    assert r.returncode == 0, r.stderr
    labels = ("floor, Streamlit defaults", "messages replayed", "overview, 1 process", "2 replicas + HAProxy")
    for label in labels:
        assert sum(label in line for line in r.stdout.splitlines()) == 2, (label, r.stdout)
    result = json.loads((tmp_path / "viewers-1-3.json").read_text(encoding="utf-8"))
    for app in ("floor", "floor_tuned", "replay", "one", "replicas"):
        for k in ("1", "3"):
            m = result[app][0][k]
            assert m["viewers"] == int(k) and m["views_per_s"] > 0 and m["p95_s"] >= m["p50_s"] > 0
    for page in ("peta", "instansi", "tahapan", "kasus"):  # every other dashboard page, at the largest crowd
        assert sum(f"| /{page}, 1 process |" in line for line in r.stdout.splitlines()) == 1, r.stdout
        m = result["pages"][0][page]
        assert m["viewers"] == 3 and m["views_per_s"] > 0 and m["kb_per_view"] > 0
    # the overview sends its five charts and KPI cards; the floor one chart; the replay what the overview
    # sent (the same elements: within the few bytes of message hashes and ids)
    assert result["one"][0]["3"]["kb_per_view"] > result["floor"][0]["3"]["kb_per_view"]
    assert abs(result["replay"][0]["3"]["kb_per_view"] - result["one"][0]["3"]["kb_per_view"]) < 2


def test_a_first_view_reads_the_overview_as_a_browser_session_does(tmp_path):
    """Against a running dashboard: the client's first view ends at script_finished with the page's
    five charts and its KPI cards, and the query string reaches the app (English labels)."""
    db = tmp_path / "view.duckdb"
    load_sample_rows(db, rows=200)
    env = {"NETRALITAS_DB": str(db), "NETRALITAS_LOAD_SAMPLE": "0"}
    with viewers.streamlit_server(ROOT / "app.py", ROOT, env) as base:
        first = viewers.view_now(base)
        english = viewers.view_now(base, query_string="lang=en")
    assert not first.exceptions and first.charts == 5
    assert any(text.startswith("Kasus dilaporkan=") for text in first.texts), first.texts
    assert any(text.startswith("Cases reported=") for text in english.texts), english.texts
