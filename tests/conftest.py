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
