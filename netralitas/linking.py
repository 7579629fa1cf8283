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
by election, province and the name's first letter, so the work grows with the records of one block.
"""

from __future__ import annotations

from datetime import datetime

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

_BASES = """
CREATE OR REPLACE TEMP TABLE link_bases AS
WITH nip_elections AS (
    -- only for NIPs that some record holds without an election: the rest need no lookup
    SELECT nip, min(election) AS election, count(DISTINCT election) AS n
    FROM cases
    WHERE election IS NOT NULL
      AND nip IN (SELECT nip FROM cases WHERE election IS NULL AND nip IS NOT NULL)
    GROUP BY nip
)
SELECT c.case_key AS record_key,
       CASE WHEN c.nip IS NOT NULL
            THEN 'nip|' || coalesce(c.election, CASE WHEN ne.n = 1 THEN ne.election END, '?') || '|' || c.nip
            ELSE 'rec|' || c.case_key END AS base
FROM cases c LEFT JOIN nip_elections ne ON ne.nip = c.nip AND c.election IS NULL
"""

# how: what made the record's case key; whether other records share it shows in case_facts.records.
_RECORD_CASES = """
CREATE OR REPLACE TABLE record_cases AS
SELECT b.record_key, coalesce(m.root, b.base) AS case_key,
       CASE WHEN m.root IS NOT NULL THEN 'accepted' WHEN b.base LIKE 'nip|%' THEN 'nip' ELSE 'own' END AS how
FROM link_bases b LEFT JOIN link_roots m ON m.base = b.base
"""

# Most cases have one record: those rows are copied as they are (no aggregate per column, which cost
# minutes over a million cases); only cases of several records are aggregated. The primary record of a
# case: Bawaslu first (source_t's order), then the earliest, then by key.
_CASE_FACTS = """
CREATE OR REPLACE TABLE case_facts AS
WITH sizes AS (
    SELECT case_key, count(*) AS n FROM record_cases GROUP BY case_key
),
multi AS (
    SELECT c.*, rc.case_key AS person_case,
           row_number() OVER (PARTITION BY rc.case_key ORDER BY c.source, c.case_date, c.case_key) AS rank
    FROM cases c
    JOIN record_cases rc ON rc.record_key = c.case_key
    WHERE rc.case_key IN (SELECT case_key FROM sizes WHERE n > 1)
)
SELECT rc.case_key, c.* EXCLUDE (case_key),
       1 AS records, [c.source::VARCHAR] AS sources,
       (c.source = 'bawaslu')::INTEGER AS bawaslu_records, (c.source = 'kasn')::INTEGER AS kasn_records,
       (c.source = 'bkn')::INTEGER AS bkn_records, (c.source = 'other')::INTEGER AS other_records
FROM cases c
JOIN record_cases rc ON rc.record_key = c.case_key
WHERE rc.case_key NOT IN (SELECT case_key FROM sizes WHERE n > 1)
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
       arg_max(sanction, {'st': status, 'd': coalesce(follow_up_date, recommendation_date, case_date)}) AS sanction,
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


def _roots(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """base -> root for the bases that accepted links join (union-find over the live accepted links:
    few, since an analyst decided each one)."""
    pairs = con.execute(
        """
        SELECT a.base, b.base
        FROM link_decisions d
        JOIN link_bases a ON a.record_key = d.key_a
        JOIN link_bases b ON b.record_key = d.key_b
        WHERE d.decision = 'accepted' AND d.undone_at IS NULL AND a.base <> b.base
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


def rebuild_cases(con: duckdb.DuckDBPyConnection) -> None:
    """Record -> case links and one row per case, from the records and the live decisions; then the
    candidate links. Runs inside the caller's transaction."""
    con.execute(_BASES)
    roots = _roots(con)
    con.register("link_roots_frame", roots)
    con.execute("CREATE OR REPLACE TEMP TABLE link_roots AS SELECT * FROM link_roots_frame")
    con.unregister("link_roots_frame")
    con.execute(_RECORD_CASES)
    con.execute(_CASE_FACTS)
    propose(con)
    con.execute("DROP TABLE link_bases")
    con.execute("DROP TABLE link_roots")


def propose(con: duckdb.DuckDBPyConnection) -> None:
    """Candidate links for records without a NIP: pairs in the same election and province whose names
    are alike, not already in one case, not settled by a live decision; scored from the evidence."""
    con.execute(
        "CREATE OR REPLACE TABLE link_proposals AS " + queries.sql("link_proposals"),
        {
            "w_name": WEIGHTS["name"],
            "w_regency": WEIGHTS["regency"],
            "w_agency": WEIGHTS["agency"],
            "w_days": WEIGHTS["days"],
            "max_days": MAX_DAYS_APART,
            "name_floor": NAME_FLOOR,
            "min_score": PROPOSAL_SCORE,
            "agency_floor": AGENCY_FLOOR,
            "per_record": PER_RECORD,
        },
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
    rebuild_cases(con)
    return int(decision_id)


def undo_decision(con: duckdb.DuckDBPyConnection, decision_id: int, user: str) -> None:
    """Withdraw a decision (the pair may be proposed again); audited; cases rebuilt."""
    row = con.execute(
        "SELECT undone_at FROM link_decisions WHERE decision_id = $id", {"id": decision_id}
    ).fetchall()
    if not row or row[0][0] is not None:
        raise NetralitasError.of("link_no_decision", id=decision_id)
    con.execute(
        "UPDATE link_decisions SET undone_at = $at, undone_by = $u WHERE decision_id = $id",
        {"at": datetime.now(), "u": user, "id": decision_id},
    )
    audit.record(con, user, "link_undo", str(decision_id))
    rebuild_cases(con)
