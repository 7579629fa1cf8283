"""The merge of the accepted staged rows into the store's cases, on the caller's transaction: a known case
that changed keeps its old version in case_history, so an undo restores it exactly."""

from __future__ import annotations

from collections.abc import Callable

import duckdb

from .mapping import DATE_COLUMNS
from .stage import Stager

STORED_COLUMNS = (
    "case_key",
    "source",
    "case_id",
    "case_id_derived",
    "election",
    "phase",
    "report_date",
    "incident_date",
    "recommendation_date",
    "follow_up_date",
    "case_date",
    "province_code",
    "regency_code",
    "agency",
    "agency_type",
    "position",
    "employee_name",
    "nip",
    "violation_type",
    "origin",
    "status",
    "sanction",
    "record_blocked",
    # records and cases (#14): what a block list says, and the kind of file the record came from
    "block_date",
    "unblock_date",
    "file_kind",
)
# Stored columns that follow from a file column; a re-import without that column keeps the stored value.
DERIVED_FROM = {
    "case_key": ("case_id",),
    "source": ("case_id",),
    "case_id": ("case_id",),
    "case_id_derived": ("case_id",),
    "election": ("election",),
    "phase": ("phase", "election") + DATE_COLUMNS,
    "case_date": DATE_COLUMNS,
    "province_code": ("province", "regency"),
    "regency_code": ("province", "regency"),
    "agency_type": ("agency_type", "agency"),
    # every imported file has a location column, so a record always takes its file's kind
    "file_kind": ("province", "regency"),
}


def merge(
    con: duckdb.DuckDBPyConnection, stager: Stager, batch_id: int, checkpoint: Callable[[str], None]
) -> tuple[int, int, int]:
    """Write the staged rows: new cases straight from the staging stream, known ones compared with what
    is stored (changed: the old version to case_history, then replaced; unchanged: left alone). Returns
    the counts of new, updated and unchanged rows."""
    present = stager.present

    def provided(column: str) -> bool:
        return any(src in present for src in DERIVED_FROM.get(column, (column,)))

    con.register("incoming_keys", stager.accepted_keys())
    known = con.sql(
        "SELECT case_key FROM cases WHERE case_key IN (SELECT case_key FROM incoming_keys)"
    ).to_arrow_table()
    con.unregister("incoming_keys")
    # A re-import without a column keeps the stored value of what that column gives.
    values = ", ".join(
        f"i.{c} AS {c}" if provided(c) or c == "case_key" else f"c.{c} AS {c}" for c in STORED_COLUMNS
    )
    con.register("incoming", stager.accepted(known, new=False))
    con.execute(
        f"CREATE TEMP TABLE merged AS SELECT {values}, i.source_row "
        "FROM incoming i JOIN cases c ON c.case_key = i.case_key"
    )
    con.unregister("incoming")
    same = " AND ".join(
        f"c.{c}::VARCHAR IS NOT DISTINCT FROM m.{c}::VARCHAR" for c in STORED_COLUMNS if c != "case_key"
    )
    con.execute(
        f"CREATE TEMP TABLE changed AS SELECT m.case_key FROM merged m JOIN cases c ON c.case_key = m.case_key "
        f"WHERE NOT coalesce({same}, false)"
    )
    updated = con.execute("SELECT count(*) FROM changed").fetchall()[0][0]
    unchanged = known.num_rows - updated
    con.execute(
        "INSERT INTO case_history SELECT $b, c.* FROM cases c WHERE c.case_key IN (SELECT case_key FROM changed)",
        {"b": batch_id},
    )
    checkpoint("history")
    con.execute("DELETE FROM cases WHERE case_key IN (SELECT case_key FROM changed)")
    checkpoint("delete")
    cols = ", ".join(STORED_COLUMNS)
    con.execute(
        f"INSERT INTO cases ({cols}, batch_id, source_row) SELECT {cols}, $b, source_row FROM merged "
        "WHERE case_key IN (SELECT case_key FROM changed)",
        {"b": batch_id},
    )
    con.register("incoming", stager.accepted(known, new=True))
    loaded = con.execute(
        f"INSERT INTO cases ({cols}, batch_id, source_row) SELECT {cols}, $b, source_row FROM incoming",
        {"b": batch_id},
    ).fetchall()[0][0]
    con.unregister("incoming")
    checkpoint("insert")
    for table in ("merged", "changed"):
        con.execute(f"DROP TABLE {table}")
    return loaded, updated, unchanged
