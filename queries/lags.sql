-- Median days between the agencies' steps, per case, grouped by agency or province ($by): Bawaslu's
-- finding/report -> the KASN/BKN recommendation -> the PPK's follow-up, and recommendation -> BKN block.
-- Each wait counts the cases that have both steps (a case still waiting is not a wait yet).
SELECT CASE WHEN $by = 'province' THEN province_code ELSE coalesce(agency, '') END AS key,
       count(*) AS cases,
       median(recommendation_date - coalesce(report_date, incident_date))
           FILTER (WHERE recommendation_date >= coalesce(report_date, incident_date)) AS report_to_recommendation,
       median(follow_up_date - recommendation_date)
           FILTER (WHERE follow_up_date >= recommendation_date) AS recommendation_to_follow_up,
       median(block_date - recommendation_date)
           FILTER (WHERE block_date >= recommendation_date) AS recommendation_to_block,
       count(*) FILTER (WHERE is_recommended(status) AND NOT is_followed_up(status)) AS waiting_follow_up
FROM scope($election, $date_from, $date_to, $province, $regency, $agency_type, $position,
           $violation_type, $status, $source, $agency)
GROUP BY 1
HAVING count(recommendation_date) > 0
ORDER BY recommendation_to_follow_up DESC NULLS LAST, cases DESC, key
LIMIT $limit;
