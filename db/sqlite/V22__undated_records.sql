-- A document may be undated ("n.d.", "undated"): its date's key and precision are then both NULL,
-- on the record and on each of its versions, so that history and a restored version keep it.
-- A date is whole or absent: key and precision both or neither; an undated record has no span's
-- end and is not approximate (there is no "ca." of no date).
--
-- SQLite cannot drop a NOT NULL constraint, so `document` and `revision` are rebuilt by the
-- procedure of https://www.sqlite.org/lang_altertable.html#otheralter (foreign keys off, new table,
-- copy, drop, rename, indexes and triggers again, commit). Every row keeps its id, so every foreign
-- key that held still holds (the migration's test runs foreign_key_check). Foreign keys cannot
-- be switched off inside a transaction, and with them on the DROP of a table other tables refer to
-- fails at commit, so this script runs outside Flyway's transaction (V22__undated_records.sql.conf)
-- and opens its own with SAVEPOINT (Flyway's parser cannot read 'BEGIN IMMEDIATE;': tried), whose
-- first statement writes, so that it takes the write lock at once, as the catalogue's writers do.
-- Should it fail, the database closes the connection, which rolls the savepoint back whole.
-- Every column stays where it was, with its CHECKs and foreign keys; AUTOINCREMENT's high-water
-- mark is carried over, so that an id handed out once (a record since removed) is never reused.
PRAGMA foreign_keys = OFF;
SAVEPOINT undated_records;

CREATE TABLE document_new (
    -- AUTOINCREMENT: an id is never handed out again, even after the highest record is removed.
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    title              TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    summary            TEXT    NOT NULL DEFAULT '',   -- paragraphs separated by one blank line
    -- NULL for an undated record (with date_precision)
    date_key           TEXT    CHECK (date_key GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    date_precision     TEXT    CHECK (date_precision IN ('day', 'month', 'year')),
    type_id            INTEGER REFERENCES document_type (id),
    sort_title         TEXT    NOT NULL,
    slug               TEXT    NOT NULL,
    version            INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    withdrawn_at       TEXT,
    withdrawn_reason   TEXT,
    created_at         TEXT    NOT NULL,
    updated_at         TEXT    NOT NULL,
    languages          TEXT    NOT NULL DEFAULT '',
    date_circa         BOOLEAN NOT NULL DEFAULT FALSE CHECK (date_circa IN (0, 1)),
    date_end_key       TEXT
        CHECK (date_end_key GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date_end_key > date_key),
    date_end_precision TEXT
        CHECK (date_end_precision IN ('day', 'month', 'year') AND (date_end_precision IS NULL) = (date_end_key IS NULL)),
    CHECK ((withdrawn_at IS NULL) = (withdrawn_reason IS NULL)),
    CHECK ((date_key IS NULL) = (date_precision IS NULL)),
    CHECK (date_key IS NOT NULL OR (date_end_key IS NULL AND date_circa = 0))
);
INSERT INTO document_new (id, title, summary, date_key, date_precision, type_id, sort_title, slug, version,
                          withdrawn_at, withdrawn_reason, created_at, updated_at, languages, date_circa,
                          date_end_key, date_end_precision)
SELECT id, title, summary, date_key, date_precision, type_id, sort_title, slug, version,
       withdrawn_at, withdrawn_reason, created_at, updated_at, languages, date_circa,
       date_end_key, date_end_precision
  FROM document;
DELETE FROM sqlite_sequence WHERE name = 'document_new';
INSERT INTO sqlite_sequence (name, seq) SELECT 'document_new', seq FROM sqlite_sequence WHERE name = 'document';
DROP TABLE document;
ALTER TABLE document_new RENAME TO document;

CREATE INDEX document_by_update ON document (updated_at, id);
CREATE INDEX document_live_by_date ON document (date_key, id) WHERE withdrawn_at IS NULL;
CREATE INDEX document_live_by_title ON document (sort_title, id) WHERE withdrawn_at IS NULL;
CREATE INDEX document_live_by_id ON document (id, updated_at) WHERE withdrawn_at IS NULL;
CREATE INDEX document_withdrawn ON document (withdrawn_at, id, date_key) WHERE withdrawn_at IS NOT NULL;
CREATE INDEX document_by_type ON document (type_id, updated_at, id);

CREATE TRIGGER document_count_on_insert AFTER INSERT ON document WHEN new.withdrawn_at IS NULL
BEGIN
    UPDATE document_count SET live = live + 1 WHERE id = 1;
END;
CREATE TRIGGER document_count_on_withdraw AFTER UPDATE OF withdrawn_at ON document
    WHEN old.withdrawn_at IS NULL AND new.withdrawn_at IS NOT NULL
BEGIN
    UPDATE document_count SET live = live - 1 WHERE id = 1;
END;
CREATE TRIGGER document_count_on_reinstate AFTER UPDATE OF withdrawn_at ON document
    WHEN old.withdrawn_at IS NOT NULL AND new.withdrawn_at IS NULL
BEGIN
    UPDATE document_count SET live = live + 1 WHERE id = 1;
END;
CREATE TRIGGER document_count_on_delete AFTER DELETE ON document WHEN old.withdrawn_at IS NULL
BEGIN
    UPDATE document_count SET live = live - 1 WHERE id = 1;
END;

CREATE TABLE revision_new (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT, -- global order of changes
    document_id        INTEGER NOT NULL REFERENCES document (id),
    number             INTEGER NOT NULL CHECK (number >= 1),
    created_at         TEXT    NOT NULL,
    author             TEXT    NOT NULL,   -- an editor's username, or 'import'
    note               TEXT    NOT NULL,
    source             TEXT,               -- for imports: 'file:line'
    title              TEXT    NOT NULL,
    summary            TEXT    NOT NULL,
    date_key           TEXT,               -- NULL for an undated version (with date_precision)
    date_precision     TEXT,
    type_id            INTEGER REFERENCES document_type (id),
    slug               TEXT    NOT NULL,
    withdrawn_reason   TEXT,               -- set when this version withdrew the record
    languages          TEXT    NOT NULL DEFAULT '',
    date_circa         BOOLEAN NOT NULL DEFAULT FALSE CHECK (date_circa IN (0, 1)),
    date_end_key       TEXT,
    date_end_precision TEXT,
    UNIQUE (document_id, number),
    CHECK ((date_key IS NULL) = (date_precision IS NULL)),
    CHECK (date_key IS NOT NULL OR (date_end_key IS NULL AND date_circa = 0))
);
INSERT INTO revision_new (id, document_id, number, created_at, author, note, source, title, summary, date_key,
                          date_precision, type_id, slug, withdrawn_reason, languages, date_circa, date_end_key,
                          date_end_precision)
SELECT id, document_id, number, created_at, author, note, source, title, summary, date_key,
       date_precision, type_id, slug, withdrawn_reason, languages, date_circa, date_end_key,
       date_end_precision
  FROM revision;
DELETE FROM sqlite_sequence WHERE name = 'revision_new';
INSERT INTO sqlite_sequence (name, seq) SELECT 'revision_new', seq FROM sqlite_sequence WHERE name = 'revision';
DROP TABLE revision;
ALTER TABLE revision_new RENAME TO revision;

CREATE INDEX revision_by_time ON revision (created_at, id);

RELEASE undated_records;
PRAGMA foreign_keys = ON;
