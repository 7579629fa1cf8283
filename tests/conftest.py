"""Shared fixtures: a fresh store per test, and helpers that write the messy files analysts receive."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


# tryfirst: xdist adds the group to each test's id in its own hook, which must see the mark
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked slow form one xdist group per module (a module's slow tests share its fixtures), which
    tests/scheduling.py hands out early so that the longest tests do not end the run on one worker."""
    for item in items:
        if item.get_closest_marker("slow") and not item.get_closest_marker("xdist_group"):
            item.add_marker(pytest.mark.xdist_group(f"slow:{Path(item.path).stem}"))


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """`--dist loadgroup` with the browser rules and the order of tests/scheduling.py."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from scheduling import BrowserAwareScheduling

    return BrowserAwareScheduling(config, log)


@pytest.fixture(autouse=True)
def _close_kept_connections():
    """Pages keep one connection per database open; a test's files are its own, so close them after it."""
    yield
    from netralitas.store import close_all

    close_all()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.duckdb"


@pytest.fixture
def store(db_path: Path):
    from netralitas.store import Store

    return Store(db_path)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def file_digest(path: Path) -> str | None:
    """Hash of the database file and its WAL (None for a file that does not exist)."""
    if not path.exists():
        return None
    h = hashlib.sha256(path.read_bytes())
    wal = Path(str(path) + ".wal")
    if wal.exists():
        h.update(wal.read_bytes())
    return h.hexdigest()


def cli_here(
    *args: str, env: dict | None = None, input_text: str | None = None
) -> subprocess.CompletedProcess:
    """`netralitas ARGS` run in this process, answered as `run_cli` answers: the exit status, and what it
    printed on stdout and stderr (an exception that escapes the command is printed there as its
    traceback, as the interpreter would). For tests of what a command says and does; a test that needs
    a second process (one holding or asking for the database file) uses `run_cli`. Starting an
    interpreter that imports pandas and DuckDB costs about 0.6 s of CPU, on a suite bound by CPU."""
    import contextlib
    import io
    import traceback

    from netralitas.cli import main
    from netralitas.store import close_all

    out, err = io.StringIO(), io.StringIO()
    saved_env, saved_stdin = dict(os.environ), sys.stdin
    os.environ.update(env or {})
    sys.stdin = io.StringIO(input_text or "")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = main(list(args))
            except SystemExit as exc:  # argparse's refusals
                status = exc.code if isinstance(exc.code, int) else 1
            except Exception:
                traceback.print_exc()
                status = 1
    finally:
        sys.stdin = saved_stdin
        os.environ.clear()
        os.environ.update(saved_env)
        close_all()
    return subprocess.CompletedProcess(["netralitas", *args], status or 0, out.getvalue(), err.getvalue())


def run_cli(
    *args: str, env: dict | None = None, timeout: int = 300, input_text: str | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "netralitas", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        input=input_text,
        timeout=timeout,
    )
