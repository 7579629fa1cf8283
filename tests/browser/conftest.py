"""Real-browser fixtures: a Streamlit server on a free loopback port and Debian's chromium through Playwright.

Playwright never downloads a browser here: it drives /usr/bin/chromium (installed by scripts/test.sh).
Screenshots land in tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]

pytestmark = pytest.mark.browser


# tryfirst: xdist adds the group to each test's id in its own hook, which must see the mark
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under pytest-xdist (`-n 2 --dist loadgroup`, scripts/test.sh) each browser module is one xdist group,
    so its module-scoped server starts once and two modules can run at once on two workers. A module
    marked `alone` (the ten-session load test, which would starve a second chromium and Streamlit server
    on two cores) never runs beside another browser module: tests/scheduling.py sees to that."""
    here = Path(__file__).resolve().parent
    for item in items:
        path = Path(item.path).resolve()
        if here in path.parents:
            prefix = "alone" if item.get_closest_marker("alone") else "browser"
            item.add_marker(pytest.mark.xdist_group(f"{prefix}:{path.stem}"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, db: Path, env: dict | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(db.parent / f"streamlit-{self.port}.log", "w")  # noqa: SIM115 (closed in stop)
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(ROOT / "app.py"),
                "--server.port",
                str(self.port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
                "--server.fileWatcherType",
                "none",
            ],
            cwd=ROOT,
            env={**os.environ, "NETRALITAS_DB": str(db), **(env or {})},
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                if urllib.request.urlopen(self.url + "/_stcore/health", timeout=2).read() == b"ok":
                    return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(
            "streamlit did not start: " + (db.parent / f"streamlit-{self.port}.log").read_text()
        )

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed: run ./scripts/test.sh, which installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


VIEWPORT = {"width": 1920, "height": 1080}


class Shared:
    """One browser context and page that test after test reuses (through `fresh`). A new context per
    test started a new renderer process that parsed and compiled Streamlit's JavaScript again: about
    2.4 s of CPU and 1.4 s per test more than a page that is navigated on (8 loads of the dashboard)."""

    def __init__(self, browser, **options):
        self.browser, self.options = browser, options
        self.context = browser.new_context(**options)
        self.page = self.context.new_page()

    def renew(self) -> None:
        """A new context and page, for when the old one could not be cleared (a crashed page)."""
        self.close()
        self.context = self.browser.new_context(**self.options)
        self.page = self.context.new_page()

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="session")
def desktop(browser):
    shared = Shared(browser, viewport=VIEWPORT, locale="id-ID")
    yield shared
    shared.close()


@pytest.fixture
def page(desktop):
    with fresh(desktop, VIEWPORT) as pg:
        yield pg


def origin(url: str) -> str:
    return "/".join(url.split("/")[:3])


def off_machine(url: str) -> bool:
    host = url.split("/")[2] if "://" in url else ""
    return url.startswith(("http://", "https://")) and not host.startswith(("127.0.0.1", "localhost"))


@contextmanager
def fresh(shared: Shared, viewport: dict):
    """The shared page as a new context would give it to a test: at this viewport, with no cookies, and
    afterwards without the storage (Streamlit keeps the sidebar's state in localStorage) of any server it
    opened, on a blank page. `pg.external_requests` lists every request that leaves the machine during
    the test: it must stay empty."""
    pg = shared.page
    pg.set_viewport_size(viewport)
    pg.external_requests = []
    opened: set[str] = set()

    def watch(request) -> None:
        if off_machine(request.url):
            pg.external_requests.append(request.url)

    def navigated(frame) -> None:
        if frame == pg.main_frame and frame.url.startswith("http"):
            opened.add(origin(frame.url))

    pg.on("request", watch)
    pg.on("framenavigated", navigated)
    try:
        yield pg
    finally:
        pg.remove_listener("request", watch)
        pg.remove_listener("framenavigated", navigated)
        try:
            forget(pg, opened)
        except Exception:  # the next test must not inherit what could not be cleared
            shared.renew()


def forget(pg, origins: set[str]) -> None:
    """Clear the cookies, and the local and session storage of each origin (a page of the origin can: its
    health endpoint is plain text, nothing to load), then leave the page blank. The HTTP cache stays."""
    for o in sorted(origins):
        pg.goto(o + "/_stcore/health")
        pg.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
    pg.context.clear_cookies()
    pg.goto("about:blank")


# The run has ended (Streamlit's own test attribute on the app root says so at once; its spinning
# indicator shows only for runs longer than about half a second), the connection is up, and no element is
# left from the previous run, or still a grey placeholder while its code loads, or a chart not yet drawn.
SETTLED = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.dataset.testScriptState === 'notRunning' && app.dataset.testConnectionState === 'CONNECTED'
    && !document.querySelector('[data-testid="stStatusWidget"], [data-stale="true"],'
      + ' [data-testid^="stSkeleton"], [data-testid="stAppSkeleton"]')
    && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].every(c => c.querySelector('.main-svg'));
}"""
# Resolves once the page has not changed for `quiet` ms (charts draw and lay out after the run ends), or
# after `most` ms of changes.
QUIET = """([quiet, most]) => new Promise(resolve => {
  let timer;
  const done = () => { observer.disconnect(); clearTimeout(cap); resolve(); };
  const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, quiet); });
  observer.observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
  timer = setTimeout(done, quiet);
  const cap = setTimeout(done, most);
})"""


# How often a page checks a condition we wait on. Playwright's default checks on every animation frame,
# which keeps the page drawing frames while it waits: a round of ten sessions reloaded and read that way
# took about a fifth more renderer CPU (13.6 s against 11.2 s) than checking every 100 ms.
POLL_MS = 100


def until_still(pg, quiet: float = 300, most: float = 5_000) -> None:
    """Until the page has not changed for `quiet` ms (or `most` ms have passed): instead of a fixed sleep
    before measuring or photographing what was drawn."""
    pg.evaluate(QUIET, [quiet, most])


def until_animations_end(pg, timeout: float = 10_000) -> None:
    """Until no finite CSS animation or transition is running (a sidebar sliding in, a fade)."""
    pg.wait_for_function(
        "() => document.getAnimations().every(a => a.playState !== 'running'"
        " || a.effect.getComputedTiming().iterations === Infinity)",
        timeout=timeout,
    )


def wait_for_app(pg, timeout: float = 60_000, quiet: float = 300) -> None:
    """Until a title is shown, the run has ended with every element of it drawn (SETTLED), and the page
    has then stayed unchanged for `quiet` ms. A test that needs a particular figure waits for that figure
    too (see `kpi`)."""
    pg.wait_for_selector("h1", timeout=timeout)
    deadline = time.monotonic() + timeout / 1000
    while True:
        pg.wait_for_function(SETTLED, timeout=timeout, polling=POLL_MS)
        until_still(pg, quiet)
        if pg.evaluate(SETTLED):
            return
        assert time.monotonic() < deadline, "the page kept re-running and never settled"


def kpi(pg, label: str = "Kasus dilaporkan", changed_from: str | None = None, timeout: float = 60_000) -> str:
    """The figure on the KPI card with this label, once the card is on the page (and, given
    `changed_from`, once it shows something else). Cards are found by label: while a page renders they
    need not arrive in their final order, and Streamlit shows its running indicator only for runs longer
    than about half a second, so "the first card" can be another one."""
    card = pg.locator('[data-testid="stMetric"]', has=pg.get_by_text(label, exact=True)).first
    value = card.locator('[data-testid="stMetricValue"]')
    value.wait_for(timeout=timeout)
    if changed_from is not None:
        expect(value).not_to_have_text(changed_from, timeout=timeout)
    return value.inner_text()


def wait_for_map(pg, minimum: int = 38, timeout: float = 30_000) -> int:
    """Until the choropleth has drawn at least `minimum` regions and stopped drawing; returns the count."""
    pg.wait_for_function(
        f"() => document.querySelectorAll('path.choroplethlocation').length >= {minimum}",
        timeout=timeout,
        polling=POLL_MS,
    )
    count = -1
    while count != pg.locator("path.choroplethlocation").count():
        count = pg.locator("path.choroplethlocation").count()
        pg.wait_for_timeout(500)
    return count


def screenshot(pg, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    pg.screenshot(path=str(path), full_page=False)
    return path


def upload_and_dry_run(pg, url: str, path: Path, timeout: float = 60_000) -> None:
    """On the upload page: choose the file, wait for its preview, run the dry run (its report follows)."""
    pg.goto(url + "/unggah")
    wait_for_app(pg)
    pg.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(str(path))
    pg.get_by_text("Uji coba (tanpa menyimpan)").wait_for(timeout=timeout)
    wait_for_app(pg)
    pg.get_by_text("Uji coba (tanpa menyimpan)").click()
