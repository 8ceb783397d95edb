-- Editors' accounts, their sessions and the record of failed sign-ins. All of it lives in the
-- database rather than in a server's memory, so that several app nodes can share it.
--
-- Timestamps are ISO-8601 instants in UTC ('2026-11-23T10:15:30Z'), which sort as text.

CREATE TABLE account (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    -- Lower case letters, digits, '.', '_' and '-': it is what revisions name as their author.
    username      TEXT    NOT NULL UNIQUE,
    password_hash TEXT    NOT NULL,           -- bcrypt, '$2a$12$...'; never the password itself
    role          TEXT    NOT NULL CHECK (role IN ('editor', 'admin')),
    -- A disabled account cannot sign in. Accounts are never deleted: revisions keep naming them.
    disabled_at   TEXT,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
);

-- A signed-in browser. The cookie holds a random token; only its SHA-256 is stored, so that
-- reading this table does not hand out sessions.
CREATE TABLE account_session (
    token_hash   TEXT    PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES account (id),
    csrf_token   TEXT    NOT NULL,            -- what every form of this session must send back
    created_at   TEXT    NOT NULL,
    last_seen_at TEXT    NOT NULL,
    expires_at   TEXT    NOT NULL              -- the earlier of idle and absolute expiry
);
CREATE INDEX account_session_by_account ON account_session (account_id);
CREATE INDEX account_session_by_expiry ON account_session (expires_at);

-- Failed sign-ins, counted per account name and per client address. Past a few free failures,
-- each further one makes the next attempt wait longer; a success clears the count.
CREATE TABLE login_failure (
    scope          TEXT    NOT NULL CHECK (scope IN ('account', 'client')),
    subject        TEXT    NOT NULL,          -- the username as typed (lower case), or the address
    failures       INTEGER NOT NULL CHECK (failures >= 1),
    last_failed_at TEXT    NOT NULL,
    blocked_until  TEXT,                      -- no attempt is checked before this instant
    PRIMARY KEY (scope, subject)
);
CREATE INDEX login_failure_by_time ON login_failure (last_failed_at);
