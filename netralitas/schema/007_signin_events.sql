-- Sign-in back-off by name and by source (#18). One row per counted failure, successful sign-in, or lock
-- lifted by an administrator; the audit log keeps the history for people, this table the arithmetic.
-- source: the attempt's client address and browser (see netralitas/ui/session.py); '' for a lift by name.
CREATE TABLE signin_events (
    happened_at TIMESTAMP NOT NULL,
    username VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    outcome VARCHAR NOT NULL  -- failed | signin | lift-name | lift-source
);
