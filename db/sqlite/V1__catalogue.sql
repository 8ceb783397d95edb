-- The catalogue's records, where they came from, the authorities they point to, and every version
-- they have had. SQLite is the one source of truth; the search index is derived from these tables.
--
-- Timestamps are ISO-8601 instants in UTC ('2026-11-23T10:15:30Z'), which sort as text.
-- Dates of documents are a sortable key (the earliest day the date can mean) plus a precision:
-- the display ('February 1942') and every export derive from these two.

CREATE TABLE document_type (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    key         TEXT    NOT NULL UNIQUE,          -- stable, used in URLs (?type=ciphered-telegram)
    label       TEXT    NOT NULL,
    position    INTEGER NOT NULL DEFAULT 0        -- order in which title patterns are tried
);

-- Phrases that, found in a title, make a document of this type ("Record of a Conversation").
CREATE TABLE document_type_pattern (
    type_id     INTEGER NOT NULL REFERENCES document_type (id),
    pattern     TEXT    NOT NULL,
    PRIMARY KEY (type_id, pattern)
);

CREATE TABLE person (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    key         TEXT    NOT NULL UNIQUE,          -- stable, used in URLs (?person=stalin)
    name        TEXT    NOT NULL,                 -- the preferred form
    sort_name   TEXT    NOT NULL,
    note        TEXT    NOT NULL DEFAULT ''
);

CREATE TABLE person_alias (
    person_id   INTEGER NOT NULL REFERENCES person (id),
    alias       TEXT    NOT NULL,
    kind        TEXT    NOT NULL DEFAULT 'variant'
                CHECK (kind IN ('variant', 'pseudonym', 'misspelling')),
    PRIMARY KEY (person_id, alias)
);

CREATE TABLE place (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    key         TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    sort_name   TEXT    NOT NULL,
    note        TEXT    NOT NULL DEFAULT ''
);

CREATE TABLE place_alias (
    place_id    INTEGER NOT NULL REFERENCES place (id),
    alias       TEXT    NOT NULL,
    kind        TEXT    NOT NULL DEFAULT 'variant'
                CHECK (kind IN ('variant', 'abbreviation', 'former', 'misspelling')),
    PRIMARY KEY (place_id, alias)
);

CREATE TABLE document (
    -- AUTOINCREMENT: an id is never handed out again, even after the highest record is removed.
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    title            TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    summary          TEXT    NOT NULL DEFAULT '',   -- paragraphs separated by one blank line
    date_key         TEXT    NOT NULL CHECK (date_key GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    date_precision   TEXT    NOT NULL CHECK (date_precision IN ('day', 'month', 'year')),
    type_id          INTEGER REFERENCES document_type (id),
    sort_title       TEXT    NOT NULL,
    slug             TEXT    NOT NULL,
    version          INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    withdrawn_at     TEXT,
    withdrawn_reason TEXT,
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL,
    CHECK ((withdrawn_at IS NULL) = (withdrawn_reason IS NULL))
);

CREATE INDEX document_by_date ON document (date_key, id);
CREATE INDEX document_by_title ON document (sort_title, id);
CREATE INDEX document_by_update ON document (updated_at, id);

CREATE TABLE document_person (
    document_id INTEGER NOT NULL REFERENCES document (id),
    person_id   INTEGER NOT NULL REFERENCES person (id),
    PRIMARY KEY (document_id, person_id)
);
CREATE INDEX document_person_by_person ON document_person (person_id, document_id);

CREATE TABLE document_place (
    document_id INTEGER NOT NULL REFERENCES document (id),
    place_id    INTEGER NOT NULL REFERENCES place (id),
    PRIMARY KEY (document_id, place_id)
);
CREATE INDEX document_place_by_place ON document_place (place_id, document_id);

-- Every slug a record has had, so that an old link keeps resolving to the current one.
CREATE TABLE document_slug (
    document_id INTEGER NOT NULL REFERENCES document (id),
    slug        TEXT    NOT NULL,
    created_at  TEXT    NOT NULL,
    PRIMARY KEY (document_id, slug)
);

-- Where a record was seen in the imported pages. The identity is a hash of the entry's date,
-- title and summary as they were imported (not as editors later corrected them), so that
-- importing the same page again finds the record and leaves its corrections alone.
CREATE TABLE document_source (
    document_id INTEGER NOT NULL REFERENCES document (id),
    identity    TEXT    NOT NULL,
    file        TEXT    NOT NULL,   -- the file's name, e.g. '000_e5d1db3f1c6b46ae.txt'
    position    INTEGER NOT NULL,   -- the entry's place in the file, from 1
    line        INTEGER NOT NULL,   -- the line of the entry's date
    imported_at TEXT    NOT NULL,
    PRIMARY KEY (document_id, file, position)
);
CREATE INDEX document_source_by_identity ON document_source (identity);

-- Every version of every record, whole. A record's version is its latest revision's number.
CREATE TABLE revision (
    id               INTEGER PRIMARY KEY AUTOINCREMENT, -- global order of changes
    document_id      INTEGER NOT NULL REFERENCES document (id),
    number           INTEGER NOT NULL CHECK (number >= 1),
    created_at       TEXT    NOT NULL,
    author           TEXT    NOT NULL,   -- an editor's username, or 'import'
    note             TEXT    NOT NULL,
    source           TEXT,               -- for imports: 'file:line'
    title            TEXT    NOT NULL,
    summary          TEXT    NOT NULL,
    date_key         TEXT    NOT NULL,
    date_precision   TEXT    NOT NULL,
    type_id          INTEGER REFERENCES document_type (id),
    slug             TEXT    NOT NULL,
    withdrawn_reason TEXT,               -- set when this version withdrew the record
    UNIQUE (document_id, number)
);
CREATE INDEX revision_by_time ON revision (created_at, id);

CREATE TABLE revision_person (
    revision_id INTEGER NOT NULL REFERENCES revision (id),
    person_id   INTEGER NOT NULL REFERENCES person (id),
    PRIMARY KEY (revision_id, person_id)
);

CREATE TABLE revision_place (
    revision_id INTEGER NOT NULL REFERENCES revision (id),
    place_id    INTEGER NOT NULL REFERENCES place (id),
    PRIMARY KEY (revision_id, place_id)
);
