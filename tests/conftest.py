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
