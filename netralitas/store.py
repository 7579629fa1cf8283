"""The one data-access object: owns DuckDB connections, the schema, bound parameters and time limits.

Connections are short-lived on purpose. DuckDB lets one process hold a database file read-write and
refuses every other process meanwhile, so the dashboard and a command-line import share the file by
taking turns: each opens, works, closes, and retries for a bounded time when the other holds it.
"""

from __future__ import annotations

import csv
import os
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from . import config
from .errors import NetralitasError

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"
_migrated: set[str] = set()
_migrate_lock = threading.Lock()


class StoreError(NetralitasError):
    """The database cannot do what was asked."""


class DatabaseBusy(StoreError):
    def __init__(self, path: Path):
        super().__init__(
            f"Data sedang diperbarui oleh proses lain ({path.name}); coba lagi sebentar lagi.",
            f"The data is being updated by another process ({path.name}); try again shortly.",
        )


class DatabaseUnavailable(StoreError):
    pass


def _is_lock_error(exc: Exception) -> bool:
    text = str(exc)
    return "Could not set lock" in text or "Conflicting lock" in text


def migrations() -> list[tuple[int, str]]:
    """(version, sql) for every file in netralitas/schema, in order."""
    out = []
    for path in sorted(SCHEMA_DIR.glob("*.sql")):
        out.append((int(path.name.split("_", 1)[0]), path.read_text(encoding="utf-8")))
    return out


class Store:
    """A DuckDB database file and the rules for using it."""

    def __init__(self, path: str | os.PathLike | None = None, lock_wait: float | None = None):
        self.path = config.db_path(path).resolve()
        self.lock_wait = config.setting_int("lock_wait_seconds") if lock_wait is None else lock_wait

    # -- connections -------------------------------------------------------------------------
    def _open(self, read_only: bool) -> duckdb.DuckDBPyConnection:
        if read_only and not self.path.exists():
            raise DatabaseUnavailable(
                f"Basis data belum ada: {self.path}", f"The database does not exist yet: {self.path}"
            )
        deadline = time.monotonic() + self.lock_wait
        delay = 0.05
        while True:
            try:
                return duckdb.connect(str(self.path), read_only=read_only)
            except duckdb.IOException as exc:
                if _is_lock_error(exc):
                    if time.monotonic() >= deadline:
                        raise DatabaseBusy(self.path) from exc
                    time.sleep(delay)
                    delay = min(delay * 2, 0.5)
                    continue
                raise DatabaseUnavailable(
                    f"Basis data tidak dapat dibuka: {exc}", f"The database cannot be opened: {exc}"
                ) from exc
            except duckdb.Error as exc:
                raise DatabaseUnavailable(
                    f"Basis data tidak dapat dibuka: {exc}", f"The database cannot be opened: {exc}"
                ) from exc

    @contextmanager
    def connect(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection for one unit of work, schema migrated, closed afterwards."""
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        con = self._open(read_only)
        try:
            if not read_only:
                self._ensure_schema(con)
            yield con
        finally:
            con.close()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-write connection inside BEGIN/COMMIT; any exception rolls everything back."""
        with self.connect() as con:
            con.execute("BEGIN TRANSACTION")
            try:
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")

    def exists(self) -> bool:
        return self.path.exists()

    def data_version(self) -> tuple:
        """Changes whenever the file changes: the cache key for query results."""
        parts: list[Any] = []
        for p in (self.path, Path(str(self.path) + ".wal")):
            try:
                st = p.stat()
                parts.append((st.st_mtime_ns, st.st_size))
            except FileNotFoundError:
                parts.append(None)
        return tuple(parts)

    # -- schema ------------------------------------------------------------------------------
    def _ensure_schema(self, con: duckdb.DuckDBPyConnection) -> None:
        key = str(self.path)
        if key in _migrated:
            return
        with _migrate_lock:
            if key in _migrated:
                return
            con.execute(
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at TIMESTAMP)"
            )
            current = con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]
            for version, sql in migrations():
                if version <= current:
                    continue
                con.execute("BEGIN TRANSACTION")
                try:
                    con.execute(sql)
                    if version == 1:
                        _seed_calendar(con)
                    con.execute("INSERT INTO schema_version VALUES (?, ?)", [version, datetime.now()])
                    con.execute("COMMIT")
                except BaseException:
                    con.execute("ROLLBACK")
                    raise
            _migrated.add(key)

    def schema_version(self) -> int:
        with self.connect() as con:
            return con.execute("SELECT max(version) FROM schema_version").fetchone()[0]

    # -- queries -----------------------------------------------------------------------------
    def query_df(
        self, sql: str, params: Mapping[str, Any] | None = None, timeout: float | None = None
    ) -> pd.DataFrame:
        """Run one SELECT with bound parameters, interrupted after the configured time limit."""
        with self.connect() as con:
            return run_df(con, sql, params, timeout)

    def execute(self, sql: str, params: Mapping[str, Any] | list | None = None) -> None:
        with self.connect() as con:
            con.execute(sql, params)


def run_df(
    con: duckdb.DuckDBPyConnection,
    sql: str,
    params: Mapping[str, Any] | None = None,
    timeout: float | None = None,
) -> pd.DataFrame:
    """Execute with bound parameters on an open connection; DuckDB has no statement timeout, so a timer
    interrupts the connection when the limit passes."""
    limit = config.setting_int("query_timeout_seconds") if timeout is None else timeout
    timer = threading.Timer(limit, con.interrupt)
    timer.daemon = True
    timer.start()
    try:
        return con.execute(sql, dict(params or {})).df()
    except duckdb.InterruptException as exc:
        raise StoreError(
            f"Kueri dihentikan setelah {limit} detik.", f"The query was stopped after {limit} seconds."
        ) from exc
    finally:
        timer.cancel()


def _seed_calendar(con: duckdb.DuckDBPyConnection) -> None:
    with (config.REFERENCE_DIR / "calendar.csv").open(encoding="utf-8") as f:
        rows = [
            [
                r["election"],
                r["kind"],
                int(r["year"]),
                r["name_id"],
                r["name_en"],
                r["phase"],
                r["start_date"],
                r["end_date"],
                r["note"] or None,
            ]
            for r in csv.DictReader(f)
        ]
    con.executemany("INSERT INTO calendar VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
