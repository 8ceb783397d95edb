-- The change feed: every write that changes what the search index holds (a record saved, imported,
-- withdrawn, reinstated, restored, generated) adds one row per changed record, in the same
-- transaction. Each app node applies the feed, in order, to its own search index.
--
-- The rule that makes the order the commit order: change ids come from the one row of change_head,
-- which a writer increments as the last thing it does before committing. The row stays locked until
-- the writer commits (or rolls back, and then the increment is undone too), so ids are handed out in
-- commit order and without gaps. A reader applies change last+1, last+2, ... and stops at the first
-- id it cannot see yet: it can never step over a change that is still in flight.

CREATE TABLE change_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    last INTEGER NOT NULL CHECK (last >= 0),    -- the newest change id handed out
    feed TEXT    NOT NULL                       -- names this feed: an index kept from another database is rebuilt
);
INSERT INTO change_head (id, last, feed) VALUES (1, 0, lower(hex(randomblob(16))));

CREATE TABLE change (
    id          INTEGER PRIMARY KEY,            -- from change_head: gapless, in commit order
    document_id INTEGER NOT NULL REFERENCES document (id),
    changed_at  TEXT    NOT NULL
);
