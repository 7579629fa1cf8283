-- Stored link decisions, newest first, with whether each is still in effect.
SELECT decision_id, key_a, key_b, decision, score, evidence, decided_at, decided_by, undone_at, undone_by
FROM link_decisions
ORDER BY decision_id DESC
LIMIT $limit;
