-- PostgreSQL twin of db/sqlite/V5__change_feed.sql: the change feed every app node applies, in
-- commit order, to its own search index.
--
-- The rule that makes the order the commit order: change ids come from the one row of change_head,
-- which a writer increments as the last thing it does before committing. The row stays locked until
-- the writer commits (or rolls back, and then the increment is undone too), so ids are handed out in
-- commit order and without gaps. A reader applies change last+1, last+2, ... and stops at the first
-- id it cannot see yet: it can never step over a change that is still in flight.

CREATE TABLE change_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    last BIGINT  NOT NULL CHECK (last >= 0),
    feed TEXT    COLLATE "C" NOT NULL
);
INSERT INTO change_head (id, last, feed) VALUES (1, 0, md5(random()::text || clock_timestamp()::text));

CREATE TABLE change (
    id          BIGINT PRIMARY KEY,
    document_id BIGINT NOT NULL REFERENCES document (id),
    changed_at  TEXT   COLLATE "C" NOT NULL
);
