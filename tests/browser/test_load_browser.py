"""Ten people keep using the dashboard while an analyst imports a large file, once from the command line
(a second process, which must be handed the database file) and once through the upload page (the same
process). Every view any of them gets shows either the count before the import or the count after it,
never a part of the batch, and never an error page."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from conftest import run_cli  # noqa: E402

from .conftest import Server, screenshot, upload_and_dry_run, wait_for_app  # noqa: E402

pytestmark = pytest.mark.browser

SESSIONS = 10
BASE_ROWS = 5_000
CLI_ROWS = 200_000
UPLOAD_ROWS = 10_000


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("load")
    db = tmp / "load.duckdb"
    assert run_cli("sample", "--load", "--rows", str(BASE_ROWS), "--db", str(db)).returncode == 0
    srv = Server(db, {"NETRALITAS_LOAD_SAMPLE": "0", "NETRALITAS_UPLOAD_LIMIT_MB": "500"})
    srv.tmp, srv.db = tmp, db
    yield srv
    srv.stop()


# What people have open before a briefing: the overview, and the presenter's first slide (the KPIs).
VIEWS = ("/", "/presentasi?presenter=1&slide=1")


@pytest.fixture
def viewers(browser, server):
    """Ten separate browser sessions, half on the overview and half on the presenter's KPI slide."""
    contexts = [browser.new_context(viewport={"width": 1280, "height": 900}) for _ in range(SESSIONS)]
    pages = [c.new_page() for c in contexts]
    for i, pg in enumerate(pages):
        pg.goto(server.url + VIEWS[i % len(VIEWS)], wait_until="commit")
    yield pages
    for c in contexts:
        c.close()


def shown_cases(pg, timeout: float = 60_000) -> int:
    """The case count (the first KPI) once the run has finished; fails on any error element."""
    pg.wait_for_function(
        "() => document.querySelector('[data-testid=\"stMetricValue\"]')"
        " && !document.querySelector('[data-testid=\"stStatusWidget\"]')",
        timeout=timeout,
    )
    problems = pg.locator('[data-testid="stException"], [data-testid="stAlertContentError"]')
    assert problems.count() == 0, problems.first.inner_text()
    # by its label: while a page renders, the KPI cards need not enter the page in their final order
    card = pg.locator('[data-testid="stMetric"]', has=pg.get_by_text("Kasus dilaporkan", exact=True)).first
    return int(card.locator('[data-testid="stMetricValue"]').inner_text().replace(".", ""))


def watch_while(pages, start, running, allowed: set[int]) -> tuple[list[int], int]:
    """Reload every session together, call `start()` once the first reloads are under way, read each
    session, and repeat while `running()`, then once more. Returns what the sessions showed, and how
    many of those reads were made while the import was still running."""
    seen: list[int] = []
    during = 0
    last_round = False
    while True:
        for pg in pages:
            pg.reload(wait_until="commit")
        if start is not None:
            start()
            start = None
        for pg in pages:
            value = shown_cases(pg)
            assert value in allowed, (
                f"a session showed {value}: neither before nor after the import {allowed}"
            )
            seen.append(value)
            during += bool(running())
        if last_round:
            return seen, during
        last_round = not running()


def test_ten_sessions_during_a_command_line_import(server, viewers):
    before = shown_cases(viewers[0])
    big = server.tmp / "cli.csv"
    assert run_cli("sample", "--rows", str(CLI_ROWS), "--out", str(big), "--seed", "11").returncode == 0
    import subprocess

    procs = []

    def start() -> None:
        procs.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "netralitas",
                    "import",
                    str(big),
                    "--db",
                    str(server.db),
                    "--source",
                    "kasn",
                ],
                cwd=Path(__file__).resolve().parents[2],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )

    started = time.monotonic()
    seen, during = watch_while(viewers, start, lambda: procs[0].poll() is None, {before, before + CLI_ROWS})
    out, err = procs[0].communicate(timeout=120)
    assert procs[0].returncode == 0, err
    assert time.monotonic() - started < 120
    # Sessions were served while the import ran, and all of them end on the complete batch.
    assert during > 0 and seen[-SESSIONS:] == [before + CLI_ROWS] * SESSIONS, seen
    screenshot(viewers[0], "load-after-cli-import")


def test_ten_sessions_during_an_upload_page_import(server, viewers, browser):
    before = shown_cases(viewers[0])
    big = server.tmp / "upload.csv"
    assert run_cli("sample", "--rows", str(UPLOAD_ROWS), "--out", str(big), "--seed", "12").returncode == 0
    analyst_context = browser.new_context(viewport={"width": 1920, "height": 1080})
    analyst = analyst_context.new_page()
    try:
        upload_and_dry_run(analyst, server.url, big)
        analyst.get_by_text("Simpan ke basis data").wait_for(timeout=60_000)
        wait_for_app(analyst)
        analyst.get_by_text("Simpan ke basis data").click()
        committed = analyst.locator('[data-testid="stAlertContentSuccess"]', has_text="Batch")

        seen, _during = watch_while(
            viewers, None, lambda: committed.count() == 0, {before, before + UPLOAD_ROWS}
        )
        committed.wait_for(timeout=120_000)
        screenshot(analyst, "load-upload-committed")
        assert seen[-SESSIONS:] == [before + UPLOAD_ROWS] * SESSIONS, seen
    finally:
        analyst_context.close()
