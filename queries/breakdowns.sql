-- Counts by every dimension the dashboard breaks down, in one pass over the rows (GROUPING SETS).
-- `dim` names the dimension of each row; `key` is its canonical code ('' = tidak diketahui).
SELECT
    CASE
        WHEN grouping(province_code) = 0 THEN 'province'
        WHEN grouping(regency_code) = 0 THEN 'regency'
        WHEN grouping(agency) = 0 THEN 'agency'
        WHEN grouping(election) = 0 THEN 'election'
        WHEN grouping(phase) = 0 THEN 'phase'
        WHEN grouping(violation_type) = 0 THEN 'violation_type'
        WHEN grouping(status) = 0 THEN 'status'
        WHEN grouping(agency_type) = 0 THEN 'agency_type'
        WHEN grouping(position) = 0 THEN 'position'
        WHEN grouping(source) = 0 THEN 'source'
    END AS dim,
    coalesce(province_code, regency_code, agency, election, phase::VARCHAR, violation_type::VARCHAR,
             status::VARCHAR, agency_type::VARCHAR, position::VARCHAR, source::VARCHAR, '') AS key,
    count(*) AS cases,
    how_many(is_violation(status)) AS violations,
    how_many(is_recommended(status)) AS recommendations,
    how_many(is_followed_up(status)) AS followed_up
FROM scope($election, $date_from, $date_to, $province, $regency, $agency_type, $position,
           $violation_type, $status, $source, $agency)
GROUP BY GROUPING SETS ((province_code), (regency_code), (agency), (election), (phase), (violation_type),
                        (status), (agency_type), (position), (source))
ORDER BY dim, cases DESC, key;
