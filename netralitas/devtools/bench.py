"""`python -m netralitas bench`: the DESIGN.md targets measured on this machine, with a plain-pandas
baseline measured in the same run. Prints a table and writes JSON."""

from __future__ import annotations

import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from .. import config, metrics, overview, queries
from ..filters import Filters
from ..mapmetrics import with_metrics
from ..overview import comparison_filters, previous_election
from ..pages import dashboard_pages
from ..present import charts, maps
from ..present.tables import labelled_cases, timeline_labels
from ..store import Store

KILL_OUTCOME = {
    "previous": "the store opened with exactly the previous counts",
    "complete": "the kill came after the commit: the whole batch is there",
    "partial": "PART OF THE BATCH IS IN THE STORE",
}
TARGETS = {"import_s": 10.0, "render_ms": 250.0, "speedup": 5.0, "peak_mb": 1024.0, "map_kb": 200.0}


def _overview(store: Store, f: Filters) -> list:
    """What views/ringkasan.py asks for and draws (the banner, KPIs with the previous election, map,
    funnel, trend, two ranked bars)."""
    requests: list[tuple[str, Filters | None, dict[str, Any] | None]] = [
        ("data_status", None, None),
        ("elections", None, None),
        ("totals", f, None),
        ("breakdowns", f, None),
        ("trend", f, None),
        ("calendar", None, None),
    ]
    status, elections, totals, breakdowns, trend, cal = queries.run_many(store, requests)
    previous = previous_election(elections, f.election)
    if previous:
        queries.run_many(store, [("totals", comparison_filters(f, previous), None)])
    # the early-warning block (netralitas/ui/alerts.py): the chosen election, else the latest in the calendar
    from ..alerts import early_warning

    early_warning(
        store, f.election[0] if len(f.election) == 1 else str(elections["election"].iloc[-1]), f.date_to
    )
    # the page's own builder (netralitas/overview.py), so the benchmark times what the page draws
    return list(
        overview.figures(metrics.totals_dict(totals), breakdowns, trend, cal, f.election, "id").values()
    )


def _map(store: Store, f: Filters) -> list:
    status, headcount, breakdowns = queries.run_many(
        store, [("data_status", None, None), ("headcount", None, None), ("breakdowns", f, None)]
    )
    groups = with_metrics(pd.DataFrame(metrics.groups(breakdowns, "province")), "province", headcount)
    return [maps.province_choropleth(groups, "cases", "Kasus")]


def _agencies(store: Store, f: Filters) -> list:
    status, league, breakdowns = queries.run_many(
        store,
        [
            ("data_status", None, None),
            ("agencies", f, {"overdue_days": 14, "as_of": date.today(), "limit": 500}),
            ("breakdowns", f, None),
        ],
    )
    return [
        charts.ranked_bars(pd.DataFrame(metrics.groups(breakdowns, d)), "cases", d)
        for d in ("agency_type", "position")
    ]


def _phases(store: Store, f: Filters) -> list:
    status, phases, mix = queries.run_many(
        store, [("data_status", None, None), ("phases", f, None), ("phase_mix", f, None)]
    )
    return [charts.phase_bars(phases, {}, "cases", "Tahapan"), charts.phase_heatmap(mix, "Campuran")]


def _cases(store: Store, f: Filters) -> list:
    status, rows, elections = queries.run_many(
        store,
        [
            ("data_status", None, None),
            ("cases", f, {"search": "", "limit": 5000, "personal": False}),
            ("elections", None, None),
        ],
    )
    # the page labels its rows for people (kept per view after the first); its exports wait for a click
    table = labelled_cases(rows, "id", "viewer", False, metrics.election_names_from(elections, "id"))
    timeline_labels(rows, table, "id")
    return []


_BUILDERS = {"ringkasan": _overview, "peta": _map, "instansi": _agencies, "tahapan": _phases, "kasus": _cases}
# Every dashboard page of the registry, in its order; a page added there without a builder here fails at once.
PAGES = {p.url_path: _BUILDERS[p.url_path] for p in dashboard_pages()}


def _timed(fn, runs: int) -> tuple[list[float], Any]:
    out, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        out.append((time.perf_counter() - start) * 1000)
    return out, result


def _summary(ms: list[float]) -> dict[str, float]:
    ordered = sorted(ms)
    return {
        "median_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))], 1),
    }


VIOLATION = ["pelanggaran", "rekomendasi", "ditindaklanjuti"]
RECOMMENDED = ["rekomendasi", "ditindaklanjuti"]


def pandas_baseline(load, f: Filters) -> dict:
    """The overview's aggregations (KPIs with median waits, three breakdowns, the monthly trend) done in
    pandas on the cached frame: what DuckDB's totals, breakdowns and trend queries return."""
    df = load()
    mask = pd.Series(True, index=df.index)
    if f.election:
        mask &= df["election"].isin(f.election)
    if f.province:
        mask &= df["province_code"].isin(f.province)
    df = df[mask]
    status = df["status"].astype(str)
    flags = pd.DataFrame(
        {
            "cases": 1,
            "violations": status.isin(VIOLATION),
            "recommendations": status.isin(RECOMMENDED),
            "followed_up": status == "ditindaklanjuti",
        },
        index=df.index,
    )
    to_rec = (df["recommendation_date"] - df["report_date"]).dt.days
    to_fu = (df["follow_up_date"] - df["recommendation_date"]).dt.days
    totals = {
        **flags.sum().to_dict(),
        "processed": int(status.isin(["diproses", "bukan-pelanggaran", *VIOLATION]).sum()),
        "records_blocked": int(df["record_blocked"].fillna(False).sum()),
        "days_to_recommendation": to_rec[to_rec >= 0].median(),
        "days_to_follow_up": to_fu[to_fu >= 0].median(),
        "latest_case_date": df["case_date"].max(),
    }
    by = {
        dim: flags.groupby(df[dim], observed=True).sum()
        for dim in ("province_code", "violation_type", "agency")
    }
    trend = flags[["cases", "violations"]].groupby(df["case_date"].dt.to_period("M")).sum()
    return {"totals": totals, "by": by, "trend": trend}


def duckdb_overview(store: Store, f: Filters) -> list:
    """The same aggregations from the SQL files the overview runs."""
    return queries.run_many(store, [("totals", f, None), ("breakdowns", f, None), ("trend", f, None)])


def run(
    rows: int = 1_000_000,
    runs: int = 10,
    out_dir: Path | None = None,
    seed: int = 2024,
    browser: bool = False,
) -> dict:
    from .sample import write_sample

    work = Path(tempfile.mkdtemp(prefix="netralitas-bench-"))
    try:
        csv_path, db_path = work / "bench.csv", work / "bench.duckdb"
        result: dict[str, Any] = {
            "rows": rows,
            "runs": runs,
            "machine": {
                "cpus": os.cpu_count(),
                "python": platform.python_version(),
                "platform": platform.platform(),
                "processor": platform.processor() or platform.machine(),
            },
        }
        start = time.perf_counter()
        write_sample(rows, csv_path, seed=seed)
        result["generate_s"] = round(time.perf_counter() - start, 2)
        result["csv_mb"] = round(csv_path.stat().st_size / 1e6, 1)

        # The import runs in its own process, as an analyst's job would, so its peak memory is its own.
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.perf_counter()
        # the upload page's size limit is for browsers; a scheduled archive import is larger
        env = {**os.environ, "NETRALITAS_UPLOAD_LIMIT_MB": str(max(200, int(result["csv_mb"] * 2)))}
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "netralitas",
                "import",
                str(csv_path),
                "--db",
                str(db_path),
                "--json",
                "--source",
                "bawaslu",
            ],
            capture_output=True,
            text=True,
            env=env,
        )
        result["import_s"] = round(time.perf_counter() - start, 2)
        if proc.returncode != 0:
            raise RuntimeError(proc.stderr)
        report = json.loads(proc.stdout)
        result["import_rows_loaded"] = report["rows_loaded"]
        result["import_peak_mb"] = round(
            max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before) / 1024, 0
        )

        result["sigkill"] = kill_during_import(db_path, rows, seed + 1, result["import_s"], env)
        result["second_source"] = import_second_source(csv_path, db_path, env)

        # The dashboard's way of reading: one kept connection, a cursor per render.
        store = Store(db_path, keep_open=True)
        top = queries.run(store, "breakdowns")
        top_province = str(top[top["dim"] == "province"].iloc[0]["key"])
        scenarios = {
            "no_filter": Filters(),
            "filter_change": Filters(election=("pilkada-2024",), province=(top_province,)),
        }
        pages: dict[str, Any] = {}
        for name, fn in PAGES.items():
            pages[name] = {}
            for label, f in scenarios.items():
                fn(store, f)  # warm the OS page cache, as a running server would be
                ms, figures = _timed(lambda fn=fn, f=f: fn(store, f), runs)
                pages[name][label] = _summary(ms)
                pages[name]["payload_kb"] = round(sum(len(fig.to_json()) for fig in figures) / 1024, 1)
        result["pages"] = pages
        result["province_map_kb"] = round(
            len(json.dumps(maps.layer("province"), separators=(",", ":"))) / 1024, 1
        )

        from ..ui.baseline import cached_frame_loader  # streamlit only when the benchmark runs

        load = cached_frame_loader(store)
        load()  # the first call fills the cache; the reruns measured below hit it
        comparison = {}
        for label, f in scenarios.items():
            pandas_ms, _ = _timed(lambda f=f: pandas_baseline(load, f), runs)
            duck_ms, _ = _timed(lambda f=f: duckdb_overview(store, f), runs)
            p, d = _summary(pandas_ms), _summary(duck_ms)
            comparison[label] = {
                "pandas": p,
                "duckdb": d,
                "speedup": round(p["median_ms"] / d["median_ms"], 1),
            }
        result["overview_vs_pandas"] = comparison
        store.close()  # hand the file to the browser run's server
        if browser:
            result["browser_first_view_s"] = first_view_seconds(db_path)
        result["targets"] = TARGETS
        result["verdict"] = verdict(result)
        out_dir = out_dir or Path("bench-results")
        out_dir.mkdir(parents=True, exist_ok=True)
        path = out_dir / f"bench-{rows}.json"
        path.write_text(json.dumps(result, indent=2, default=str), encoding="utf-8")
        result["json_path"] = str(path)
        return result
    finally:
        # the CSV and the database are hundreds of MB at full size: keep only the JSON
        shutil.rmtree(work, ignore_errors=True)


# Share of the sample's recommended persons that a KASN recommendation list names again (records of a
# second source for the same cases, so the pages are timed on multi-source cases, #14).
SECOND_SOURCE_SHARE = 20


def write_second_source(csv_path: Path, out: Path) -> int:
    """A KASN recommendation list for about 1 in SECOND_SOURCE_SHARE of the sample's recommended persons
    with a NIP: its own letter numbers, the same NIP and election, the follow-up as Sudah/Belum."""
    import duckdb

    with duckdb.connect() as con:
        rel = con.sql(
            """
            SELECT 'B-' || row_number() OVER (ORDER BY "No. Register") || '/KASN' AS "No. Surat",
                   "Tanggal Rekomendasi" AS "Tanggal Surat", "NIP", "Nama Terlapor" AS "Nama", "Provinsi",
                   "Kabupaten/Kota", "Instansi", "Jenis Pemilihan", "Rekomendasi Sanksi",
                   CASE WHEN coalesce("Tanggal Tindak Lanjut", '') <> '' THEN 'Sudah' ELSE 'Belum' END
                       AS "Tindak Lanjut PPK"
            FROM read_csv($path, all_varchar = true)
            WHERE coalesce("NIP", '') <> '' AND coalesce("Tanggal Rekomendasi", '') <> ''
              AND hash("No. Register") % $share = 0
            """,
            params={"path": str(csv_path), "share": SECOND_SOURCE_SHARE},
        )
        rel.write_csv(str(out))
        return int(con.sql("SELECT count(*) FROM read_csv($p)", params={"p": str(out)}).fetchall()[0][0])


def import_second_source(csv_path: Path, db_path: Path, env: dict) -> dict[str, Any]:
    """Import the second source's list into the measured store, as an analyst's next file: wall time,
    and how many cases the store holds before and after (equal: its rows link to known cases by NIP)."""
    second = csv_path.with_name("kasn-list.csv")
    rows = write_second_source(csv_path, second)
    before = _case_count(db_path)
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "netralitas", "import", str(second), "--db", str(db_path), "--json"],
        capture_output=True,
        text=True,
        env=env,
    )
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr)
    return {
        "rows": rows,
        "import_s": round(time.perf_counter() - start, 2),
        "cases_before": before,
        "cases_after": _case_count(db_path),
        "rows_loaded": json.loads(proc.stdout)["rows_loaded"],
    }


def _case_count(db_path: Path) -> int:
    with Store(db_path).connect() as con:
        return int(con.execute("SELECT count(*) FROM case_facts").fetchall()[0][0])


def _stored_state(db_path: Path) -> dict[str, int]:
    with Store(db_path).connect() as con:
        cases, batches, loaded = con.execute(
            "SELECT (SELECT count(*) FROM cases), count(*), coalesce(sum(rows_loaded), 0) FROM batches"
        ).fetchall()[0]
    return {"cases": cases, "batches": batches, "rows_loaded_by_batches": int(loaded)}


def kill_during_import(db_path: Path, rows: int, seed: int, import_s: float, env: dict) -> list[dict]:
    """SIGKILL a second import of `rows` cases at half and at 80% of the first import's time (while it
    stages, and while it writes), each time on a fresh copy of the store so the measured one stays as it
    is. The copy must then hold either exactly what it held before, or the whole second batch (when the
    kill came after its commit), never a part of it."""
    import signal

    from .sample import write_sample

    second = db_path.parent / "second.csv"
    write_sample(rows, second, seed=seed)
    copy = db_path.with_name("killed.duckdb")
    outcomes = []
    for share in (0.5, 0.8):
        shutil.copyfile(db_path, copy)
        before = _stored_state(copy)
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "netralitas",
                "import",
                str(second),
                "--db",
                str(copy),
                "--source",
                "kasn",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        time.sleep(import_s * share)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        after = _stored_state(copy)
        whole = (
            after["batches"] == before["batches"] + 1 and after["cases"] == after["rows_loaded_by_batches"]
        )
        outcomes.append(
            {
                "killed_at_s": round(import_s * share, 2),
                "killed": proc.returncode == -signal.SIGKILL,
                "before": before,
                "after": after,
                "outcome": "previous" if after == before else ("complete" if whole else "partial"),
            }
        )
    second.unlink()
    copy.unlink()
    return outcomes


MINIMAL_APP = """import plotly.graph_objects as go
import streamlit as st

st.title("Minimal")
st.metric("Kasus", "1.000")
st.plotly_chart(go.Figure(go.Bar(x=[1, 2, 3], y=[3, 1, 2])))
"""


def first_view_seconds(db_path: Path) -> dict[str, float] | None:
    """Seconds from navigation until the overview's map has drawn, in Debian's chromium (None without one).
    `new_session`: a visitor in a fresh browser context (empty browser cache, new Streamlit session) on a
    running server, the target; `cold`: the first browser visitor after the server started, which
    scripts/start.sh warms with one protocol view at start (modules, boundary layer, columns from
    disk); `streamlit_floor`: the same measure for a one-chart Streamlit app, what Streamlit and
    plotly.js cost on this machine before any of ours."""

    chromium = shutil.which("chromium")
    if not chromium:
        return None
    root = config.ROOT
    env = {"NETRALITAS_DB": str(db_path), "NETRALITAS_LOAD_SAMPLE": "0"}
    ours = _first_views(chromium, root / "app.py", root, env, "path.choroplethlocation", 38, warm=True)
    minimal = Path(tempfile.mkdtemp(prefix="netralitas-minimal-")) / "app.py"
    minimal.write_text(MINIMAL_APP, encoding="utf-8")
    floor = _first_views(chromium, minimal, minimal.parent, {}, ".js-plotly-plot .point", 3)
    return {"cold": ours[0], "new_session": min(ours[1:]), "streamlit_floor": min(floor[1:])}


def _first_views(
    chromium: str, app: Path, cwd: Path, env: dict, selector: str, count: int, warm: bool = False
) -> list[float]:
    """Seconds until `count` elements match `selector`, for three visitors in turn on a fresh server
    (`warm`: warmed at start, as the project's start scripts do)."""
    import socket
    import urllib.request

    from playwright.sync_api import sync_playwright

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(app),
            "--server.port",
            str(port),
            "--server.headless",
            "true",
        ],
        cwd=cwd,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        if warm:
            from .viewers import warm as warm_up

            warm_up(f"http://127.0.0.1:{port}")  # as scripts/start.sh and serve.sh do once the server answers
        out = []
        with sync_playwright() as p:
            b = p.chromium.launch(
                executable_path=chromium,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            for _ in range(3):
                context = b.new_context(viewport={"width": 1920, "height": 1080})
                page = context.new_page()
                start = time.perf_counter()
                page.goto(f"http://127.0.0.1:{port}/")
                page.wait_for_function(
                    f"() => document.querySelectorAll({selector!r}).length >= {count}", timeout=60_000
                )
                out.append(round(time.perf_counter() - start, 2))
                context.close()
            b.close()
        return out
    finally:
        server.terminate()
        server.wait(10)


def _sigkill_verdict(kills: list[dict]) -> str:
    if any(k["outcome"] == "partial" for k in kills):
        return "missed"
    return "met" if any(k["outcome"] == "previous" for k in kills) else "not measured (no kill landed early)"


def verdict(r: dict) -> dict[str, str]:
    """Each target: met, or missed by how much."""

    def check(value: float | None, limit: float, higher_is_better: bool = False) -> str:
        if value is None:
            return "not measured"
        ok = value >= limit if higher_is_better else value <= limit
        return "met" if ok else f"missed by {abs(value - limit):.1f}"

    worst_render = max(v[s]["median_ms"] for v in r["pages"].values() for s in ("no_filter", "filter_change"))
    out = {
        "import ≤ 10 s": check(r["import_s"], TARGETS["import_s"]),
        "import peak ≤ 1 GB (MB)": check(r["import_peak_mb"], TARGETS["peak_mb"]),
        "page render median ≤ 250 ms (worst page)": check(worst_render, TARGETS["render_ms"]),
        "≥ 5× faster than pandas": check(
            min(c["speedup"] for c in r["overview_vs_pandas"].values()), TARGETS["speedup"], True
        ),
        "province map ≤ 200 KB": check(r["province_map_kb"], TARGETS["map_kb"]),
        "SIGKILL mid-import leaves the previous counts": _sigkill_verdict(r["sigkill"]),
    }
    if r.get("browser_first_view_s"):
        out["first view ≤ 3 s (new session)"] = check(r["browser_first_view_s"]["new_session"], 3.0)
    return out


def format_table(r: dict) -> str:
    lines = [
        f"Netralitas benchmark: {r['rows']:,} rows, {r['runs']} runs per figure, {r['machine']['cpus']} CPUs, "
        f"Python {r['machine']['python']}",
        f"  generate sample CSV      {r['generate_s']:>8.2f} s   ({r['csv_mb']} MB)",
        f"  import CSV               {r['import_s']:>8.2f} s   peak {r['import_peak_mb']:.0f} MB",
        f"  second source (KASN list) {r['second_source']['import_s']:>7.2f} s   {r['second_source']['rows']:,} rows, "
        f"cases {r['second_source']['cases_before']:,} -> {r['second_source']['cases_after']:,}",
        f"  province map layer       {r['province_map_kb']:>8.1f} KB",
        "  page render (server side, all queries and figures)   median / p95 ms",
        f"  {'page':<12}{'no filter':>20}{'filter change':>22}{'figure KB':>12}",
    ]
    for name, v in r["pages"].items():
        nf, fc = v["no_filter"], v["filter_change"]
        lines.append(
            f"  {name:<12}{nf['median_ms']:>11.1f} / {nf['p95_ms']:<8.1f}{fc['median_ms']:>11.1f} / "
            f"{fc['p95_ms']:<8.1f}{v['payload_kb']:>10.1f}"
        )
    for k in r["sigkill"]:
        lines.append(
            f"  SIGKILL at {k['killed_at_s']} s of a second {r['rows']:,}-row import: "
            f"{KILL_OUTCOME[k['outcome']]} ({k['after']['cases']:,} cases, {k['after']['batches']} batches)"
        )
    lines.append(
        "  overview aggregations vs the usual Streamlit way (st.cache_data frame, pandas), median ms"
    )
    for label, c in r["overview_vs_pandas"].items():
        lines.append(
            f"  {label:<14} pandas {c['pandas']['median_ms']:>8.1f}   duckdb {c['duckdb']['median_ms']:>8.1f}"
            f"   {c['speedup']:>5.1f}× faster"
        )
    if r.get("browser_first_view_s"):
        v = r["browser_first_view_s"]
        lines.append(
            f"  first complete view in chromium: {v['new_session']} s for a new session "
            f"({v['cold']} s for the first visitor after the server started; a one-chart Streamlit app "
            f"takes {v['streamlit_floor']} s here)"
        )
    lines.append("  targets: " + "; ".join(f"{k}: {v}" for k, v in r["verdict"].items()))
    lines.append(f"  JSON: {r.get('json_path', '')}")
    return "\n".join(lines)


def main(rows: int, runs: int, out: str | None, browser: bool) -> int:
    result = run(rows, runs, Path(out) if out else None, browser=browser)
    print(format_table(result))
    return 0
