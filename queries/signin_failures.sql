-- Sign-in back-off (netralitas/auth.py): counted failures per name and per source since $since, each
-- counted from its last reset (a successful sign-in, or an administrator lifting the lock).
-- $everyone: all names and sources (the admin page); else only $username and $source.
WITH failed AS (
    SELECT * FROM signin_events WHERE outcome = 'failed' AND happened_at > $since
),
name_reset AS (
    SELECT username, max(happened_at) AS at FROM signin_events
    WHERE outcome IN ('signin', 'lift-name') GROUP BY username
),
source_reset AS (
    SELECT source, max(happened_at) AS at FROM signin_events
    WHERE outcome IN ('signin', 'lift-source') GROUP BY source
)
SELECT 'name' AS kind, f.username AS subject, count(*) AS failures, max(f.happened_at) AS last_failure
FROM failed f LEFT JOIN name_reset r ON r.username = f.username
WHERE f.happened_at > coalesce(r.at, TIMESTAMP '1970-01-01') AND ($everyone OR f.username = $username)
GROUP BY f.username
UNION ALL
SELECT 'source' AS kind, f.source AS subject, count(*) AS failures, max(f.happened_at) AS last_failure
FROM failed f LEFT JOIN source_reset r ON r.source = f.source
WHERE f.happened_at > coalesce(r.at, TIMESTAMP '1970-01-01') AND ($everyone OR f.source = $source)
GROUP BY f.source
ORDER BY last_failure DESC, kind, subject;
