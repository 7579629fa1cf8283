"""The one data-access object: owns DuckDB connections, the schema, bound parameters and time limits.

DuckDB lets one process hold a database file read-write and refuses every other process meanwhile.
Work that writes (imports, undo, the audit log) and the command line use short-lived connections and
retry for a bounded time while another process holds the file. The dashboard reads through one
long-lived read-only connection per process (`Store(keep_open=True).reader()`), so its buffer pool stays
warm between reruns and several dashboard processes (replicas behind a load balancer) read the one file
at once; each gives the file up when a writer asks for it, and a write from the dashboard's own process
closes that process's reader first (DuckDB refuses a read-write connection to a file the same process
has open read-only). Asking is a request file beside
the database (`<db>.request`, holding the asker's pid), written by a connection that found the file
locked and removed when that connection closes; the dashboard's watcher closes its connection as soon
as the reads in flight end, serves its last results meanwhile, and reopens once the request is gone.
"""

from __future__ import annotations

import atexit
import csv
import hashlib
import os
import threading
import time
import weakref
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


def request_path(path: Path) -> Path:
    """The file another process writes to ask the dashboard for the database."""
    return Path(f"{path}.request")


def pid_alive(pid: int) -> bool:
    """Whether a process of this pid exists (one of another user counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def requested_elsewhere(path: Path) -> bool:
    """True while a live process other than this one is waiting for the database file."""
    try:
        pid = int(request_path(path).read_text(encoding="ascii").strip() or 0)
    except (FileNotFoundError, ValueError):
        return False
    return pid != os.getpid() and pid > 0 and pid_alive(pid)


class _Request:
    """This process's request for a database file another process holds; withdrawn on release."""

    def __init__(self, path: Path):
        self.file = request_path(path)
        self.made = False

    def make(self) -> None:
        # made again when the file no longer names us: another thread of this process, done waiting,
        # may have withdrawn the request this one still needs
        if self.made and self._names_us():
            return
        try:
            tmp = self.file.with_name(f"{self.file.name}.{os.getpid()}")
            tmp.write_text(str(os.getpid()), encoding="ascii")
            os.replace(tmp, self.file)
            self.made = True
        except OSError:
            pass  # a read-only directory: we simply wait without asking

    def _names_us(self) -> bool:
        try:
            return self.file.read_text(encoding="ascii").strip() == str(os.getpid())
        except (OSError, ValueError):  # ValueError: a file that is not ASCII names nobody
            return False

    def withdraw(self) -> None:
        if not self.made:
            return
        try:
            if self._names_us():
                self.file.unlink()
        except OSError:
            pass
        self.made = False


class _Keeper:
    """The long-lived connection this process keeps to one database file for reading, and the rule for
    giving it up when another process asks (see the module docstring)."""

    POLL_SECONDS = 0.1

    def __init__(self, store: Store):
        self.store = store
        self.cond = threading.Condition()
        self.con: duckdb.DuckDBPyConnection | None = None
        self.active = 0
        self.writing = 0  # writes of this process under way: the read-only connection stays closed
        self.watcher: threading.Thread | None = None

    def cursor(self) -> duckdb.DuckDBPyConnection | None:
        """A cursor on the kept read-only connection, or None while a write of this process runs or
        another process is asking for the file or holds it read-write. Opening is tried once: waiting
        happens in `Store.reader`, outside this lock, so one reader that waits never holds up the readers
        that have something else to show."""
        with self.cond:
            if self.writing or requested_elsewhere(self.store.path):
                self._close_if_idle()
                return None
            if self.con is None:
                try:
                    self.con = self.store._open(read_only=True, wait=0)
                except DatabaseBusy:
                    return None
                self._start_watcher()
            self.active += 1
            return self.con.cursor()

    def begin_write(self, wait: float) -> None:
        """Close the read-only connection for a write of this process, once the reads in flight end."""
        deadline = time.monotonic() + wait
        with self.cond:
            self.writing += 1
            while self.active and self.con is not None:
                if time.monotonic() >= deadline:
                    self.writing -= 1
                    raise DatabaseBusy(self.store.path)
                self.cond.wait(0.05)
            self._close_if_idle()

    def end_write(self) -> None:
        with self.cond:
            self.writing -= 1

    def release(self, cur: duckdb.DuckDBPyConnection) -> None:
        cur.close()
        with self.cond:
            self.active -= 1
            if self.writing or requested_elsewhere(self.store.path):
                self._close_if_idle()
            self.cond.notify_all()

    def close(self) -> None:
        with self.cond:
            while self.active:
                self.cond.wait(0.05)
            self._close_if_idle()

    def _close_if_idle(self) -> None:
        if self.con is not None and self.active == 0:
            self.con.close()
            self.con = None

    def _start_watcher(self) -> None:
        if self.watcher is None or not self.watcher.is_alive():
            self.watcher = threading.Thread(
                target=_watch, args=(weakref.ref(self),), name="netralitas-keeper", daemon=True
            )
            self.watcher.start()


def _watch(ref: weakref.ref) -> None:
    """Close the kept connection soon after another process asks for the file; stop once it is closed."""
    while True:
        time.sleep(_Keeper.POLL_SECONDS)
        keeper = ref()
        if keeper is None:
            return
        with keeper.cond:
            if keeper.con is None:
                keeper.watcher = None
                return
            if requested_elsewhere(keeper.store.path):
                keeper._close_if_idle()
        del keeper


_keepers: dict[Path, _Keeper] = {}
_keepers_lock = threading.Lock()


def close_all() -> None:
    """Close every kept connection in this process."""
    with _keepers_lock:
        keepers = list(_keepers.values())
        _keepers.clear()
    for keeper in keepers:
        keeper.close()


atexit.register(close_all)


class Store:
    """A DuckDB database file and the rules for using it."""

    def __init__(
        self, path: str | os.PathLike | None = None, lock_wait: float | None = None, keep_open: bool = False
    ):
        self.path = config.db_path(path).resolve()
        self.lock_wait = config.setting_int("lock_wait_seconds") if lock_wait is None else lock_wait
        self.keep_open = keep_open

    # -- connections -------------------------------------------------------------------------
    def _open(
        self, read_only: bool, request: _Request | None = None, wait: float | None = None
    ) -> duckdb.DuckDBPyConnection:
        """A connection, retried for `wait` seconds (default `lock_wait`) while another process holds the
        file, asking for it with `request` meanwhile."""
        if read_only and not self.path.exists():
            raise DatabaseUnavailable(
                f"Basis data belum ada: {self.path}", f"The database does not exist yet: {self.path}"
            )
        deadline = time.monotonic() + (self.lock_wait if wait is None else wait)
        delay = 0.05
        while True:
            try:
                return duckdb.connect(str(self.path), read_only=read_only)
            except duckdb.IOException as exc:
                if _is_lock_error(exc):
                    if time.monotonic() >= deadline:
                        raise DatabaseBusy(self.path) from exc
                    if request is not None:
                        request.make()
                    time.sleep(delay)
                    delay = min(delay * 2, 0.25)
                    continue
                raise DatabaseUnavailable.of("store_cannot_open", exc=exc) from exc
            except duckdb.Error as exc:
                raise DatabaseUnavailable.of("store_cannot_open", exc=exc) from exc

    @contextmanager
    def connect(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection for one unit of work, schema migrated, closed afterwards. While another process
        holds the file, it asks for it (see the module docstring) and waits up to `lock_wait`."""
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        with _keepers_lock:
            keeper = _keepers.get(self.path)
        if keeper is not None and not read_only:
            keeper.begin_write(self.lock_wait)
        request = _Request(self.path)
        try:
            con = self._open(read_only, request)
            try:
                if not read_only:
                    self._ensure_schema(con)
                yield con
            finally:
                con.close()
        finally:
            request.withdraw()
            if keeper is not None and not read_only:
                keeper.end_write()

    @contextmanager
    def reader(self, wait: bool = True) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection for reads. A store that keeps its connection open hands out a cursor on it. While
        another process asks for the file or holds it, it does not race that process for the lock: with
        `wait` it asks for the file and waits (up to `lock_wait`) for the process to finish; without, it
        raises DatabaseBusy at once, for a caller that has earlier results to show instead."""
        if not self.keep_open:
            with self.connect() as con:
                yield con
            return
        self.prepare()
        keeper = self._keeper()
        deadline = time.monotonic() + (self.lock_wait if wait else 0)
        # No request is made: readers share the file with every other reader, and a writer that holds it
        # is already working towards giving it back.
        while (cur := keeper.cursor()) is None:
            if time.monotonic() >= deadline:
                raise DatabaseBusy(self.path)
            time.sleep(0.05)
        try:
            yield cur
        finally:
            keeper.release(cur)

    def prepare(self) -> None:
        """Create and migrate the file once per process before the first read-only connection, which can
        do neither. Checked on a read-only connection first, so replicas starting on a current database
        take nothing from one another."""
        key = str(self.path)
        if key in _migrated:
            return
        if self.path.exists():
            try:
                con = duckdb.connect(key, read_only=True)
            except duckdb.IOException as exc:
                if _is_lock_error(exc):
                    return  # a writer holds it: the reader waits for it, and the next read checks again
                con = None
            except duckdb.Error:
                con = None  # another configuration in this process: migrate below
            if con is not None:
                try:
                    current = _schema_current(con)
                finally:
                    con.close()
                if current:
                    with _migrate_lock:
                        _migrated.add(key)
                    return
        with self.connect():
            pass

    def _keeper(self) -> _Keeper:
        with _keepers_lock:
            keeper = _keepers.get(self.path)
            if keeper is None:
                keeper = _keepers[self.path] = _Keeper(self)
            return keeper

    def close(self) -> None:
        """Close the kept connection, if any (tests and the benchmark hand the file to other processes)."""
        with _keepers_lock:
            keeper = _keepers.pop(self.path, None)
        if keeper:
            keeper.close()

    def requested_elsewhere(self) -> bool:
        """Another process is waiting for the file (an import from the command line, say)."""
        return requested_elsewhere(self.path)

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
            current = con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchall()[0][0]
            for version, sql in migrations():
                if version <= current:
                    continue
                con.execute("BEGIN TRANSACTION")
                try:
                    con.execute(sql)
                    if version == 1:
                        _seed_calendar(con)
                    # a store with records gets its cases at once (#14), and its scored pairs (8)
                    if version in (2, 8):
                        from .linking import rebuild_cases

                        rebuild_cases(con)
                    con.execute("INSERT INTO schema_version VALUES (?, ?)", [version, datetime.now()])
                    con.execute("COMMIT")
                except BaseException:
                    con.execute("ROLLBACK")
                    raise
            _install_macros(con)
            _migrated.add(key)

    def schema_version(self) -> int:
        with self.connect() as con:
            return con.execute("SELECT max(version) FROM schema_version").fetchall()[0][0]

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
        raise StoreError.of("store_query_timeout", limit=limit) from exc
    finally:
        timer.cancel()


def _macros_text() -> tuple[str, str]:
    text = (config.QUERIES_DIR / "_scope.sql").read_text(encoding="utf-8")
    return text, hashlib.sha256(text.encode("utf-8")).hexdigest()


def _schema_current(con: duckdb.DuckDBPyConnection) -> bool:
    """Every migration applied and the macros up to date: nothing for a read-write connection to do."""
    try:
        version = con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchall()[0][0]
        held = con.execute("SELECT value FROM settings WHERE key = 'scope_macros_sha256'").fetchall()
    except duckdb.CatalogException:
        return False
    latest = max((v for v, _ in migrations()), default=0)
    return version >= latest and bool(held) and held[0][0] == _macros_text()[1]


def _install_macros(con: duckdb.DuckDBPyConnection) -> None:
    """Store queries/_scope.sql's macros in the database when they differ from the ones it holds. Stored
    rather than created per connection: setting them up on every cursor cost ~3 ms a query. Compared
    first, so opening an up-to-date database writes nothing."""
    text, digest = _macros_text()
    held = con.execute("SELECT value FROM settings WHERE key = 'scope_macros_sha256'").fetchall()
    if held and held[0][0] == digest:
        return
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(text)
        con.execute(
            "INSERT OR REPLACE INTO settings VALUES ('scope_macros_sha256', $digest)", {"digest": digest}
        )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


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
