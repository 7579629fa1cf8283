"""The one way an audit row is written: who did what, when, and to which batch. It takes the caller's
connection, so the row commits or rolls back with the change it records."""

from __future__ import annotations

from datetime import datetime

import duckdb


def record(
    con: duckdb.DuckDBPyConnection,
    user: str,
    action: str,
    detail: str = "",
    batch_id: int | None = None,
    at: datetime | None = None,
) -> None:
    """Add one audit row on `con` (inside the caller's transaction, where there is one)."""
    con.execute(
        "INSERT INTO audit_log VALUES ($at, $user, $action, $detail, $batch)",
        {"at": at or datetime.now(), "user": user, "action": action, "detail": detail, "batch": batch_id},
    )
