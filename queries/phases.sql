-- Cases by election and phase, with the phase's length in days (for cases per day, a fair comparison).
WITH counts AS (
    SELECT election, phase::VARCHAR AS phase, count(*) AS cases,
           how_many(is_violation(status)) AS violations
    FROM scope($election, $date_from, $date_to, $province, $regency, $agency_type, $position,
               $violation_type, $status, $source, $agency)
    WHERE election IS NOT NULL
    GROUP BY ALL
)
SELECT c.election, c.phase::VARCHAR AS phase, c.start_date, c.end_date,
       (c.end_date - c.start_date) + 1 AS days,
       coalesce(n.cases, 0) AS cases, coalesce(n.violations, 0) AS violations
FROM calendar c
LEFT JOIN counts n ON n.election = c.election AND n.phase = c.phase::VARCHAR
WHERE c.election IN (SELECT DISTINCT election FROM counts)
ORDER BY c.start_date;
