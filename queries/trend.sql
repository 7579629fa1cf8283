-- Cases per month (by case date) for the trend chart. Grouping on year and month numbers and building
-- the date afterwards is cheaper than date_trunc over every row.
SELECT make_date(y, m, 1) AS month, cases, violations
FROM (
    SELECT year(case_date) AS y, month(case_date) AS m, count(*) AS cases,
           how_many(is_violation(status)) AS violations
    FROM scope($election, $date_from, $date_to, $province, $regency, $agency_type, $position,
               $violation_type, $status, $source, $agency)
    GROUP BY ALL
)
ORDER BY 1;
