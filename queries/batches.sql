-- Upload history, newest first, with whether a newer batch replaced rows of each (undo it first).
SELECT b.*, (SELECT count(*) FROM case_history h WHERE h.batch_id = b.batch_id) AS rows_replaced_later
FROM batches b
ORDER BY b.batch_id DESC;
