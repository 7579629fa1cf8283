"""Records and cases: which imported records (rows of one source's file) are the same person's case.

A record's case is found in three steps, all inside the caller's transaction (import, undo, a decision):
1. an equal NIP (digits only; the importer keeps only 18-digit NIPs) in the same election links records
   automatically; a record with a NIP but no election joins that NIP's case when the NIP has exactly one
   election, else it stays apart (never guessed);
2. links an analyst accepted on the review page join records (and the cases they are in) without an equal
   NIP; nothing else merges;
3. one row per case goes to `case_facts`, in the columns of a record, so every query of `scope(...)`
   counts cases: the furthest status, the earliest dates, what the primary record says (Bawaslu first,
   then KASN, BKN, other; then the earliest), and how many records each source holds.

Candidate links for records without a NIP are proposed with their evidence (name similarity, same
regency, agency similarity, days apart) and a score, by DuckDB's jaro_winkler_similarity in SQL, blocked
by election, province and the name's first letter, so the work grows with the records of one block. Every
scored pair is kept (link_pairs); the proposals are each record's few best.

A change (an import, an undo, a decision) recomputes only what it can reach: the records it touched, the
other records of their cases, the records sharing a NIP with them and those of accepted links (_SCOPE);
their cases and pairs are replaced. A change of more than FULL_REBUILD_SHARE of the records, or a call
without `touched`, takes one pass over all; both give the same result (tests/test_linking_incremental.py).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import duckdb
import pandas as pd

from . import audit, queries
from .errors import NetralitasError

# A proposal needs at least this score (0..1) to be shown; the name alone must be at least NAME_FLOOR.
PROPOSAL_SCORE = 0.80
NAME_FLOOR = 0.85
# Where both records name an agency, the names must be at least this alike (the person's own instansi).
AGENCY_FLOOR = 0.90
# At most this many candidates per record without a NIP, the best first.
PER_RECORD = 3
# Records further apart than this are not proposed: one election's steps take months, not years.
MAX_DAYS_APART = 365
# Weights of the evidence: a different regency (both known) keeps a pair below PROPOSAL_SCORE however
# alike the names; measured against Splink 5.0 on synthetic data (see README "Records and cases").
WEIGHTS = {"name": 0.55, "regency": 0.25, "agency": 0.10, "days": 0.10}

# The case a record belongs to before accepted links: its person and election where it has a NIP, else
# itself. A record with a NIP but no election joins that NIP's case when the NIP has exactly one election.
_BASE = """CASE WHEN c.nip IS NOT NULL
         THEN 'nip|' || coalesce(c.election, CASE WHEN ne.n = 1 THEN ne.election END, '?') || '|' || c.nip
         ELSE 'rec|' || c.case_key END"""

# The elections of the NIPs that some record of the scope holds without an election (the rest need no
# lookup); joined as `ne` wherever _BASE is computed.
_NIP_ELECTIONS = """
SELECT nip, min(election) AS election, count(DISTINCT election) AS n
FROM cases
WHERE election IS NOT NULL AND nip IN (SELECT nip FROM {records} WHERE election IS NULL AND nip IS NOT NULL)
GROUP BY nip
"""

# Each record of the scope (link_records: all records, or those a change can reach) with its base.
_BASES = f"""
CREATE OR REPLACE TEMP TABLE link_bases AS
SELECT c.case_key AS record_key, c.nip, {_BASE} AS base
FROM link_records c LEFT JOIN link_nip_elections ne ON ne.nip = c.nip AND c.election IS NULL
"""

# how: what made the record's case key; whether other records share it shows in case_facts.records.
# nip: the record's NIP when it was linked, so a later change of that record can find the NIP's other
# records (their case depends on all of that NIP's records).
_RECORD_CASES = """
SELECT b.record_key, coalesce(m.root, b.base) AS case_key,
       CASE WHEN m.root IS NOT NULL THEN 'accepted' WHEN b.base LIKE 'nip|%' THEN 'nip' ELSE 'own' END AS how,
       b.nip
FROM link_bases b LEFT JOIN link_roots m ON m.base = b.base
"""

# The cases of several records among the scope's (few): found from the record links alone.
_MULTI_KEYS = """
CREATE OR REPLACE TEMP TABLE link_multi_keys AS
SELECT case_key FROM link_rc GROUP BY case_key HAVING count(*) > 1
"""

# One row per case of the scope, from its records (link_records) and their cases (link_rc). Most cases
# have one record: those rows are copied as they are, their case key worked out again from the row and
# the small tables (a hash join of a million records with their million links cost a second); only
# cases of several records are aggregated. The primary record of a case: Bawaslu first (source_t's
# order), then the earliest, then by key.
_CASE_FACTS = f"""
WITH multi AS (
    SELECT c.*, rc.case_key AS person_case,
           row_number() OVER (PARTITION BY rc.case_key ORDER BY c.source, c.case_date, c.case_key) AS rank
    FROM link_records c
    JOIN (SELECT * FROM link_rc SEMI JOIN link_multi_keys USING (case_key)) rc ON rc.record_key = c.case_key
)
SELECT k.person_case AS case_key, k.* EXCLUDE (case_key, person_case),
       1 AS records, [k.source::VARCHAR] AS sources,
       (k.source = 'bawaslu')::INTEGER AS bawaslu_records, (k.source = 'kasn')::INTEGER AS kasn_records,
       (k.source = 'bkn')::INTEGER AS bkn_records, (k.source = 'other')::INTEGER AS other_records
FROM (
    SELECT c.*, coalesce(m.root, {_BASE}) AS person_case
    FROM link_records c
    LEFT JOIN link_nip_elections ne ON ne.nip = c.nip AND c.election IS NULL
    LEFT JOIN link_roots m ON m.base = {_BASE}
) k
-- NOT IN, not an anti join: DuckDB built the anti join's hash table on the million wide rows
WHERE k.person_case NOT IN (SELECT case_key FROM link_multi_keys)
UNION ALL BY NAME
SELECT person_case AS case_key,
       arg_min(source, rank) AS source,
       arg_min(case_id, rank) AS case_id,
       arg_min(case_id_derived, rank) AS case_id_derived,
       arg_min(election, rank) AS election,
       arg_min(phase, rank) AS phase,
       min(report_date) AS report_date,
       min(incident_date) AS incident_date,
       min(recommendation_date) AS recommendation_date,
       min(follow_up_date) AS follow_up_date,
       min(case_date) AS case_date,
       arg_min(province_code, rank) AS province_code,
       arg_min(regency_code, rank) AS regency_code,
       arg_min(agency, rank) AS agency,
       arg_min(agency_type, rank) AS agency_type,
       arg_min(position, rank) AS position,
       arg_min(employee_name, rank) AS employee_name,
       arg_min(nip, rank) AS nip,
       arg_min(violation_type, rank) AS violation_type,
       arg_min(origin, rank) AS origin,
       max(status) AS status,
       -- the sanction of the furthest record (a PPK's imposed one over a recommendation), the latest first
       arg_max(sanction, {{'st': status, 'd': coalesce(follow_up_date, recommendation_date, case_date)}}) AS sanction,
       bool_or(record_blocked) AS record_blocked,
       max(batch_id) AS batch_id,
       arg_min(source_row, rank) AS source_row,
       min(block_date) AS block_date,
       max(unblock_date) AS unblock_date,
       arg_min(file_kind, rank) AS file_kind,
       count(*)::INTEGER AS records,
       list(DISTINCT source::VARCHAR ORDER BY source::VARCHAR) AS sources,
       count_if(source = 'bawaslu')::INTEGER AS bawaslu_records,
       count_if(source = 'kasn')::INTEGER AS kasn_records,
       count_if(source = 'bkn')::INTEGER AS bkn_records,
       count_if(source = 'other')::INTEGER AS other_records
FROM multi
GROUP BY person_case
"""

# The records a change can reach (incremental rebuild): the touched records (added, changed or removed);
# every record of the cases they were in; every record of a live accepted link's case and the records
# the links name (few: an analyst decided each); then every record that shares a NIP with any of those,
# as stored now or as it was when last linked. No record outside this set changes case: its own row,
# its NIP's records and its links are all as they were.
_SCOPE = """
CREATE OR REPLACE TEMP TABLE link_scope AS
WITH first AS (
    SELECT record_key FROM link_touched
    UNION
    SELECT rc.record_key FROM record_cases rc
    WHERE rc.how = 'accepted'
       OR rc.case_key IN (SELECT o.case_key FROM record_cases o SEMI JOIN link_touched t USING (record_key))
    UNION
    SELECT key_a FROM link_decisions WHERE decision = 'accepted' AND undone_at IS NULL
    UNION
    SELECT key_b FROM link_decisions WHERE decision = 'accepted' AND undone_at IS NULL
),
nips AS (
    SELECT c.nip FROM cases c SEMI JOIN first f ON f.record_key = c.case_key WHERE c.nip IS NOT NULL
    UNION
    SELECT rc.nip FROM record_cases rc SEMI JOIN first f USING (record_key) WHERE rc.nip IS NOT NULL
)
SELECT record_key FROM first
UNION
SELECT c.case_key FROM cases c SEMI JOIN nips USING (nip)
UNION
SELECT rc.record_key FROM record_cases rc SEMI JOIN nips USING (nip)
"""

# A record's name as proposals compare it: lower case, no accents, letters and single spaces only.
_NAME = "trim(regexp_replace(lower(strip_accents(employee_name)), '[^a-z ]+', ' ', 'g'))"

# The records pairs are formed from (queries/link_pairs.sql reads them as link_a and link_b):
# `records` is a relation of records; their cases come from record_cases, already rebuilt.
_CANDIDATE = f"""
SELECT *, left(name, 1) AS l FROM (
    SELECT c.case_key AS k, rc.case_key AS person_case, c.source, c.election, c.province_code,
           c.regency_code, c.nip, c.case_date, {_NAME} AS name, lower(coalesce(c.agency, '')) AS agency
    FROM {{records}} c JOIN record_cases rc ON rc.record_key = c.case_key
    WHERE c.employee_name IS NOT NULL
)
"""

# After a change, its records' pairs are formed again: the changed records without a NIP against every
# record of their blocks (election, province, first letter), then the other records without a NIP of
# the changed records' blocks against the changed records. The blocks' records are filtered on cheap
# columns first, so that only their names are normalised.
_SCOPE_CANDIDATES = "CREATE OR REPLACE TEMP TABLE link_s AS " + _CANDIDATE.format(records="link_records")
# `candidates` in the blocks of the records in `blocks` (a relation with election, province_code, l)
_IN_BLOCKS = """
SELECT c.* FROM ({candidates}) c
SEMI JOIN {blocks} x ON x.election IS NOT DISTINCT FROM c.election AND x.province_code = c.province_code
                    AND x.l = c.l
"""
_A_PROVINCES = """(
    SELECT c.* FROM cases c
    SEMI JOIN link_a a ON a.election IS NOT DISTINCT FROM c.election AND a.province_code = c.province_code
)"""
_OTHERS_UNNIPPED = """(
    SELECT c.* FROM cases c
    WHERE c.nip IS NULL AND c.case_key NOT IN (SELECT record_key FROM link_scope)
)"""

# The parameters of queries/link_pairs.sql.
_PARAMS = {
    "w_name": WEIGHTS["name"],
    "w_regency": WEIGHTS["regency"],
    "w_agency": WEIGHTS["agency"],
    "w_days": WEIGHTS["days"],
    "max_days": MAX_DAYS_APART,
    "name_floor": NAME_FLOOR,
    "min_score": PROPOSAL_SCORE,
    "agency_floor": AGENCY_FLOOR,
}

# A change that touches more than this share of the records rebuilds everything: one pass over all
# records costs less than finding and replacing most of them.
FULL_REBUILD_SHARE = 0.25


class Touched:
    """The records a change adds, changes or removes, kept aside in the transaction (before an undo
    removes them) so the rebuild after it recomputes only the cases they can reach."""

    def __init__(self, con: duckdb.DuckDBPyConnection, select: str, params: dict[str, Any]):
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE link_touched AS SELECT DISTINCT record_key FROM ({select})", params
        )
        self.count = int(con.execute("SELECT count(*) FROM link_touched").fetchall()[0][0])

    @classmethod
    def batch(cls, con: duckdb.DuckDBPyConnection, batch_id: int) -> Touched:
        """The records one batch wrote: new ones and the ones it changed."""
        return cls(con, "SELECT case_key AS record_key FROM cases WHERE batch_id = $b", {"b": batch_id})

    @classmethod
    def records(cls, con: duckdb.DuckDBPyConnection, *keys: str) -> Touched:
        return cls(con, "SELECT unnest($keys::VARCHAR[]) AS record_key", {"keys": list(keys)})


def _roots(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """base -> root for the bases that accepted links join (union-find over the live accepted links:
    few, since an analyst decided each one)."""
    pairs = con.execute(
        f"""
        WITH d AS (SELECT key_a, key_b FROM link_decisions WHERE decision = 'accepted' AND undone_at IS NULL),
        ne AS ({_NIP_ELECTIONS.format(records="cases")}),
        bases AS (
            SELECT c.case_key AS record_key, {_BASE} AS base
            FROM cases c LEFT JOIN ne ON ne.nip = c.nip AND c.election IS NULL
            WHERE c.case_key IN (SELECT key_a FROM d UNION SELECT key_b FROM d)
        )
        SELECT a.base, b.base
        FROM d JOIN bases a ON a.record_key = d.key_a JOIN bases b ON b.record_key = d.key_b
        WHERE a.base <> b.base
        """
    ).fetchall()
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            # the smaller key is the root, so a case keeps its key however the links were made
            parent[max(ra, rb)] = min(ra, rb)
    return pd.DataFrame([(x, find(x)) for x in list(parent)], columns=["base", "root"], dtype="object")


def rebuild_cases(con: duckdb.DuckDBPyConnection, touched: Touched | None = None) -> None:
    """Record -> case links and one row per case, from the records and the live decisions; then the
    candidate links. With `touched`, only the cases those records can reach are recomputed (the result
    is the same as a full rebuild's); without, all. Runs inside the caller's transaction."""
    if touched is not None and touched.count == 0:
        con.execute("DROP TABLE link_touched")
        return  # no record changed, and the decisions are as they were
    total = int(con.execute("SELECT count(*) FROM cases").fetchall()[0][0])
    full = touched is None or touched.count > FULL_REBUILD_SHARE * total
    if full:
        con.execute("CREATE OR REPLACE TEMP VIEW link_records AS SELECT * FROM cases")
    else:
        con.execute(_SCOPE)
        con.execute(
            "CREATE OR REPLACE TEMP VIEW link_records AS "
            "SELECT c.* FROM cases c SEMI JOIN link_scope s ON s.record_key = c.case_key"
        )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE link_nip_elections AS " + _NIP_ELECTIONS.format(records="link_records")
    )
    con.register("link_roots_frame", _roots(con))
    con.execute("CREATE OR REPLACE TEMP TABLE link_roots AS SELECT * FROM link_roots_frame")
    con.unregister("link_roots_frame")
    con.execute(_BASES)
    if full:
        con.execute("CREATE OR REPLACE TABLE record_cases AS " + _RECORD_CASES)
        con.execute("CREATE OR REPLACE TEMP VIEW link_rc AS SELECT * FROM record_cases")
        con.execute(_MULTI_KEYS)
        con.execute("CREATE OR REPLACE TABLE case_facts AS " + _CASE_FACTS)
        _propose_all(con)
    else:
        # the cases the scope's records were in, and the ones they are in now, are replaced whole
        con.execute(
            "CREATE OR REPLACE TEMP TABLE link_cases AS "
            "SELECT case_key FROM record_cases SEMI JOIN link_scope USING (record_key)"
        )
        con.execute("DELETE FROM record_cases WHERE record_key IN (SELECT record_key FROM link_scope)")
        con.execute("INSERT INTO record_cases BY NAME " + _RECORD_CASES)
        con.execute(
            "CREATE OR REPLACE TEMP VIEW link_rc AS "
            "SELECT * FROM record_cases SEMI JOIN link_scope USING (record_key)"
        )
        con.execute("INSERT INTO link_cases SELECT case_key FROM link_rc")
        con.execute("DELETE FROM case_facts WHERE case_key IN (SELECT case_key FROM link_cases)")
        con.execute(_MULTI_KEYS)
        con.execute("INSERT INTO case_facts BY NAME " + _CASE_FACTS)
        _propose_scoped(con)
    for name in ("link_rc", "link_records"):
        con.execute(f"DROP VIEW {name}")
    for name in (
        "link_nip_elections",
        "link_roots",
        "link_bases",
        "link_multi_keys",
        "link_scope",
        "link_cases",
        "link_touched",
    ):
        con.execute(f"DROP TABLE IF EXISTS {name}")


def _propose_all(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("CREATE OR REPLACE TEMP VIEW link_b AS " + _CANDIDATE.format(records="cases"))
    # the records without a NIP are few: a table, so that the wide view of all records is read once
    con.execute("CREATE OR REPLACE TEMP TABLE link_a AS SELECT * FROM link_b WHERE nip IS NULL")
    con.execute("CREATE OR REPLACE TABLE link_pairs AS " + queries.sql("link_pairs"), _PARAMS)
    con.execute("DROP VIEW link_b")
    con.execute("DROP TABLE link_a")
    _rank(con)


def _propose_scoped(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        "DELETE FROM link_pairs WHERE key_a IN (SELECT record_key FROM link_scope) "
        "OR key_b IN (SELECT record_key FROM link_scope)"
    )
    con.execute(_SCOPE_CANDIDATES)
    con.execute("CREATE OR REPLACE TEMP TABLE link_a AS SELECT * FROM link_s WHERE nip IS NULL")
    con.execute(
        "CREATE OR REPLACE TEMP VIEW link_b AS "
        + _IN_BLOCKS.format(candidates=_CANDIDATE.format(records=_A_PROVINCES), blocks="link_a")
    )
    con.execute("INSERT INTO link_pairs BY NAME " + queries.sql("link_pairs"), _PARAMS)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE link_a AS "
        + _IN_BLOCKS.format(candidates=_CANDIDATE.format(records=_OTHERS_UNNIPPED), blocks="link_s")
    )
    con.execute("CREATE OR REPLACE TEMP VIEW link_b AS SELECT * FROM link_s")
    con.execute("INSERT INTO link_pairs BY NAME " + queries.sql("link_pairs"), _PARAMS)
    con.execute("DROP VIEW link_b")
    con.execute("DROP TABLE link_a")
    con.execute("DROP TABLE link_s")
    _rank(con)


def _rank(con: duckdb.DuckDBPyConnection) -> None:
    """The proposals: each record's few best pairs, except those a live decision settled."""
    con.execute(
        "CREATE OR REPLACE TABLE link_proposals AS " + queries.sql("link_proposals"),
        {"per_record": PER_RECORD},
    )


# -- decisions ------------------------------------------------------------------------------------
def decide(con: duckdb.DuckDBPyConnection, key_a: str, key_b: str, accept: bool, user: str) -> int:
    """Store an analyst's decision on a proposed link, audit it and rebuild the cases; returns its id.
    Runs in the caller's transaction."""
    a, b = sorted((key_a, key_b))
    proposal = con.execute(
        "SELECT score, name_score, same_regency, agency_score, days_apart FROM link_proposals "
        "WHERE key_a = $a AND key_b = $b",
        {"a": a, "b": b},
    ).fetchall()
    if not proposal:
        raise NetralitasError.of("link_not_proposed")
    score, name_score, same_regency, agency_score, days = proposal[0]
    evidence = f"name {name_score}; same regency {same_regency}; agency {agency_score}; days apart {days}"
    decision_id = con.execute("SELECT coalesce(max(decision_id), 0) + 1 FROM link_decisions").fetchall()[0][0]
    con.execute(
        "INSERT INTO link_decisions VALUES ($id, $a, $b, $d, $s, $e, $at, $u, NULL, NULL)",
        {
            "id": decision_id,
            "a": a,
            "b": b,
            "d": "accepted" if accept else "rejected",
            "s": score,
            "e": evidence,
            "at": datetime.now(),
            "u": user,
        },
    )
    audit.record(con, user, "link_accept" if accept else "link_reject", f"{decision_id}: {a} ~ {b} ({score})")
    rebuild_cases(con, Touched.records(con, a, b))
    return int(decision_id)


def undo_decision(con: duckdb.DuckDBPyConnection, decision_id: int, user: str) -> None:
    """Withdraw a decision (the pair may be proposed again); audited; cases rebuilt."""
    row = con.execute(
        "SELECT undone_at, key_a, key_b FROM link_decisions WHERE decision_id = $id", {"id": decision_id}
    ).fetchall()
    if not row or row[0][0] is not None:
        raise NetralitasError.of("link_no_decision", id=decision_id)
    con.execute(
        "UPDATE link_decisions SET undone_at = $at, undone_by = $u WHERE decision_id = $id",
        {"at": datetime.now(), "u": user, "id": decision_id},
    )
    audit.record(con, user, "link_undo", str(decision_id))
    rebuild_cases(con, Touched.records(con, row[0][1], row[0][2]))
