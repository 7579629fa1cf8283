-- IKP scores an analyst uploaded for one election and level (netralitas/ikp.py), with who and when.
SELECT code AS key, score, updated_at, updated_by
FROM ikp
WHERE election = $ikp_election AND level = $ikp_level
ORDER BY code;
