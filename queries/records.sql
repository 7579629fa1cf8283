-- Records per source behind the cases in scope (`summary --json` "records"): a case counts once in
-- every figure; this says how many rows each agency's files hold for those cases.
SELECT c.source::VARCHAR AS source, count(*) AS records
FROM cases c
JOIN record_cases rc ON rc.record_key = c.case_key
WHERE rc.case_key IN (SELECT case_key
                      FROM scope($election, $date_from, $date_to, $province, $regency, $agency_type, $position,
                                 $violation_type, $status, $source, $agency))
  AND (len($source) = 0 OR list_contains($source, c.source::VARCHAR))
GROUP BY c.source
ORDER BY c.source;  -- source_t's order: Bawaslu, KASN, BKN, other
