-- The violation mix by phase: how many cases of each violation type fall in each phase.
SELECT coalesce(phase::VARCHAR, '') AS phase, coalesce(violation_type::VARCHAR, '') AS violation_type,
       count(*) AS cases
FROM scope($election, $date_from, $date_to, $province, $regency, $agency_type, $position,
           $violation_type, $status, $source, $agency)
GROUP BY ALL;
