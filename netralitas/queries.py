"""Load the SQL files in queries/ and run them with bound parameters: the one query runner."""

from __future__ import annotations

from functools import cache
from typing import Any

import duckdb
import pandas as pd

from .config import QUERIES_DIR
from .filters import Filters
from .store import Store, run_df


@cache
def sql(name: str) -> str:
    """The text of queries/NAME.sql (names are file names chosen by code, never by users)."""
    path = (QUERIES_DIR / f"{name}.sql").resolve()
    if path.parent != QUERIES_DIR.resolve():
        raise ValueError(f"not a query name: {name}")
    return path.read_text(encoding="utf-8")


def run_on(
    con: duckdb.DuckDBPyConnection,
    name: str,
    filters: Filters | None = None,
    params: dict[str, Any] | None = None,
) -> pd.DataFrame:
    bound = (filters or Filters()).params()
    bound.update(params or {})
    text = sql(name)
    # DuckDB refuses parameters a statement does not use: bind only the ones this file names.
    used = {k: v for k, v in bound.items() if f"${k}" in text}
    return run_df(con, text, used)


def run(
    store: Store,
    name: str,
    filters: Filters | None = None,
    params: dict[str, Any] | None = None,
    wait: bool = True,
) -> pd.DataFrame:
    return run_many(store, [(name, filters, params)], wait)[0]


def run_many(
    store: Store, requests: list[tuple[str, Filters | None, dict[str, Any] | None]], wait: bool = True
) -> list[pd.DataFrame]:
    """Several queries on one connection (one page render): the dashboard's kept one, else short-lived.
    Without `wait`, a database another process holds raises DatabaseBusy at once (see Store.reader)."""
    with store.reader(wait) as con:
        return [run_on(con, name, f, p) for name, f, p in requests]
