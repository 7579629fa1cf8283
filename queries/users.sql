-- Users for the admin page (never the password hashes).
SELECT username, role, created_at, disabled FROM users ORDER BY username;
