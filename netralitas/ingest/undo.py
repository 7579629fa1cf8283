"""Undoing a batch: its new rows removed and the rows it replaced put back, refused while a newer batch
replaced rows of it (that one first, or the undo would not be exact)."""

from __future__ import annotations

from datetime import datetime

import duckdb

from .. import audit, linking
from ..errors import NetralitasError
from ..store import Store


def later_batches_touching(con: duckdb.DuckDBPyConnection, batch_id: int) -> list[int]:
    """Newer batches that replaced rows this batch wrote: undo them first, or the undo would not be exact."""
    return [
        b
        for (b,) in con.execute(
            "SELECT DISTINCT replaced_by FROM case_history WHERE batch_id = $b ORDER BY 1", {"b": batch_id}
        ).fetchall()
    ]


def undo_batch(store: Store, batch_id: int, user: str = "cli") -> dict[str, int]:
    """Restore the exact state before a batch: its new rows removed, the rows it replaced put back."""
    with store.transaction() as con:
        row = con.execute("SELECT undone_at FROM batches WHERE batch_id = $b", {"b": batch_id}).fetchone()
        if row is None:
            raise NetralitasError.of("undo_no_batch", batch=batch_id)
        if row[0] is not None:
            raise NetralitasError.of("undo_already", batch=batch_id)
        later = later_batches_touching(con, batch_id)
        if later:
            listed = ", ".join(map(str, later))
            raise NetralitasError.of("undo_newer_first", batches=listed)
        removed = con.execute("SELECT count(*) FROM cases WHERE batch_id = $b", {"b": batch_id}).fetchall()[
            0
        ][0]
        touched = linking.Touched.batch(con, batch_id)  # before they go: their cases are rebuilt below
        con.execute("DELETE FROM cases WHERE batch_id = $b", {"b": batch_id})
        restored = con.execute(
            "SELECT count(*) FROM case_history WHERE replaced_by = $b", {"b": batch_id}
        ).fetchall()[0][0]
        con.execute(
            "INSERT INTO cases SELECT * EXCLUDE (replaced_by) FROM case_history WHERE replaced_by = $b",
            {"b": batch_id},
        )
        con.execute("DELETE FROM case_history WHERE replaced_by = $b", {"b": batch_id})
        linking.rebuild_cases(con, touched)  # the links only this batch's records supported go with them
        con.execute(
            "UPDATE batches SET undone_at = $at, undone_by = $u WHERE batch_id = $b",
            {"at": datetime.now(), "u": user, "b": batch_id},
        )
        audit.record(con, user, "undo", f"{removed} dihapus, {restored} dipulihkan", batch_id)
    return {"removed": removed - restored, "restored": restored}
