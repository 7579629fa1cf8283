"""Test databases built in this process through the package's own import path (the same functions the
command line calls), instead of one `python -m netralitas` subprocess per step: each subprocess paid a
full interpreter start and the package's imports, several seconds per fixture on a loaded 2-core machine.

The command line itself is still tested end to end: tests/test_contract.py, the CLI tests in
test_ingest.py and test_reliability.py, and test_console.py (the installed command from another folder).

Every builder closes the connections it kept, so a Streamlit server or a CLI subprocess started next can
open the file (DuckDB lets one process at a time hold it)."""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURES, write

from netralitas.auth import add_user
from netralitas.demo import load_sample
from netralitas.devtools.sample import write_sample
from netralitas.ingest import ImportOptions, import_file
from netralitas.ingest.load import ImportReport
from netralitas.store import Store, close_all


def import_into(db: Path, file: Path, source: str = "other") -> ImportReport:
    """What `netralitas import FILE --db DB --source SOURCE` does. A refused file raises, as the command
    exits 2; rejected rows are in the returned report, as the command reports them."""
    try:
        return import_file(Store(db), file, ImportOptions(source=source))
    finally:
        close_all()


def import_sample_file(db: Path, tmp: Path, rows: int, seed: int, source: str) -> ImportReport:
    """`netralitas sample --rows N --out F --seed S` then `netralitas import F --source SOURCE`: sample
    rows imported as an analyst's file (not marked as sample data)."""
    sample = write_sample(rows, tmp / f"sample-{rows}-{seed}.csv", seed=seed)
    return import_into(db, sample, source)


def load_sample_rows(db: Path, rows: int, seed: int = 2024) -> ImportReport:
    """`netralitas sample --load --rows N --db DB`: sample data marked as such."""
    try:
        return load_sample(Store(db), rows, seed)
    finally:
        close_all()


def import_messy_kasn(db: Path, tmp: Path) -> ImportReport:
    """The committed messy KASN export, written as analysts receive it (cp1252), then imported."""
    text = (FIXTURES / "kasn_2020_messy.csv").read_text(encoding="utf-8")
    return import_into(db, write(tmp / "kasn.csv", text, "cp1252"), "kasn")


def add_users(db: Path, users: dict[str, str], password: str) -> None:
    """`netralitas user add NAME --role ROLE --password-stdin` for each name."""
    try:
        store = Store(db)
        for name, role in users.items():
            add_user(store, name, role, password)
    finally:
        close_all()
