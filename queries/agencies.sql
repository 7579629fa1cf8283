-- The agencies league table: cases, recommendations, follow-up, overdue recommendations, blocked records.
-- Overdue: a recommendation with no follow-up more than $overdue_days days after it was issued (as of $as_of).
SELECT
    coalesce(agency, '') AS key,
    any_value(agency_type)::VARCHAR AS agency_type,
    count(*) AS cases,
    count(*) FILTER (WHERE status IN ('rekomendasi', 'ditindaklanjuti')) AS recommendations,
    count(*) FILTER (WHERE status = 'ditindaklanjuti') AS followed_up,
    count(*) FILTER (WHERE status = 'rekomendasi' AND recommendation_date IS NOT NULL
                     AND recommendation_date + to_days(CAST($overdue_days AS INTEGER)) < $as_of) AS overdue,
    count(*) FILTER (WHERE record_blocked) AS blocked
FROM scope($election, $date_from, $date_to, $province, $regency, $agency_type, $position,
           $violation_type, $status, $source, $agency)
GROUP BY 1
ORDER BY cases DESC, key
LIMIT $limit;
