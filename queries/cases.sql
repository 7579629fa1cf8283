-- The case rows in scope for the explorer, newest first, matching $search (see found() in _scope.sql).
-- total_rows counts every matching row, also those past $limit; a separate count is far cheaper than a
-- window over every matching row before the top $limit are taken.
SELECT case_key, case_id, source::VARCHAR AS source, election, phase::VARCHAR AS phase, report_date, incident_date,
       recommendation_date, follow_up_date, province_code, regency_code, agency, agency_type::VARCHAR AS agency_type,
       position::VARCHAR AS position, employee_name, nip, violation_type::VARCHAR AS violation_type,
       origin::VARCHAR AS origin, status::VARCHAR AS status, sanction::VARCHAR AS sanction, record_blocked, batch_id,
       records, sources,
       (SELECT count(*)
        FROM scope($election, $date_from, $date_to, $province, $regency, $agency_type, $position,
                   $violation_type, $status, $source, $agency) m
        WHERE found(m.case_id, m.agency, m.employee_name, m.nip, $search, $personal)) AS total_rows
FROM scope($election, $date_from, $date_to, $province, $regency, $agency_type, $position,
           $violation_type, $status, $source, $agency)
WHERE found(case_id, agency, employee_name, nip, $search, $personal)
ORDER BY case_date DESC, case_id
LIMIT $limit;
