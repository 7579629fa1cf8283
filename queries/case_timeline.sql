-- One case's steps across agencies, from its records: finding/report, recommendation, follow-up, block
-- and unblock, each with its date and the record's source and number, in date order.
WITH r AS (
    SELECT c.*
    FROM cases c JOIN record_cases rc ON rc.record_key = c.case_key
    WHERE rc.case_key = $case_key
),
steps AS (
    SELECT 'finding' AS step, 1 AS ord, coalesce(report_date, incident_date) AS day, * FROM r
    UNION ALL BY NAME SELECT 'recommendation' AS step, 2 AS ord, recommendation_date AS day, * FROM r
    UNION ALL BY NAME SELECT 'follow_up' AS step, 3 AS ord, follow_up_date AS day, * FROM r
    UNION ALL BY NAME SELECT 'block' AS step, 4 AS ord, block_date AS day, * FROM r
    UNION ALL BY NAME SELECT 'unblock' AS step, 5 AS ord, unblock_date AS day, * FROM r
)
SELECT step, day, source::VARCHAR AS source, case_id, status::VARCHAR AS status, sanction::VARCHAR AS sanction,
       agency, employee_name, nip
FROM steps
WHERE day IS NOT NULL
ORDER BY day, ord, source;
