-- The audit log for the admin page, newest first; $action and $username filter when not empty.
SELECT happened_at, username, action, detail, batch_id
FROM audit_log
WHERE ($action = '' OR action = $action)
  AND ($username = '' OR username = $username)
ORDER BY happened_at DESC
LIMIT $limit;
