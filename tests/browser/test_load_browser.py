"""Ten people keep using the dashboard while an analyst imports a large file, once from the command line
(a second process, which must be handed the database file; the test freezes it while it holds the file)
and once through the upload page (the same process). Every view any of them gets shows either the count
before the import or the count after it, never a part of the batch, and never an error page.

Two of the ten are Chromium tabs, drawn and photographed; the other eight are sessions opened by the
viewer benchmark's client, which speaks Streamlit's own websocket protocol as a new tab does (a reload
is a new session either way) and reads every element the server sends. Ten tabs on two cores spent most
of the test's time in Chromium drawing the same page ten times, not in the server under test."""

from __future__ import annotations

import asyncio
import json
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from builders import load_sample_rows  # noqa: E402
from conftest import run_cli  # noqa: E402

from netralitas.devtools.sample import write_sample  # noqa: E402
from netralitas.devtools.viewers import View, first_view  # noqa: E402

from .conftest import POLL_MS, Server, kpi, screenshot, upload_and_dry_run, wait_for_app  # noqa: E402

# alone: no other browser test runs beside it under xdist (tests/scheduling.py)
pytestmark = [pytest.mark.browser, pytest.mark.alone]

SESSIONS = 10
TABS = 2  # of the ten, drawn in Chromium; the rest are protocol sessions
BASE_ROWS = 5_000
# The CLI import is frozen while it holds the file, so its size only has to make it hold the file for
# longer than the watcher's 2 ms poll; a larger file would only make the test slower.
CLI_ROWS = 50_000
UPLOAD_ROWS = 10_000
CASES_LABEL = "Kasus dilaporkan"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("load")
    db = tmp / "load.duckdb"
    load_sample_rows(db, rows=BASE_ROWS)
    srv = Server(db, {"NETRALITAS_LOAD_SAMPLE": "0", "NETRALITAS_UPLOAD_LIMIT_MB": "500"})
    srv.tmp, srv.db = tmp, db
    yield srv
    srv.stop()


# What people have open before a briefing: the overview, and the presenter's first slide (the KPIs), as
# (path, query string).
VIEWS = (("", ""), ("presentasi", "presenter=1&slide=1"))


def shown_cases(pg, timeout: float = 60_000) -> int:
    """The case count (the first KPI) once the tab's run has finished; fails on any error element."""
    pg.wait_for_function(
        "() => document.querySelector('[data-testid=\"stMetricValue\"]')"
        " && !document.querySelector('[data-testid=\"stStatusWidget\"]')",
        timeout=timeout,
        polling=POLL_MS,
    )
    problems = pg.locator('[data-testid="stException"], [data-testid="stAlertContentError"]')
    assert problems.count() == 0, problems.first.inner_text()
    return int(kpi(pg, CASES_LABEL).replace(".", ""))


def counted_cases(view: View) -> int:
    """The case count a protocol session was sent; fails on an exception or an error message."""
    assert not view.exceptions and not view.errors, view.exceptions + view.errors
    shown = [text.split("=", 1)[1] for text in view.texts if text.startswith(f"{CASES_LABEL}=")]
    assert shown, f"no case count among {view.texts}"
    return int(shown[0].replace(".", ""))


class Crowd:
    """The ten sessions: `tabs` in Chromium and protocol sessions for the rest, half of them on each of
    `VIEWS`. `reload()` opens a new session for every one at once; `shown()` waits for them all and
    returns each one's case count, tabs first."""

    def __init__(self, tabs: list, base: str):
        self.tabs, self.base = tabs, base
        self.targets = [VIEWS[i % len(VIEWS)] for i in range(len(tabs), SESSIONS)]
        self.pool = ThreadPoolExecutor(1)  # the client's event loop, beside Playwright's
        self.pending: Future[list[View]] | None = None
        self.views: list[View] = []

    async def _views(self) -> list[View]:
        return list(
            await asyncio.gather(*(first_view(self.base, p, q, timeout=120) for p, q in self.targets))
        )

    def reload(self) -> None:
        for pg in self.tabs:
            pg.reload(wait_until="commit")
        self.pending = self.pool.submit(asyncio.run, self._views())

    def shown(self) -> list[int]:
        counts = [shown_cases(pg) for pg in self.tabs]
        if self.pending is not None:
            self.views, self.pending = self.pending.result(), None
        return counts + [counted_cases(v) for v in self.views]

    def busy_notice(self, i: int) -> bool:
        """True if session `i` (in `shown()`'s order) shows the notice on figures kept from before."""
        if i < len(self.tabs):
            return self.tabs[i].get_by_text(BUSY).count() > 0
        return any(BUSY in text for text in self.views[i - len(self.tabs)].texts)


@pytest.fixture(scope="module")
def viewers(browser, server):
    """The ten sessions both tests use, each test starting with a round of new ones."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tabs = [context.new_page() for _ in range(TABS)]
    for (path, query), pg in zip(VIEWS, tabs, strict=True):
        pg.goto(f"{server.url}/{path}" + (f"?{query}" if query else ""), wait_until="commit")
    crowd = Crowd(tabs, server.url)
    yield crowd
    crowd.pool.shutdown()
    context.close()


def cases_in_database(db: Path) -> int:
    """The case count as the command line reads it from the file: what every session must show once an
    import has committed. Counted, not computed as before + rows: two records of the same person (the
    same NIP) in different files are one case, and the sample's NIPs can repeat across seeds."""
    done = run_cli("summary", "--db", str(db), "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["cases"]


BUSY = "Data sedang diperbarui"  # the notice on figures kept from before another process's update


def settle_on(crowd: Crowd, db: Path, before: int, after: int, within: float = 60.0) -> list[int]:
    """Reload every session until each shows `after`, the count committed. The moments just after another
    process gave the file back (the import, then the command line's own count) may still serve the
    figures from before, by design, but only with the busy notice; anything else, or no change within
    `within` seconds, fails with what the request file said."""
    deadline = time.monotonic() + within
    while True:
        crowd.reload()
        shown = crowd.shown()
        if shown == [after] * SESSIONS:
            return shown
        for i, value in enumerate(shown):
            assert value in (before, after), f"a session showed {value}: neither {before} nor {after}"
            if value == before:
                assert crowd.busy_notice(i), "figures from before the import, with no notice"
        request = Path(f"{db}.request")
        assert time.monotonic() < deadline, (
            f"sessions still show {shown} {within:.0f} s after the import committed {after}; request file: "
            + (request.read_text(encoding="ascii") if request.exists() else "none")
        )
        time.sleep(1)


def watch_while(crowd: Crowd, running) -> list[int]:
    """Reload every session together and read each, while `running()` and once more after. Returns what
    the sessions showed, in order."""
    seen: list[int] = []
    last_round = False
    while True:
        crowd.reload()
        seen.extend(crowd.shown())
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
    before = viewers.shown()[0]  # the tabs, as the fixture opened them
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
        viewers.reload()  # everybody reloads while the import reads and stages the file
        while not frozen.wait(0.1):
            assert proc.poll() is None, "the import ended before it was seen holding the file"
        # the loads under way finish, and ten fresh ones are served, while the import holds the file: as
        # it has not committed, every one of them shows the count before it
        assert viewers.shown() == [before] * SESSIONS
        viewers.reload()
        assert viewers.shown() == [before] * SESSIONS
        screenshot(viewers.tabs[0], "load-while-cli-import-holds-the-file")
    finally:
        proc.send_signal(signal.SIGCONT)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    after = cases_in_database(server.db)
    assert before < after <= before + CLI_ROWS
    assert settle_on(viewers, server.db, before, after) == [after] * SESSIONS
    screenshot(viewers.tabs[0], "load-after-cli-import")


def test_ten_sessions_during_an_upload_page_import(server, viewers, browser):
    before = cases_in_database(server.db)
    # every session shows the count before the upload: read as they stand (after the first test they do),
    # reloaded until they do only if one does not
    if viewers.shown() != [before] * SESSIONS:
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
