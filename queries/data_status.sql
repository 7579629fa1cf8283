-- What the store holds: rows from sample batches and from real imports, and when data last changed.
SELECT
    count(*) FILTER (WHERE b.is_sample) AS sample_rows,
    count(*) FILTER (WHERE NOT b.is_sample) AS real_rows,
    (SELECT max(created_at) FROM batches WHERE undone_at IS NULL AND NOT is_sample) AS latest_import
FROM cases c
JOIN batches b USING (batch_id);
