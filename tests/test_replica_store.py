"""The dashboard's kept connection is read-only (issue 15): several dashboard processes read one file at
once, and a write from the dashboard's own process closes that process's reader first."""

from __future__ import annotations

import subprocess
import sys
import time

from conftest import ROOT

from netralitas import queries
from netralitas.auth import audit
from netralitas.store import Store


def test_two_dashboard_processes_read_the_file_at_the_same_time(tmp_path):
    db = tmp_path / "shared.duckdb"
    Store(db).schema_version()
    other = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from netralitas import queries; from netralitas.store import Store; "
            f"s = Store({str(db)!r}, keep_open=True, lock_wait=0); queries.run(s, 'totals'); "
            "print('reading', flush=True); time.sleep(20)",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert other.stdout.readline().strip() == "reading"
        # while the other process keeps its connection, this one opens its own without waiting
        here = Store(db, keep_open=True, lock_wait=0)
        start = time.monotonic()
        assert int(queries.run(here, "totals", wait=False)["cases"].iloc[0]) == 0
        assert time.monotonic() - start < 5
        assert other.poll() is None, "the other reader gave the file up"
    finally:
        other.kill()
        other.wait()


def test_a_write_from_the_dashboard_process_closes_its_own_reader_and_the_next_read_sees_it(tmp_path):
    db = tmp_path / "own.duckdb"
    dashboard = Store(db, keep_open=True, lock_wait=3)
    before = queries.run(dashboard, "audit_log", params={"action": "", "username": "", "limit": 100})
    audit(Store(db), "tester", "export", "cases.csv")  # the read-only connection is open meanwhile
    after = queries.run(dashboard, "audit_log", params={"action": "", "username": "", "limit": 100})
    assert len(after) == len(before) + 1
