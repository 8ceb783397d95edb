-- Failed sign-ins, counted so that checking the allowance and counting the attempt are one step
-- (the same as db/sqlite/V6; see there). On PostgreSQL the row is locked with SELECT ... FOR
-- UPDATE after an INSERT ... ON CONFLICT DO NOTHING, so parallel attempts on several nodes queue.
DROP TABLE login_failure;

CREATE TABLE login_failure (
    scope          TEXT    NOT NULL CHECK (scope IN ('pair', 'client', 'account')),
    subject        TEXT    NOT NULL,
    failures       INTEGER NOT NULL CHECK (failures >= 0),
    last_failed_at TEXT    NOT NULL,
    blocked_until  TEXT,
    PRIMARY KEY (scope, subject)
);
CREATE INDEX login_failure_by_time ON login_failure (last_failed_at);
