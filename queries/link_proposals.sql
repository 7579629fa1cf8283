-- The proposals an analyst reviews (netralitas/linking.py writes them to link_proposals): the few best
-- of each record's scored pairs (link_pairs, queries/link_pairs.sql), except pairs a live decision
-- settled.
WITH best AS (
    -- a reviewer needs the few best candidates of a record, not every homonym of a province
    SELECT *, row_number() OVER (PARTITION BY key_a ORDER BY score DESC, key_b) AS nth
    FROM link_pairs
)
SELECT least(key_a, key_b) AS key_a, greatest(key_a, key_b) AS key_b, election, round(score, 3) AS score,
       round(name_score, 3) AS name_score, same_regency, round(agency_score, 3) AS agency_score,
       days_apart::INTEGER AS days_apart
FROM best
WHERE nth <= $per_record
  AND NOT EXISTS (SELECT 1 FROM link_decisions d
                  WHERE d.undone_at IS NULL AND d.key_a = least(best.key_a, best.key_b)
                    AND d.key_b = greatest(best.key_a, best.key_b))
