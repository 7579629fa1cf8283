-- How many case rows the explorer's search selects (the table shows at most $limit of them).
SELECT count(*) AS n
FROM scope($election, $date_from, $date_to, $province, $regency, $agency_type, $position,
           $violation_type, $status, $source, $agency)
WHERE $search = ''
   OR contains(lower(case_id), lower($search))
   OR contains(lower(coalesce(agency, '')), lower($search))
   OR contains(lower(coalesce(employee_name, '')), lower($search))
   OR contains(coalesce(nip, ''), $search);
