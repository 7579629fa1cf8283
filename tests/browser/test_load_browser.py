"""Ten people keep using the dashboard while an analyst imports a large file, once from the command line
(a second process, which must be handed the database file; the test freezes it while it holds the file)
and once through the upload page (the same process). Every view any of them gets shows either the count
before the import or the count after it, never a part of the batch, and never an error page."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from builders import load_sample_rows  # noqa: E402
from conftest import run_cli  # noqa: E402

from netralitas.devtools.sample import write_sample  # noqa: E402

from .conftest import POLL_MS, Server, kpi, screenshot, upload_and_dry_run, wait_for_app  # noqa: E402

# alone: no other browser test runs beside it under xdist (tests/scheduling.py)
pytestmark = [pytest.mark.browser, pytest.mark.alone]

SESSIONS = 10
BASE_ROWS = 5_000
# The CLI import is frozen while it holds the file, so its size only has to make it hold the file for
# longer than the watcher's 2 ms poll; a larger file would only make the test slower.
CLI_ROWS = 50_000
UPLOAD_ROWS = 10_000


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("load")
    db = tmp / "load.duckdb"
    load_sample_rows(db, rows=BASE_ROWS)
    srv = Server(db, {"NETRALITAS_LOAD_SAMPLE": "0", "NETRALITAS_UPLOAD_LIMIT_MB": "500"})
    srv.tmp, srv.db = tmp, db
    yield srv
    srv.stop()


# What people have open before a briefing: the overview, and the presenter's first slide (the KPIs).
VIEWS = ("/", "/presentasi?presenter=1&slide=1")


@pytest.fixture(scope="module")
def viewers(browser, server):
    """Ten Streamlit sessions (ten tabs, each with its own websocket), half on the overview and half on
    the presenter's KPI slide; both tests use the same ten (each starts by reloading every one), rather
    than ten more to open. The tabs share one context, so its cache of Streamlit's JavaScript and of the
    code compiled from it serves all ten, as a browser's does."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pages = [context.new_page() for _ in range(SESSIONS)]
    for i, pg in enumerate(pages):
        pg.goto(server.url + VIEWS[i % len(VIEWS)], wait_until="commit")
    yield pages
    context.close()


def shown_cases(pg, timeout: float = 60_000) -> int:
    """The case count (the first KPI) once the run has finished; fails on any error element."""
    pg.wait_for_function(
        "() => document.querySelector('[data-testid=\"stMetricValue\"]')"
        " && !document.querySelector('[data-testid=\"stStatusWidget\"]')",
        timeout=timeout,
        polling=POLL_MS,
    )
    problems = pg.locator('[data-testid="stException"], [data-testid="stAlertContentError"]')
    assert problems.count() == 0, problems.first.inner_text()
    return int(kpi(pg).replace(".", ""))


def cases_in_database(db: Path) -> int:
    """The case count as the command line reads it from the file: what every session must show once an
    import has committed. Counted, not computed as before + rows: two records of the same person (the
    same NIP) in different files are one case, and the sample's NIPs can repeat across seeds."""
    done = run_cli("summary", "--db", str(db), "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["cases"]


BUSY = "Data sedang diperbarui"  # the notice on figures kept from before another process's update


def settle_on(pages, db: Path, before: int, after: int, within: float = 60.0) -> list[int]:
    """Reload every session until each shows `after`, the count committed. The moments just after another
    process gave the file back (the import, then the command line's own count) may still serve the
    figures from before, by design, but only with the busy notice; anything else, or no change within
    `within` seconds, fails with what the request file said."""
    deadline = time.monotonic() + within
    while True:
        for pg in pages:
            pg.reload(wait_until="commit")
        shown = [shown_cases(pg) for pg in pages]
        if shown == [after] * len(pages):
            return shown
        for pg, value in zip(pages, shown, strict=True):
            assert value in (before, after), f"a session showed {value}: neither {before} nor {after}"
            if value == before:
                assert pg.get_by_text(BUSY).count() > 0, "figures from before the import, with no notice"
        request = Path(f"{db}.request")
        assert time.monotonic() < deadline, (
            f"sessions still show {shown} {within:.0f} s after the import committed {after}; request file: "
            + (request.read_text(encoding="ascii") if request.exists() else "none")
        )
        time.sleep(1)


def watch_while(pages, running) -> list[int]:
    """Reload every session together and read each, while `running()` and once more after. Returns what
    the sessions showed, in order."""
    seen: list[int] = []
    last_round = False
    while True:
        for pg in pages:
            pg.reload(wait_until="commit")
        seen.extend(shown_cases(pg) for pg in pages)
        if last_round:
            return seen
        last_round = not running()


def held_by(pid: int, path: Path) -> bool:
    """True while process `pid` holds a lock on the file `path` (Linux lists every lock in /proc/locks)."""
    inode = str(path.stat().st_ino)
    for line in Path("/proc/locks").read_text(encoding="ascii").splitlines():
        fields = line.split()
        # "1: POSIX  ADVISORY  WRITE 12345 fe:00:2146315 0 EOF"; waiters ("1: -> POSIX ...") hold nothing
        if fields[1] != "->" and fields[4] == str(pid) and fields[5].rsplit(":", 1)[-1] == inode:
            return True
    return False


def freeze_once_it_holds(proc, path: Path) -> threading.Event:
    """Stops `proc` (SIGSTOP) the moment it is seen holding `path`, from a thread of its own so that a
    busy test cannot look away while the import has the file. The event is set once it is frozen."""
    frozen = threading.Event()

    def watch() -> None:
        while proc.poll() is None:
            if held_by(proc.pid, path):
                proc.send_signal(signal.SIGSTOP)
                frozen.set()
                return
            time.sleep(0.002)

    threading.Thread(target=watch, daemon=True).start()
    return frozen


def test_ten_sessions_while_a_command_line_import_holds_the_file(server, viewers):
    """The import runs in a second process, which takes the database file from the dashboard. The test
    freezes it (SIGSTOP) at a moment it holds the file, so the sessions are certainly served while the
    file is out of the dashboard's hands, however fast or slow this machine is."""
    before = shown_cases(viewers[0])
    big = server.tmp / "cli.csv"
    write_sample(CLI_ROWS, big, seed=11)  # what `netralitas sample` writes, without a second interpreter
    proc = subprocess.Popen(
        [sys.executable, "-m", "netralitas", "import", str(big), "--db", str(server.db), "--source", "kasn"],
        cwd=Path(__file__).resolve().parents[2],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    frozen = freeze_once_it_holds(proc, server.db)
    try:
        for pg in viewers:  # everybody reloads while the import reads and stages the file
            pg.reload(wait_until="commit")
        while not frozen.wait(0.1):
            assert proc.poll() is None, "the import ended before it was seen holding the file"
        # the loads under way finish, and ten fresh ones are served, while the import holds the file: as
        # it has not committed, every one of them shows the count before it
        assert [shown_cases(pg) for pg in viewers] == [before] * SESSIONS
        for pg in viewers:
            pg.reload(wait_until="commit")
        assert [shown_cases(pg) for pg in viewers] == [before] * SESSIONS
        screenshot(viewers[0], "load-while-cli-import-holds-the-file")
    finally:
        proc.send_signal(signal.SIGCONT)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    after = cases_in_database(server.db)
    assert before < after <= before + CLI_ROWS
    assert settle_on(viewers, server.db, before, after) == [after] * SESSIONS
    screenshot(viewers[0], "load-after-cli-import")


def test_ten_sessions_during_an_upload_page_import(server, viewers, browser):
    before = cases_in_database(server.db)
    # every session shows the count before the upload: read as they stand (after the first test they do,
    # and a round of ten reloads costs seconds of CPU), reloaded until they do only if one does not
    if [shown_cases(pg) for pg in viewers] != [before] * SESSIONS:
        assert settle_on(viewers, server.db, before, before) == [before] * SESSIONS
    big = server.tmp / "upload.csv"
    write_sample(UPLOAD_ROWS, big, seed=12)
    analyst_context = browser.new_context(viewport={"width": 1920, "height": 1080})
    analyst = analyst_context.new_page()
    try:
        upload_and_dry_run(analyst, server.url, big)
        analyst.get_by_text("Simpan ke basis data").wait_for(timeout=60_000)
        wait_for_app(analyst)
        analyst.get_by_text("Simpan ke basis data").click()
        committed = analyst.locator('[data-testid="stAlertContentSuccess"]', has_text="Batch")

        seen = watch_while(viewers, lambda: committed.count() == 0)
        committed.wait_for(timeout=120_000)
        screenshot(analyst, "load-upload-committed")
        after = cases_in_database(server.db)
        assert before < after <= before + UPLOAD_ROWS
        assert set(seen) <= {before, after}, f"a session showed a part of the batch: {seen}"
        assert seen[-SESSIONS:] == [after] * SESSIONS, seen
    finally:
        analyst_context.close()
