-- The rows a set of filters selects. Every dashboard query reads `scope(...)` with the same named
-- parameters; an empty list or NULL means "no filter". Created as a TEMP macro on each connection.
CREATE OR REPLACE TEMP MACRO scope(
    p_election, p_date_from, p_date_to, p_province, p_regency, p_agency_type, p_position,
    p_violation_type, p_status, p_source, p_agency
) AS TABLE
SELECT *
FROM cases
WHERE (len(p_election) = 0 OR list_contains(p_election, coalesce(election, '')))
  AND (p_date_from IS NULL OR case_date >= p_date_from)
  AND (p_date_to IS NULL OR case_date <= p_date_to)
  AND (len(p_province) = 0 OR list_contains(p_province, province_code))
  AND (len(p_regency) = 0 OR list_contains(p_regency, coalesce(regency_code, '')))
  AND (len(p_agency_type) = 0 OR list_contains(p_agency_type, coalesce(agency_type::VARCHAR, '')))
  AND (len(p_position) = 0 OR list_contains(p_position, coalesce(position::VARCHAR, '')))
  AND (len(p_violation_type) = 0 OR list_contains(p_violation_type, coalesce(violation_type::VARCHAR, '')))
  AND (len(p_status) = 0 OR list_contains(p_status, coalesce(status::VARCHAR, '')))
  AND (len(p_source) = 0 OR list_contains(p_source, source::VARCHAR))
  AND (len(p_agency) = 0 OR list_contains(p_agency, coalesce(agency, '')));
