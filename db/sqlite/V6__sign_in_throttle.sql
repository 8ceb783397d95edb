-- Failed sign-ins, counted so that checking the allowance and counting the attempt are one step.
--
-- An attempt is counted *before* its password is checked (in the same transaction that finds it
-- still allowed), and uncounted when the password proves right, so that parallel guesses can
-- never all be checked against the same free allowance. Three scopes:
--   'pair'    an account name from one client address: a few free, then waits that double;
--   'client'  one client address, whatever names it tries: more free, then waits that double;
--   'account' an account name from every address: never blocks (that would let anyone lock an
--             editor out), past a ceiling it only adds a short delay to every attempt.
-- The old per-account lock-out rows mean something else now; failed sign-ins are short-lived,
-- so the table simply starts again.
DROP TABLE login_failure;

CREATE TABLE login_failure (
    scope          TEXT    NOT NULL CHECK (scope IN ('pair', 'client', 'account')),
    subject        TEXT    NOT NULL,          -- 'name address', the address, or the name (lower case)
    failures       INTEGER NOT NULL CHECK (failures >= 0),
    last_failed_at TEXT    NOT NULL,
    blocked_until  TEXT,                      -- no attempt is checked before this instant
    PRIMARY KEY (scope, subject)
);
CREATE INDEX login_failure_by_time ON login_failure (last_failed_at);
