-- Schema version 8: record_cases keeps each record's NIP as it was when linked, so an import or undo
-- recomputes only the cases its records can reach (netralitas/linking.py, the records of a changed
-- record's NIP) instead of every case. The full rebuild that follows this migration (store.py) fills it.
ALTER TABLE record_cases ADD COLUMN IF NOT EXISTS nip VARCHAR;

-- Every scored candidate pair (queries/link_pairs.sql), not only each record's few best: a change forms
-- again only its own records' pairs, and the proposals are ranked from these (netralitas/linking.py).
-- Filled by the same rebuild.
-- Same columns as link_proposals (unrounded); the rebuild's CREATE OR REPLACE gives it its exact types.
CREATE TABLE IF NOT EXISTS link_pairs AS SELECT * FROM link_proposals WHERE false;
