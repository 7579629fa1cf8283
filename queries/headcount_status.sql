-- Stored ASN headcounts per level ('province', 'agency'): how many rows, and when they were last replaced.
SELECT level, count(*) AS rows, max(updated_at) AS updated_at
FROM headcount
GROUP BY level
ORDER BY level;
