"""The commit of one import: the merge, the batch row, the audit record and the file's kind, in one
transaction of the store, so an import lands whole or not at all (and a dry run not at all)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import duckdb

from .. import audit, config, linking
from ..store import Store
from . import kinds
from .merge import merge
from .repeats import fewer_repeats
from .stage import Stager


@dataclass(frozen=True)
class Batch:
    """What the batch row and the audit record say of an import, known before it is merged."""

    user: str
    file_name: str
    checksum: str
    source: str
    is_sample: bool
    rows_read: int
    rows_rejected: int
    kind: kinds.Kind | None
    dry_run: bool


@dataclass(frozen=True)
class Saved:
    """What the commit did: the batch's id and counts, and the repeated rows the store holds more of."""

    batch_id: int
    loaded: int
    updated: int
    unchanged: int
    repeats: list[dict]


def save(store: Store, stager: Stager, batch: Batch, checkpoint: Callable[[str], None]) -> Saved:
    """Merge the staged rows and record the batch in one transaction (rolled back for a dry run)."""
    with store.connect() as con:
        # The store's buffers count towards the import's memory too (a million-row merge and the case
        # rebuild after it held about 700 MB more without a limit); beyond it DuckDB spills to disk.
        share = config.setting_int("import_memory_mb")
        con.execute("SET memory_limit = $m", {"m": f"{share}MB"})
        try:
            return _in_transaction(con, stager, batch, checkpoint, share)
        finally:
            con.execute("RESET memory_limit")  # the setting is the database's, which this process may reopen


def _in_transaction(
    con: duckdb.DuckDBPyConnection,
    stager: Stager,
    batch: Batch,
    checkpoint: Callable[[str], None],
    share: int,
) -> Saved:
    """The transaction of save(), on its connection; `share` is the import's memory share in MB."""
    con.execute("BEGIN TRANSACTION")
    try:
        # fetchall, not fetchone: DuckDB refuses register() while a result is still open.
        batch_id = con.execute("SELECT coalesce(max(batch_id), 0) + 1 FROM batches").fetchall()[0][0]
        repeats = fewer_repeats(con, stager.con)
        loaded, updated, unchanged = merge(con, stager, batch_id, checkpoint)
        # The staged rows are in the store now: the case rebuild takes the staging database's share
        # too (at a quarter of a GB it spilled and cost half as much time again at a million rows).
        stager.remove()
        con.execute("SET memory_limit = $m", {"m": f"{2 * share}MB"})
        con.execute(
            "INSERT INTO batches VALUES ($id, $at, $user, $file, $sum, $source, $sample, $read, $loaded, $updated, "
            "$unchanged, $rejected, NULL, NULL)",
            {
                "id": batch_id,
                "at": datetime.now(),
                "user": batch.user,
                "file": batch.file_name or "(tanpa nama)",
                "sum": batch.checksum,
                "source": batch.source,
                "sample": batch.is_sample,
                "read": batch.rows_read,
                "loaded": loaded,
                "updated": updated,
                "unchanged": unchanged,
                "rejected": batch.rows_rejected,
            },
        )
        audit.record(
            con,
            batch.user,
            "import",
            f"{batch.file_name}: {loaded} baru, {updated} diperbarui, {batch.rows_rejected} ditolak",
            batch_id,
        )
        _record_kind(con, batch_id, batch.kind)
        linking.rebuild_cases(con, linking.Touched.batch(con, batch_id))
        checkpoint("batch")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("ROLLBACK" if batch.dry_run else "COMMIT")
    return Saved(batch_id, loaded, updated, unchanged, repeats)


def _record_kind(con: duckdb.DuckDBPyConnection, batch_id: int, found: kinds.Kind | None) -> None:
    if found is None:
        return
    con.execute(
        "INSERT INTO batch_kinds VALUES ($b, $k, $c, $rid, $ren)",
        {"b": batch_id, "k": found.kind, "c": found.chosen, "rid": found.reason_id, "ren": found.reason_en},
    )
