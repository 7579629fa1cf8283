-- The review page: each proposed link with the evidence and both records as their sources wrote them.
SELECT p.key_a, p.key_b, p.score, p.name_score, p.same_regency, p.agency_score, p.days_apart,
       a.source::VARCHAR AS source_a, a.case_id AS case_id_a, a.employee_name AS employee_name_a, a.nip AS nip_a,
       a.agency AS agency_a, a.case_date AS date_a,
       b.source::VARCHAR AS source_b, b.case_id AS case_id_b, b.employee_name AS employee_name_b, b.nip AS nip_b,
       b.agency AS agency_b, b.case_date AS date_b
FROM link_proposals p
JOIN cases a ON a.case_key = p.key_a
JOIN cases b ON b.case_key = p.key_b
ORDER BY p.score DESC, p.key_a, p.key_b
LIMIT $limit;
