-- Headline counts for the filters in effect (KPI cards, `summary --json`).
WITH counts AS (
    SELECT
        count(*) AS cases,
        how_many(is_processed(status)) AS processed,
        how_many(is_violation(status)) AS violations,
        how_many(is_recommended(status)) AS recommendations,
        how_many(is_followed_up(status)) AS followed_up,
        how_many(record_blocked) AS records_blocked,
        max(case_date) AS latest_case_date
    FROM scope($election, $date_from, $date_to, $province, $regency, $agency_type, $position,
               $violation_type, $status, $source, $agency)
),
-- Median waits in whole days, from a frequency table of the waits: the same value median() gives
-- (the mean of the two middle values when the count is even), at half the cost over a million rows.
waits AS (
    SELECT 'recommendation' AS wait, recommendation_date - report_date AS days, count(*) AS n
    FROM scope($election, $date_from, $date_to, $province, $regency, $agency_type, $position,
               $violation_type, $status, $source, $agency)
    WHERE recommendation_date >= report_date
    GROUP BY ALL
    UNION ALL
    SELECT 'follow_up', follow_up_date - recommendation_date, count(*)
    FROM scope($election, $date_from, $date_to, $province, $regency, $agency_type, $position,
               $violation_type, $status, $source, $agency)
    WHERE follow_up_date >= recommendation_date
    GROUP BY ALL
),
running AS (
    SELECT wait, days, sum(n) OVER (PARTITION BY wait ORDER BY days) AS upto, sum(n) OVER (PARTITION BY wait) AS total
    FROM waits
),
medians AS (
    SELECT wait,
           (min(days) FILTER (WHERE upto >= (total + 1) // 2) + min(days) FILTER (WHERE upto >= total // 2 + 1)) / 2
               AS days
    FROM running
    GROUP BY wait
)
SELECT counts.cases, counts.processed, counts.violations, counts.recommendations, counts.followed_up,
       counts.records_blocked,
       (SELECT days FROM medians WHERE wait = 'recommendation') AS days_to_recommendation,
       (SELECT days FROM medians WHERE wait = 'follow_up') AS days_to_follow_up,
       counts.latest_case_date
FROM counts;
