-- The case rows in scope for the explorer, newest first; $search matches case number, agency, name or NIP.
-- total_rows counts every matching row, also those past $limit. Names and NIP are searched only when
-- $personal (the role may see them): a masked table must not confirm a NIP typed into the search box.
SELECT case_id, source::VARCHAR AS source, election, phase::VARCHAR AS phase, report_date, incident_date,
       recommendation_date, follow_up_date, province_code, regency_code, agency, agency_type::VARCHAR AS agency_type,
       position::VARCHAR AS position, employee_name, nip, violation_type::VARCHAR AS violation_type,
       origin::VARCHAR AS origin, status::VARCHAR AS status, sanction::VARCHAR AS sanction, record_blocked, batch_id,
       count(*) OVER () AS total_rows
FROM scope($election, $date_from, $date_to, $province, $regency, $agency_type, $position,
           $violation_type, $status, $source, $agency)
WHERE $search = ''
   OR contains(lower(case_id), lower($search))
   OR contains(lower(coalesce(agency, '')), lower($search))
   OR ($personal AND contains(lower(coalesce(employee_name, '')), lower($search)))
   OR ($personal AND contains(coalesce(nip, ''), $search))
ORDER BY case_date DESC, case_id
LIMIT $limit;
