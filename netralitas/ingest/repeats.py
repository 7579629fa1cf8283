"""Identical rows are cases: the n-th of a group of identical rows (no case number, the same identifying
content) is the n-th record of that key, stored as case_id 'auto-<hash>' for the first and
'auto-<hash>-<n>' after it (the numbering itself is in the staging SQL of stage.py, staged_keyed).

This module tells the user when a file holds fewer of such a group than the store does: those stored
records are kept (an import never deletes), and the report says so instead of applying it silently."""

from __future__ import annotations

import duckdb

from ..i18n import t

_STORED_REPEATS = """
    SELECT source, regexp_extract(case_id, '^(auto-[0-9a-f]{16})', 1) AS base,
           CAST(coalesce(nullif(regexp_extract(case_id, '^auto-[0-9a-f]{16}-([0-9]+)$', 1), ''), '1') AS INTEGER)
               AS occurrence
    FROM cases
    WHERE case_id_derived AND case_id LIKE 'auto-%'
      AND regexp_matches(case_id, '^auto-[0-9a-f]{16}(-[0-9]+)?$')
      AND source || '|' || regexp_extract(case_id, '^(auto-[0-9a-f]{16})', 1) IN (
          SELECT DISTINCT source || '|' || regexp_extract(case_id, '^(auto-[0-9a-f]{16})', 1)
          FROM cases WHERE case_id_derived AND case_id LIKE 'auto-________________-%'
                       AND regexp_matches(case_id, '^auto-[0-9a-f]{16}-[0-9]+$'))
"""


def fewer_repeats(store_con: duckdb.DuckDBPyConnection, stage_con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Groups of identical rows that the store holds more of than the file: one entry per group with the
    file's rows, how many the file has and how many are stored. Only groups that repeat in the store are
    read from it (usually none), so this stays cheap at a million rows."""
    stored = store_con.sql(_STORED_REPEATS).to_arrow_table()
    if stored.num_rows == 0:
        return []
    stage_con.register("stored_repeats", stored)
    try:
        found = stage_con.execute(
            """
            WITH in_file AS (
                SELECT source_code AS source, derived_base AS base, count(*) AS n,
                       list(_row ORDER BY _row)[1:20] AS rows
                FROM staged_keyed WHERE derived_base IS NOT NULL GROUP BY ALL)
            SELECT f.rows, f.n, count(*) AS stored, count(*) FILTER (WHERE s.occurrence > f.n) AS beyond
            FROM in_file f JOIN stored_repeats s ON s.source = f.source AND s.base = f.base
            GROUP BY f.rows, f.n HAVING count(*) FILTER (WHERE s.occurrence > f.n) > 0
            ORDER BY f.rows[1]
            """
        ).fetchall()
    finally:
        stage_con.unregister("stored_repeats")
    return [
        {
            "rows": [int(r) for r in rows],
            "in_file": int(n),
            "stored": int(stored_n),
            "not_in_file": int(beyond),
            "reason_id": t("imp_fewer_repeats", "id", n=int(n), stored=int(stored_n), beyond=int(beyond)),
            "reason_en": t("imp_fewer_repeats", "en", n=int(n), stored=int(stored_n), beyond=int(beyond)),
        }
        for rows, n, stored_n, beyond in found
    ]
