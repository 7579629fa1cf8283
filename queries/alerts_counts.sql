-- Early warning (netralitas/alerts.py): cases per province and regency of one season up to one date, with
-- the latest case date. Run once for the election in progress and once for the previous one of the same
-- kind, each with its own `election` and `date_to` (the aligned cut-off).
SELECT province_code, regency_code, count(*) AS cases, max(case_date) AS latest_case_date
FROM scope($election, $date_from, $date_to, $province, $regency, $agency_type, $position,
           $violation_type, $status, $source, $agency)
GROUP BY ALL
ORDER BY ALL;
