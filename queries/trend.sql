-- Cases per month (by case date) for the trend chart.
SELECT date_trunc('month', case_date)::DATE AS month, count(*) AS cases,
       count(*) FILTER (WHERE status IN ('pelanggaran', 'rekomendasi', 'ditindaklanjuti')) AS violations
FROM scope($election, $date_from, $date_to, $province, $regency, $agency_type, $position,
           $violation_type, $status, $source, $agency)
GROUP BY 1
ORDER BY 1;
