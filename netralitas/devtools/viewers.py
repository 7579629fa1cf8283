"""Viewer benchmark: many new sessions opening a page at once, through Streamlit's own websocket protocol.

A browser-based crowd on this 2-core machine measures Chromium, not the server (Chromium used about seven
times the server's CPU), so each viewer here is what a new browser tab sends and nothing more: a GET of the
page (which also collects a load balancer's sticky-session cookie), then the `/_stcore/stream` websocket
with the `streamlit` subprotocol, one `BackMsg.rerun_script` carrying the page's query string and the
browser's context, and the ForwardMsgs read until `script_finished`. The time of a first view is from the
GET until that message; views per second is the number of viewers over the time the last one took.

The floor is a one-chart Streamlit app (`bench.MINIMAL_APP`) served and measured in the same run: what
Streamlit, protobuf and plotly's JSON cost on this machine before any of the dashboard's work.
"""

from __future__ import annotations

import asyncio
import builtins
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..config import ROOT  # noqa: E402


@dataclass
class View:
    """One viewer's first view: seconds, and what the server sent."""

    seconds: float
    messages: int = 0
    bytes: int = 0
    charts: int = 0
    specs: list[str] = field(default_factory=list)  # each chart's plotly JSON
    exceptions: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # st.error messages: a view that failed without raising
    texts: list[str] = field(default_factory=list)
    # every delta ForwardMsg as sent, when asked for (`replay_floor`)
    deltas: list[builtins.bytes] | None = None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(base: str, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(f"{base}/_stcore/health", timeout=2).read()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"no server at {base}") from None
            time.sleep(0.2)


# The two server settings the dashboard's .streamlit/config.toml changes for speed (see there), given to
# the floor as well for a second floor: what the same tuning gives a one-chart app.
TUNED = ["--server.fileWatcherType", "none", "--runner.postScriptGC", "false"]


@contextmanager
def streamlit_server(
    app: Path, cwd: Path, env: dict[str, str] | None = None, options: list[str] | None = None
) -> Iterator[str]:
    """A headless Streamlit server for `app` on a free port; yields its base URL."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(port)]
        + ["--server.headless", "true", "--server.address", "127.0.0.1"]
        + (options or []),
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own scheduling group, like each replica (see serve._replica)
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(base)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()


def _get_cookie(url: str) -> str:
    """GET the page as a browser does; the cookies it sets (a balancer's sticky cookie) as one header."""
    with urllib.request.urlopen(url, timeout=60) as resp:
        resp.read()
        cookies = resp.headers.get_all("Set-Cookie") or []
    return "; ".join(c.split(";", 1)[0] for c in cookies)


async def first_view(
    base: str,
    path: str = "",
    query_string: str = "",
    timeout: float = 300,
    cookie: str = "",
    keep_deltas: bool = False,
) -> View:
    """One new session's first view of `base/path?query_string`, timed until script_finished. A
    `cookie` is sent as a returning browser would (a balancer's sticky cookie names the replica)."""
    from websockets.asyncio.client import connect
    from websockets.typing import Subprotocol

    from ..ui import protocol

    start = time.perf_counter()
    page = f"{base}/{path.lstrip('/')}" + (f"?{query_string}" if query_string else "")
    cookie = cookie or await asyncio.to_thread(_get_cookie, page)
    view = View(0.0, deltas=[] if keep_deltas else None)
    ws_url = base.replace("http://", "ws://", 1) + "/_stcore/stream"
    headers = {"Cookie": cookie} if cookie else None
    async with connect(
        ws_url,
        subprotocols=[Subprotocol("streamlit")],
        additional_headers=headers,
        max_size=None,
        open_timeout=timeout,
        ping_interval=None,  # a browser sends no protocol pings; a starved server must not end the view
    ) as ws:
        await ws.send(protocol.rerun_message(base, path, query_string))
        async with asyncio.timeout(timeout):
            async for data in ws:
                if protocol.account(view, data if isinstance(data, bytes) else data.encode()):
                    break
    view.seconds = time.perf_counter() - start
    return view


def view_now(base: str, **kwargs) -> View:
    """`first_view` from synchronous code, in a thread of its own: callable where an event loop already
    runs (Playwright's sync API in the tests)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, first_view(base, **kwargs)).result()


async def crowd(base: str, viewers: int, path: str = "", query_string: str = "") -> tuple[list[View], float]:
    """`viewers` new sessions opening at once; their views and the wall time until the last finished."""
    start = time.perf_counter()
    views = await asyncio.gather(*(first_view(base, path, query_string) for _ in range(viewers)))
    return list(views), time.perf_counter() - start


def summarize(views: list[View], wall: float) -> dict[str, float]:
    seconds = sorted(v.seconds for v in views)
    p95 = seconds[min(len(seconds) - 1, max(0, round(0.95 * len(seconds)) - 1))]
    return {
        "viewers": len(views),
        "p50_s": round(statistics.median(seconds), 3),
        "p95_s": round(p95, 3),
        "views_per_s": round(len(views) / wall, 2),
        "kb_per_view": round(statistics.mean(v.bytes for v in views) / 1024, 1),
    }


# Crowds of each size per measurement: one crowd of 40 lasts under a second once the overview serves
# 50 views/s, and one such crowd's figure swung by a third from round to round on a quiet machine.
CROWDS = 3


def measure(base: str, counts: list[int], path: str = "", query_string: str = "") -> dict[int, dict]:
    """A warm-up view, then `CROWDS` crowds of each size in turn, summarised together (views per second
    is all their views over all their time)."""
    asyncio.run(first_view(base, path, query_string))
    out = {}
    for k in counts:
        views: list[View] = []
        wall = 0.0
        for _ in range(CROWDS):
            more, seconds = asyncio.run(crowd(base, k, path, query_string))
            views += more
            wall += seconds
        failed = [e for v in views for e in v.exceptions + v.errors]
        if failed:
            raise RuntimeError(f"{base}: the page raised {failed[0]}")
        out[k] = {**summarize(views, wall), "viewers": k}
    return out


@contextmanager
def floor_server(tuned: bool = False) -> Iterator[str]:
    """The one-chart app, with Streamlit's defaults (the floor the issue measured) or `TUNED`."""
    from .bench import MINIMAL_APP

    folder = Path(tempfile.mkdtemp(prefix="netralitas-floor-"))
    (folder / "app.py").write_text(MINIMAL_APP, encoding="utf-8")
    try:
        with streamlit_server(folder / "app.py", folder, options=TUNED if tuned else None) as base:
            yield base
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# The overview's own messages, sent again with nothing computed: what Streamlit costs to ship that page
# (session, script thread, every element's delta through the event loop) on this machine. A Streamlit
# app cannot enqueue a recorded message through its public API, so this floor, a developer's measure
# only, uses the script context's own enqueue; each message is parsed anew and its hash cleared, as a
# new element's would be.
REPLAY_APP = """import os
import streamlit as st
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime.scriptrunner import get_script_run_ctx


@st.cache_resource
def recorded():
    data = open(os.environ["NETRALITAS_REPLAY"], "rb").read()
    out, at = [], 0
    while at < len(data):
        size = int.from_bytes(data[at : at + 4], "big")
        out.append(data[at + 4 : at + 4 + size])
        at += 4 + size
    return out


ctx = get_script_run_ctx()
for data in recorded():
    msg = ForwardMsg()
    msg.ParseFromString(data)
    msg.ClearField("hash")
    ctx.enqueue(msg)
"""


@contextmanager
def replay_floor(base: str) -> Iterator[str]:
    """A server whose app sends, on every run, the deltas of one first view of `base` (`REPLAY_APP`),
    with the dashboard's settings (its .streamlit/config.toml)."""
    view = asyncio.run(first_view(base, keep_deltas=True))
    folder = Path(tempfile.mkdtemp(prefix="netralitas-replay-"))
    try:
        (folder / "app.py").write_text(REPLAY_APP, encoding="utf-8")
        (folder / ".streamlit").mkdir()
        shutil.copy(ROOT / ".streamlit" / "config.toml", folder / ".streamlit" / "config.toml")
        recorded = folder / "deltas.bin"
        recorded.write_bytes(b"".join(len(d).to_bytes(4, "big") + d for d in view.deltas or []))
        with streamlit_server(folder / "app.py", folder, {"NETRALITAS_REPLAY": str(recorded)}) as replay:
            yield replay
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run(counts: list[int], db: str | None, replicas: int, rounds: int) -> dict:
    """The floor, one dashboard process (as scripts/start.sh serves it) and, with `replicas` > 1, that
    many behind HAProxy (as scripts/serve.sh does), each measured `rounds` times in turn so that the
    machine's noise falls on all of them alike."""
    from .. import serve

    env = {"NETRALITAS_DB": str(Path(db).resolve())} if db else {}
    serve.prepare_database(env)
    results: dict[str, list[dict]] = {
        "floor": [],
        "floor_tuned": [],
        "replay": [],
        "one": [],
        "replicas": [],
        "pages": [],
    }
    with ExitStack() as stack:
        floor = stack.enter_context(floor_server())
        floor_tuned = stack.enter_context(floor_server(tuned=True))
        one = stack.enter_context(streamlit_server(ROOT / "app.py", ROOT, env))
        replay = stack.enter_context(replay_floor(one))
        balanced = stack.enter_context(serve.replicas(replicas, env=env)) if replicas > 1 else None
        for _ in range(rounds):
            results["floor"].append(measure(floor, counts))
            results["floor_tuned"].append(measure(floor_tuned, counts))
            results["replay"].append(measure(replay, counts))
            results["one"].append(measure(one, counts))
            if balanced:
                results["replicas"].append(measure(balanced, counts))
            results["pages"].append(other_pages(one, max(counts)))
    return {"counts": counts, "replica_count": replicas, **results}


def other_pages(base: str, viewers: int) -> dict[str, dict]:
    """The other dashboard pages, each opened by `viewers` new sessions at once: they keep their charts
    per data version like the overview (context.figures), and a link to any of them goes out too."""
    return {p.url_path: measure(base, [viewers], path=p.url_path)[viewers] for p in _other_dashboard_pages()}


def _other_dashboard_pages() -> list:
    """The dashboard pages besides the overview (the default page, served at "/")."""
    from ..pages import DEFAULT_PAGE, dashboard_pages

    return [p for p in dashboard_pages() if p is not DEFAULT_PAGE]


def main(counts: list[int], db: str | None, replicas: int, rounds: int, out: str | None) -> int:
    """`python -m netralitas bench --viewers 1,10,40`: print the viewer table, write it as JSON."""
    import json

    r = run(counts, db, replicas, rounds)
    print(format_table(r))
    k = max(counts)
    print(f"\n{k} viewers, per round: {ratios(r, k)}")
    folder = Path(out or "bench-results")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"viewers-{'-'.join(map(str, counts))}.json"
    path.write_text(json.dumps(r, indent=1), encoding="utf-8")
    print(f"-> {path}")
    return 0


@contextmanager
def _nothing() -> Iterator[None]:
    yield None


def format_table(r: dict) -> str:
    lines = [
        "| viewers | run | app | p50 s | p95 s | views/s | × floor | KB/view |",
        "|---|---|---|---|---|---|---|---|",
    ]
    labels = {
        "floor": "one-chart app (floor, Streamlit defaults)",
        "floor_tuned": "one-chart app, same two settings as ours",
        "replay": "overview's messages replayed, nothing computed",
        "one": "overview, 1 process",
    }
    labels["replicas"] = f"overview, {r['replica_count']} replicas + HAProxy"
    for k in r["counts"]:
        for i, floor in enumerate(r["floor"]):
            base = floor[k]["views_per_s"]
            for name in ("floor", "floor_tuned", "replay", "one", "replicas"):
                if i >= len(r[name]):
                    continue
                m = r[name][i][k]
                ratio = m["views_per_s"] / base if base else 0
                lines.append(
                    f"| {k} | {i + 1} | {labels[name]} | {m['p50_s']} | {m['p95_s']} | {m['views_per_s']} "
                    f"| {ratio:.2f} | {m['kb_per_view']} |"
                )
    k = max(r["counts"])
    lines += ["", f"| {k} viewers at once | run | p50 s | p95 s | views/s | × tuned floor | KB/view |"]
    lines.append("|---|---|---|---|---|---|---|")
    for i, pages in enumerate(r.get("pages", [])):
        base = r["floor_tuned"][i][k]["views_per_s"]
        for page, m in pages.items():
            ratio = m["views_per_s"] / base if base else 0
            lines.append(
                f"| /{page}, 1 process | {i + 1} | {m['p50_s']} | {m['p95_s']} | {m['views_per_s']} "
                f"| {ratio:.2f} | {m['kb_per_view']} |"
            )
    return "\n".join(lines)


def ratios(r: dict, k: int) -> dict[str, list[float]]:
    """Per round: the overview over the floor, and the replicas over one process, at `k` viewers."""
    out: dict[str, list[float]] = {
        "one_vs_floor": [],
        "one_vs_tuned_floor": [],
        "one_vs_replay": [],
        "replicas_vs_one": [],
    }
    for i, floor in enumerate(r["floor"]):
        one = r["one"][i][k]["views_per_s"]
        out["one_vs_floor"].append(round(one / floor[k]["views_per_s"], 2))
        out["one_vs_tuned_floor"].append(round(one / r["floor_tuned"][i][k]["views_per_s"], 2))
        out["one_vs_replay"].append(round(one / r["replay"][i][k]["views_per_s"], 2))
        if i < len(r["replicas"]):
            out["replicas_vs_one"].append(round(r["replicas"][i][k]["views_per_s"] / one, 2))
    return out


def warm(base: str, wait_seconds: float = 600) -> View:
    """Serve one view of every dashboard page to a server that has just started, before any visitor
    arrives: the modules, the reference tables, the boundary layer, the database connection and each
    page's queries and figures are then loaded once, at start, instead of by the first visitor of each
    page (scripts/start.sh, serve.py). Returns the overview's view."""
    wait_healthy(base, wait_seconds)
    overview = asyncio.run(first_view(base))
    for page in _other_dashboard_pages():
        asyncio.run(first_view(base, page.url_path))
    return overview


if __name__ == "__main__":  # python -m netralitas.devtools.viewers --warm URL (scripts/start.sh)
    if len(sys.argv) == 3 and sys.argv[1] == "--warm":
        try:
            warm(sys.argv[2])
        except (OSError, RuntimeError) as exc:
            print(f"warm-up: {exc}", file=sys.stderr)
    else:
        print("usage: python -m netralitas.devtools.viewers --warm URL", file=sys.stderr)
