-- The agencies league table: cases, recommendations, follow-up, overdue recommendations, blocked records.
-- Overdue: a recommendation with no follow-up more than $overdue_days days after it was issued (as of $as_of).
SELECT
    coalesce(agency, '') AS key,
    any_value(agency_type)::VARCHAR AS agency_type,
    count(*) AS cases,
    how_many(is_recommended(status)) AS recommendations,
    how_many(is_followed_up(status)) AS followed_up,
    how_many(status = 'rekomendasi' AND recommendation_date IS NOT NULL
             AND recommendation_date + to_days(CAST($overdue_days AS INTEGER)) < $as_of) AS overdue,
    how_many(record_blocked) AS blocked
FROM scope($election, $date_from, $date_to, $province, $regency, $agency_type, $position,
           $violation_type, $status, $source, $agency)
GROUP BY 1
ORDER BY cases DESC, key
LIMIT $limit;
