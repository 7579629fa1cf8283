-- The data-quality list: cases in scope whose sources disagree, one row per case and issue.
-- not_violation: Bawaslu decided "bukan pelanggaran" while a recommendation exists;
-- sanctions: two recommendation records carry different sanctions;
-- block_without_recommendation: a block record exists and no record reached "rekomendasi".
WITH s AS (
    SELECT case_key, case_id, election, province_code, agency, employee_name, nip
    FROM scope($election, $date_from, $date_to, $province, $regency, $agency_type, $position,
               $violation_type, $status, $source, $agency)
),
r AS (
    SELECT rc.case_key, c.source, c.status, c.sanction, c.record_blocked, c.file_kind
    FROM cases c JOIN record_cases rc ON rc.record_key = c.case_key
    WHERE rc.case_key IN (SELECT case_key FROM s)
),
issues AS (
    SELECT case_key,
           bool_or(source = 'bawaslu' AND status = 'bukan-pelanggaran') AND bool_or(is_recommended(status))
               AS not_violation,
           count(DISTINCT sanction) FILTER (WHERE is_recommended(status)) > 1 AS sanctions,
           bool_or(record_blocked) AND NOT coalesce(bool_or(is_recommended(status)), false)
               AS block_without_recommendation,
           string_agg(DISTINCT sanction::VARCHAR, ', ' ORDER BY sanction::VARCHAR)
               FILTER (WHERE is_recommended(status)) AS sanctions_seen
    FROM r
    GROUP BY case_key
)
SELECT s.*, i.issue, i.sanctions_seen
FROM s
JOIN (
    SELECT case_key, 'not_violation' AS issue, sanctions_seen FROM issues WHERE not_violation
    UNION ALL
    SELECT case_key, 'sanctions', sanctions_seen FROM issues WHERE sanctions
    UNION ALL
    SELECT case_key, 'block_without_recommendation', sanctions_seen FROM issues WHERE block_without_recommendation
) i USING (case_key)
ORDER BY i.issue, s.case_id
LIMIT $limit;
