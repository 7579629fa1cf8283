-- Schema version 2: records and cases (issue #14). `cases` stays the record table (one row per imported
-- row of a source, key = source | case_id | person); the tables below link records into cases, one case
-- per person and election, and hold one row per case for every dashboard figure (queries/_scope.sql).

-- What a record's file said about blocking, and which kind of file it came from.
ALTER TABLE cases ADD COLUMN block_date DATE;
ALTER TABLE cases ADD COLUMN unblock_date DATE;
ALTER TABLE cases ADD COLUMN file_kind VARCHAR;
ALTER TABLE case_history ADD COLUMN block_date DATE;
ALTER TABLE case_history ADD COLUMN unblock_date DATE;
ALTER TABLE case_history ADD COLUMN file_kind VARCHAR;

-- The kind an import detected (or the analyst chose) and why; one row per batch.
CREATE TABLE batch_kinds (
    batch_id INTEGER PRIMARY KEY,
    kind VARCHAR NOT NULL,
    chosen BOOLEAN NOT NULL,        -- true: the analyst chose it (--kind, upload page)
    reason_id VARCHAR NOT NULL,
    reason_en VARCHAR NOT NULL
);

-- An analyst's decision on a proposed link between two records without an equal NIP (key_a < key_b).
-- Undoing a decision sets undone_at; the row stays, so the audit trail is complete.
CREATE TABLE link_decisions (
    decision_id INTEGER PRIMARY KEY,
    key_a VARCHAR NOT NULL,
    key_b VARCHAR NOT NULL,
    decision VARCHAR NOT NULL,      -- 'accepted' or 'rejected'
    score DOUBLE,
    evidence VARCHAR,
    decided_at TIMESTAMP NOT NULL,
    decided_by VARCHAR NOT NULL,
    undone_at TIMESTAMP,
    undone_by VARCHAR
);

-- Candidate links, recomputed by every import and undo (netralitas/linking.py): only pairs that no
-- equal NIP already links and that no live decision settled.
CREATE TABLE link_proposals (
    key_a VARCHAR NOT NULL,
    key_b VARCHAR NOT NULL,
    election VARCHAR,
    score DOUBLE NOT NULL,
    name_score DOUBLE NOT NULL,
    same_regency BOOLEAN,
    agency_score DOUBLE,
    days_apart INTEGER
);

-- Record -> case, rebuilt in the import/undo/decision transaction. how: 'nip' (equal NIP, same election),
-- 'accepted' (an analyst's link), 'own' (the record alone).
CREATE TABLE record_cases (
    record_key VARCHAR NOT NULL,
    case_key VARCHAR NOT NULL,
    how VARCHAR NOT NULL
);

-- One row per case, in the columns of a record (so every query of `scope(...)` counts cases): the
-- furthest status, the earliest dates, what the primary record (Bawaslu first) says, and records per source.
CREATE TABLE case_facts AS
SELECT case_key, source, case_id, case_id_derived, election, phase, report_date, incident_date,
       recommendation_date, follow_up_date, case_date, province_code, regency_code, agency, agency_type,
       position, employee_name, nip, violation_type, origin, status, sanction, record_blocked, batch_id,
       source_row, block_date, unblock_date, file_kind,
       CAST(0 AS INTEGER) AS records, CAST([] AS VARCHAR[]) AS sources,
       CAST(0 AS INTEGER) AS bawaslu_records, CAST(0 AS INTEGER) AS kasn_records,
       CAST(0 AS INTEGER) AS bkn_records, CAST(0 AS INTEGER) AS other_records
FROM cases WHERE false;
