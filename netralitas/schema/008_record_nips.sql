-- Schema version 8: record_cases keeps each record's NIP as it was when linked, so an import or undo
-- recomputes only the cases its records can reach (netralitas/linking.py, the records of a changed
-- record's NIP) instead of every case.
ALTER TABLE record_cases ADD COLUMN IF NOT EXISTS nip VARCHAR;
UPDATE record_cases SET nip = c.nip FROM cases c WHERE c.case_key = record_cases.record_key;
