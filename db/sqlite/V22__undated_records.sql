-- A document may be undated ("n.d.", "undated"): its date's key and precision are then both NULL,
-- on the record and on each of its versions, so that history and a restored version keep it.
-- A date is whole or absent: key and precision both or neither; an undated record has no span's
-- end and is not approximate (there is no "ca." of no date).
--
-- SQLite cannot drop a NOT NULL constraint with ALTER TABLE. Its documentation gives two ways
-- (https://www.sqlite.org/lang_altertable.html#otheralter): rebuilding the table, or, for removing
-- NOT NULL constraints, writing the table's new definition into the schema, which changes no row.
-- The second is used: a rebuild copies every row (25-61 s and 0.6 GB more file at a million
-- records), cannot run inside Flyway's transaction with foreign keys on (the DROP of a table others
-- refer to fails at its commit), and outside a transaction two processes migrating one file at
-- once both ran it. Here the whole change is one transaction like every other migration, and takes
-- no time whatever the catalogue's size. The definitions differ from V1-V21's only by the NOT NULLs
-- dropped and the CHECKs added: every column keeps its place, type, default and constraint, and
-- the one UNIQUE constraint (revision's, with its index) stays where it was, as the file's pages
-- require. The added CHECKs hold for every row already there (each has a date key and precision),
-- which is why they can be added without reading a row.
--
-- writable_schema=RESET makes this connection read the new definitions (without it, it kept
-- refusing NULL dates until closed); the table made and dropped after it moves the schema's
-- version on, so that every other connection to the file reads them too at its next statement.
PRAGMA writable_schema = ON;
UPDATE sqlite_master SET sql = 'CREATE TABLE document (
    -- AUTOINCREMENT: an id is never handed out again, even after the highest record is removed.
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    title              TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    summary            TEXT    NOT NULL DEFAULT '''',   -- paragraphs separated by one blank line
    -- NULL for an undated record (with date_precision)
    date_key           TEXT    CHECK (date_key GLOB ''[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]''),
    date_precision     TEXT    CHECK (date_precision IN (''day'', ''month'', ''year'')),
    type_id            INTEGER REFERENCES document_type (id),
    sort_title         TEXT    NOT NULL,
    slug               TEXT    NOT NULL,
    version            INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    withdrawn_at       TEXT,
    withdrawn_reason   TEXT,
    created_at         TEXT    NOT NULL,
    updated_at         TEXT    NOT NULL,
    languages          TEXT    NOT NULL DEFAULT '''',
    date_circa         BOOLEAN NOT NULL DEFAULT FALSE CHECK (date_circa IN (0, 1)),
    date_end_key       TEXT
        CHECK (date_end_key GLOB ''[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'' AND date_end_key > date_key),
    date_end_precision TEXT
        CHECK (date_end_precision IN (''day'', ''month'', ''year'') AND (date_end_precision IS NULL) = (date_end_key IS NULL)),
    CHECK ((withdrawn_at IS NULL) = (withdrawn_reason IS NULL)),
    CHECK ((date_key IS NULL) = (date_precision IS NULL)),
    CHECK (date_key IS NOT NULL OR (date_end_key IS NULL AND date_circa = 0))
)'
 WHERE type = 'table' AND name = 'document';
UPDATE sqlite_master SET sql = 'CREATE TABLE revision (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT, -- global order of changes
    document_id        INTEGER NOT NULL REFERENCES document (id),
    number             INTEGER NOT NULL CHECK (number >= 1),
    created_at         TEXT    NOT NULL,
    author             TEXT    NOT NULL,   -- an editor''s username, or ''import''
    note               TEXT    NOT NULL,
    source             TEXT,               -- for imports: ''file:line''
    title              TEXT    NOT NULL,
    summary            TEXT    NOT NULL,
    date_key           TEXT,               -- NULL for an undated version (with date_precision)
    date_precision     TEXT,
    type_id            INTEGER REFERENCES document_type (id),
    slug               TEXT    NOT NULL,
    withdrawn_reason   TEXT,               -- set when this version withdrew the record
    languages          TEXT    NOT NULL DEFAULT '''',
    date_circa         BOOLEAN NOT NULL DEFAULT FALSE CHECK (date_circa IN (0, 1)),
    date_end_key       TEXT,
    date_end_precision TEXT,
    UNIQUE (document_id, number),
    CHECK ((date_key IS NULL) = (date_precision IS NULL)),
    CHECK (date_key IS NOT NULL OR (date_end_key IS NULL AND date_circa = 0))
)'
 WHERE type = 'table' AND name = 'revision';
PRAGMA writable_schema = RESET;
CREATE TABLE undated_records_schema_changed (x INTEGER);
DROP TABLE undated_records_schema_changed;
