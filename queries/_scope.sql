-- The cases a set of filters selects: one row per case (case_facts, rebuilt by every import and undo from
-- the records in `cases`; see netralitas/linking.py), so every figure counts cases, not rows. A case
-- matches a source when any of its records comes from it. Every dashboard query reads `scope(...)` with the same named
-- parameters; an empty list or NULL means "no filter". Stored in the database beside the tables (see
-- Store._install_macros), so a connection needs no setup before its first query.
CREATE OR REPLACE MACRO scope(
    p_election, p_date_from, p_date_to, p_province, p_regency, p_agency_type, p_position,
    p_violation_type, p_status, p_source, p_agency
) AS TABLE
SELECT *
FROM case_facts
WHERE (len(p_election) = 0 OR list_contains(p_election, coalesce(election, '')))
  AND (p_date_from IS NULL OR case_date >= p_date_from)
  AND (p_date_to IS NULL OR case_date <= p_date_to)
  AND (len(p_province) = 0 OR list_contains(p_province, province_code))
  AND (len(p_regency) = 0 OR list_contains(p_regency, coalesce(regency_code, '')))
  AND (len(p_agency_type) = 0 OR list_contains(p_agency_type, coalesce(agency_type::VARCHAR, '')))
  AND (len(p_position) = 0 OR list_contains(p_position, coalesce(position::VARCHAR, '')))
  AND (len(p_violation_type) = 0 OR list_contains(p_violation_type, coalesce(violation_type::VARCHAR, '')))
  AND (len(p_status) = 0 OR list_contains(p_status, coalesce(status::VARCHAR, '')))
  AND (len(p_source) = 0 OR list_has_any(p_source, sources))
  AND (len(p_agency) = 0 OR list_contains(p_agency, coalesce(agency, '')));

-- Stages of a case. status_t lists the stages in funnel order (schema 001; a test keeps it so), so "at
-- least this stage" is one comparison of ENUM positions, several times cheaper than an IN list of labels.
CREATE OR REPLACE MACRO is_processed(s) AS s >= 'diproses'::status_t;
CREATE OR REPLACE MACRO is_violation(s) AS s >= 'pelanggaran'::status_t;
CREATE OR REPLACE MACRO is_recommended(s) AS s >= 'rekomendasi'::status_t;
CREATE OR REPLACE MACRO is_followed_up(s) AS s = 'ditindaklanjuti'::status_t;
-- count_if returns HUGEINT (pandas makes floats of it) and NULL over no rows: counts stay whole numbers.
CREATE OR REPLACE MACRO how_many(condition) AS coalesce(count_if(condition), 0)::BIGINT;

-- The case explorer's search: case number or agency, and name or NIP only when the role may see them
-- (a masked table must not confirm a NIP typed into the search box).
CREATE OR REPLACE MACRO found(case_id, agency, employee_name, nip, q, personal) AS
    q = ''
    OR contains(lower(case_id), lower(q))
    OR contains(lower(coalesce(agency, '')), lower(q))
    OR (personal AND contains(lower(coalesce(employee_name, '')), lower(q)))
    OR (personal AND contains(coalesce(nip, ''), q));
