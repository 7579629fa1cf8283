-- The agencies league table: cases, recommendations, follow-up, overdue recommendations, blocked records,
-- and cases per 1,000 ASN where an ASN headcount for the agency has been uploaded (NULL otherwise).
-- Overdue: a recommendation with no follow-up more than $overdue_days days after it was issued (as of $as_of).
-- A headcount meets an agency by the same key as headcount_matches.sql (case, accents and punctuation
-- ignored); keys are computed on the grouped rows and the uploaded ones, never per case.
WITH league AS (
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
),
asn AS (
    SELECT trim(regexp_replace(lower(strip_accents(code)), '[^0-9a-z]+', ' ', 'g')) AS k,
           max(asn_count) AS asn_count
    FROM headcount
    WHERE level = 'agency'
    GROUP BY 1
)
SELECT
    league.*,
    asn.asn_count,
    league.cases * 1000.0 / asn.asn_count AS cases_per_1000_asn
FROM league
LEFT JOIN asn ON league.key <> ''
    AND asn.k = trim(regexp_replace(lower(strip_accents(league.key)), '[^0-9a-z]+', ' ', 'g'))
ORDER BY cases DESC, key
LIMIT $limit;
