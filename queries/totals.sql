-- Headline counts for the filters in effect (KPI cards, `summary --json`).
SELECT
    count(*) AS cases,
    count(*) FILTER (WHERE status IN ('diproses', 'bukan-pelanggaran', 'pelanggaran', 'rekomendasi',
                                      'ditindaklanjuti')) AS processed,
    count(*) FILTER (WHERE status IN ('pelanggaran', 'rekomendasi', 'ditindaklanjuti')) AS violations,
    count(*) FILTER (WHERE status IN ('rekomendasi', 'ditindaklanjuti')) AS recommendations,
    count(*) FILTER (WHERE status = 'ditindaklanjuti') AS followed_up,
    count(*) FILTER (WHERE record_blocked) AS records_blocked,
    median(recommendation_date - report_date) FILTER (WHERE recommendation_date >= report_date) AS days_to_recommendation,
    median(follow_up_date - recommendation_date) FILTER (WHERE follow_up_date >= recommendation_date) AS days_to_follow_up,
    max(case_date) AS latest_case_date
FROM scope($election, $date_from, $date_to, $province, $regency, $agency_type, $position,
           $violation_type, $status, $source, $agency);
