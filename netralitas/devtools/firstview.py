"""Where a new browser session's first view of the overview spends its time, beside the one-chart floor app
measured in the same run (issue #15): `python -m netralitas.devtools.firstview [--db FILE] [--runs N]`.

Chromium (Debian's, never downloaded) through Playwright and the DevTools protocol gives, per view: the
seconds until the map has drawn (38 `path.choroplethlocation`, what `bench` stops at) and until every chart
has, the first websocket frame, when the plotly.js chunk (4.6 MB, the longest load) was requested and
arrived, how many JavaScript files of what size were fetched, the main thread's script and task time, and
the long tasks. Views of the dashboard and the floor alternate, so both meet the same load of a shared
machine; compare within a run, never across runs.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from ..config import ROOT
from .bench import MINIMAL_APP
from .viewers import streamlit_server, warm

# Recorded in the page from its first byte: when each landmark first appears, and the long tasks.
OBSERVER = r"""
(() => {
  const fv = (window.__firstview = {marks: {}, long: []});
  try {
    new PerformanceObserver((l) => l.getEntries().forEach((e) => fv.long.push([e.startTime, e.duration])))
      .observe({type: 'longtask', buffered: true});
  } catch (e) {}
  const charts = new WeakSet();
  const drawn = '.point, path.choroplethlocation, .funnel, .trace';
  new MutationObserver(() => {
    const now = performance.now(), m = fv.marks;
    const mark = (k, ok) => { if (!(k in m) && ok) m[k] = now; };
    mark('first_element', document.querySelector('[data-testid="stElementContainer"] > *'));
    mark('first_metric', document.querySelector('[data-testid="stMetric"]'));
    mark('first_widget', document.querySelector('[data-testid="stMultiSelect"]'));
    mark('map', document.querySelectorAll('path.choroplethlocation').length >= 38);
    const plots = [...document.querySelectorAll('.js-plotly-plot')];
    plots.forEach((p) => { if (!charts.has(p) && p.querySelector(drawn)) charts.add(p); });
    fv.charts_drawn = plots.filter((p) => charts.has(p)).length;
    if (fv.charts_drawn && fv.charts_drawn === plots.length) m['charts_' + plots.length] ??= now;
  }).observe(document, {subtree: true, childList: true});
})();
"""


def view(browser, url: str, done: str, charts: int) -> dict[str, Any]:
    """One new browser context's first view of `url`, until `done` (a JS condition) holds and `charts`
    charts have drawn."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    context.add_init_script(OBSERVER)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Performance.enable")
    requests: dict[str, dict[str, Any]] = {}
    frames: list[float] = []
    cdp.on(
        "Network.requestWillBeSent",
        lambda e: requests.setdefault(e["requestId"], {"url": e["request"]["url"], "start": e["timestamp"]}),
    )

    def finished(e: dict) -> None:
        if e["requestId"] in requests:
            requests[e["requestId"]].update(end=e["timestamp"], bytes=e["encodedDataLength"])

    cdp.on("Network.loadingFinished", finished)
    cdp.on("Network.webSocketFrameReceived", lambda e: frames.append(e["timestamp"]))
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_function(done, timeout=120_000, polling=50)
    map_s = time.perf_counter() - start
    page.wait_for_function(f"() => window.__firstview.charts_drawn >= {charts}", timeout=120_000, polling=50)
    all_s = time.perf_counter() - start
    fv = page.evaluate("() => window.__firstview")
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    context.close()
    t0 = min(r["start"] for r in requests.values())
    scripts = [r for r in requests.values() if "/static/js/" in r["url"]]
    plotly = next((r for r in scripts if "/PlotlyChart." in r["url"]), None)

    def ms(t: float | None) -> int | None:
        return None if t is None else round((t - t0) * 1000)

    return {
        "map_s": round(map_s, 2),
        "all_charts_s": round(all_s, 2),
        "first_ws_frame_ms": ms(frames[0]) if frames else None,
        "ws_frames": len(frames),
        "plotly_requested_ms": ms(plotly["start"]) if plotly else None,
        "plotly_arrived_ms": ms(plotly.get("end")) if plotly else None,
        "js_files": len(scripts),
        "js_kb": round(sum(r.get("bytes", 0) for r in scripts) / 1024),
        "script_s": round(metrics.get("ScriptDuration", 0), 2),
        "task_s": round(metrics.get("TaskDuration", 0), 2),
        "long_tasks_ms": round(sum(d for _, d in fv["long"])),
        "marks_ms": {k: round(v) for k, v in sorted(fv["marks"].items(), key=lambda kv: kv[1])},
    }


def run(db: Path, runs: int = 4) -> dict[str, list[dict[str, Any]]]:
    """`runs` new sessions of the overview (on a copy of `db`, warmed as scripts/start.sh does) and of the
    floor app, alternating."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if not chromium:
        raise SystemExit("no chromium: apt-get install chromium (Playwright never downloads one here)")
    work = Path(tempfile.mkdtemp(prefix="netralitas-firstview-"))
    try:
        shutil.copyfile(db, work / "app.duckdb")
        (work / "floor.py").write_text(MINIMAL_APP, encoding="utf-8")
        env = {"NETRALITAS_DB": str(work / "app.duckdb"), "NETRALITAS_LOAD_SAMPLE": "0"}
        with (
            streamlit_server(ROOT / "app.py", ROOT, env) as ours,
            streamlit_server(work / "floor.py", work) as floor,
        ):
            warm(ours)  # before Playwright's own event loop starts
            with sync_playwright() as p:
                out = _views(p, chromium, ours, floor, runs)
        return out
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _views(p, chromium: str, ours: str, floor: str, runs: int) -> dict[str, list[dict[str, Any]]]:
    browser = p.chromium.launch(
        executable_path=chromium, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
    )
    targets = {
        "overview": (ours, "() => document.querySelectorAll('path.choroplethlocation').length >= 38", 5),
        "floor": (floor, "() => document.querySelectorAll('.js-plotly-plot .point').length >= 3", 1),
    }
    view(browser, floor + "/", targets["floor"][1], 1)  # the browser's own first start, not counted
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in targets}
    for i in range(runs):
        for name in list(targets)[:: 1 if i % 2 == 0 else -1]:
            base, done, charts = targets[name]
            out[name].append(view(browser, base + "/", done, charts))
    browser.close()
    return out


def summary(result: dict[str, list[dict[str, Any]]]) -> str:
    keys = [
        ("map_s", "map drawn, s"),
        ("all_charts_s", "every chart drawn, s"),
        ("first_ws_frame_ms", "first websocket frame, ms"),
        ("plotly_requested_ms", "plotly.js requested, ms"),
        ("plotly_arrived_ms", "plotly.js arrived, ms"),
        ("js_files", "JavaScript files"),
        ("js_kb", "JavaScript KB"),
        ("ws_frames", "websocket frames"),
        ("script_s", "main thread: script s"),
        ("task_s", "main thread: all tasks s"),
        ("long_tasks_ms", "long tasks, ms"),
    ]
    lines = [f"{'':28}" + "".join(f"{name:>26}" for name in result)]
    for key, label in keys:
        cells = []
        for views in result.values():
            values = [v[key] for v in views if v[key] is not None]
            if not values:
                cells.append(f"{'–':>26}")
                continue
            lo, mid, hi = min(values), statistics.median(values), max(values)
            cells.append(f"{f'{lo:g} / {mid:g} / {hi:g}':>26}")
        lines.append(f"{label:<28}" + "".join(cells))
    return "min / median / max per run\n" + "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, required=True, help="a dashboard database (e.g. the sample one)")
    ap.add_argument("--runs", type=int, default=4)
    ap.add_argument("--json", type=Path, help="also write every view's figures here")
    args = ap.parse_args(argv)
    result = run(args.db, args.runs)
    print(summary(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
