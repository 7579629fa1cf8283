"""Two replicas behind HAProxy on one database file (scripts/serve.sh): an import through the upload page
of one replica, then one from the command line, and both replicas show the new counts within seconds.

Counts are read through the balancer with the websocket viewer client (netralitas/devtools/viewers.py), once
with each replica's sticky cookie, so each read names the replica that answers it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from builders import load_sample_rows  # noqa: E402
from conftest import FIXTURES, ROOT, run_cli  # noqa: E402

from netralitas import style  # noqa: E402
from netralitas.devtools import viewers  # noqa: E402
from netralitas.i18n import t  # noqa: E402
from netralitas.serve import COOKIE  # noqa: E402

from .conftest import free_port, upload_and_dry_run, wait_for_app  # noqa: E402

pytestmark = pytest.mark.browser
REPLICAS = ("r1", "r2")


@pytest.fixture(scope="module")
def balanced(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("replicas")
    db = tmp / "shared.duckdb"
    load_sample_rows(db, rows=300)
    port = free_port()
    log = open(tmp / "serve.log", "w")  # noqa: SIM115 (closed below)
    proc = subprocess.Popen(
        ["bash", str(ROOT / "scripts" / "serve.sh"), "--replicas", "2", "--port", str(port)],
        cwd=ROOT,
        env={**os.environ, "NETRALITAS_DB": str(db), "NETRALITAS_LOAD_SAMPLE": "0"},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        viewers.wait_healthy(url, 300)
    except RuntimeError:
        proc.kill()
        raise RuntimeError((tmp / "serve.log").read_text()) from None
    yield url, db, tmp
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(60)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


def cases_on(url: str, replica: str) -> tuple[str, int]:
    """The overview's case count as the replica behind this sticky cookie shows a new session: on the
    KPI card, and as the first stage of the funnel (a figure kept per data version: it must follow)."""
    view = viewers.view_now(url, cookie=f"{COOKIE}={replica}")
    assert not view.exceptions, view.exceptions
    label = t("kpi_cases", "id") + "="
    values = [text.removeprefix(label) for text in view.texts if text.startswith(label)]
    funnels = [d["x"][0] for spec in view.specs for d in json.loads(spec)["data"] if d["type"] == "funnel"]
    assert values and funnels, (view.texts, len(view.specs))
    return values[0], funnels[0]


def stored_cases(db: Path) -> tuple[str, int]:
    """The case count in the file, from the command line, as the KPI card writes it and as a number."""
    r = run_cli("summary", "--db", str(db), "--json")
    assert r.returncode == 0, r.stderr
    cases = json.loads(r.stdout)["cases"]
    return style.fmt_int(cases, "id"), cases


def all_replicas_show(url: str, expected: tuple[str, int], within: float = 20) -> dict[str, tuple]:
    """Each replica's count, polled until every one shows `expected` (or `within` seconds pass)."""
    deadline = time.monotonic() + within
    while True:
        seen = {r: cases_on(url, r) for r in REPLICAS}
        if set(seen.values()) == {expected} or time.monotonic() > deadline:
            return seen
        time.sleep(0.5)


def test_two_replicas_show_imports_through_either_path(balanced, page):
    url, db, tmp = balanced
    before = stored_cases(db)
    assert all_replicas_show(url, before) == dict.fromkeys(REPLICAS, before)

    # an import through the upload page of whichever replica the browser's cookie names
    upload_and_dry_run(page, url, FIXTURES / "kasn_2020_messy.csv")
    page.get_by_text("Simpan ke basis data").wait_for(timeout=60_000)
    wait_for_app(page)
    page.get_by_text("Simpan ke basis data").click()
    page.get_by_text("Batch 2:").wait_for(timeout=60_000)
    browser_replica = {c["name"]: c["value"] for c in page.context.cookies()}.get(COOKIE)
    assert browser_replica in REPLICAS, page.context.cookies()
    after_upload = stored_cases(db)
    assert after_upload != before
    assert all_replicas_show(url, after_upload) == dict.fromkeys(REPLICAS, after_upload)

    # an import from the command line, while both replicas hold the file read-only
    extra = tmp / "extra.csv"
    assert run_cli("sample", "--rows", "40", "--out", str(extra), "--seed", "77").returncode == 0
    r = run_cli("import", str(extra), "--db", str(db), "--source", "bawaslu", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["rows_loaded"] > 0
    after_cli = stored_cases(db)
    assert after_cli != after_upload
    assert all_replicas_show(url, after_cli) == dict.fromkeys(REPLICAS, after_cli)
