-- Every address a record has had (document_slug) and where each imported record was seen
-- (document_source), kept in their keys' order alone (WITHOUT ROWID), as V24 did for the links: each
-- was two b-trees, the rows by a rowid nobody reads and the primary key pointing into them, and every
-- imported record wrote a row of each into both. At a million records the slugs were 103 MB of rows
-- and 93 MB of their key (BENCHMARKS.md, "Imports, sixteenth round"). Every column keeps its type,
-- constraint and place, the key is the same, and the index by identity is made again as it was; its
-- entries now end in the row's key instead of a rowid, so an import's look-up of an identity finds
-- the record's id in the index itself. Both are read by their key or by that index, never in the
-- order they were written.
--
-- A table cannot become WITHOUT ROWID in place: each is renamed, made again under its own name,
-- filled from the old one in key order, and the old one (and its indexes with it) dropped. No table
-- refers to these, so the DROP needs no foreign key off; it is one transaction, as every migration.
ALTER TABLE document_slug RENAME TO document_slug_by_rowid;
CREATE TABLE document_slug (
    document_id INTEGER NOT NULL REFERENCES document (id),
    slug        TEXT    NOT NULL,
    created_at  TEXT    NOT NULL,
    PRIMARY KEY (document_id, slug)
) WITHOUT ROWID;
INSERT INTO document_slug (document_id, slug, created_at)
    SELECT document_id, slug, created_at FROM document_slug_by_rowid ORDER BY document_id, slug;
DROP TABLE document_slug_by_rowid;

ALTER TABLE document_source RENAME TO document_source_by_rowid;
CREATE TABLE document_source (
    document_id INTEGER NOT NULL REFERENCES document (id),
    identity    TEXT    NOT NULL,
    file        TEXT    NOT NULL,   -- the file's name, e.g. '000_e5d1db3f1c6b46ae.txt'
    position    INTEGER NOT NULL,   -- the entry's place in the file, from 1
    line        INTEGER NOT NULL,   -- the line of the entry's date
    imported_at TEXT    NOT NULL,
    PRIMARY KEY (document_id, file, position)
) WITHOUT ROWID;
INSERT INTO document_source (document_id, identity, file, position, line, imported_at)
    SELECT document_id, identity, file, position, line, imported_at FROM document_source_by_rowid
    ORDER BY document_id, file, position;
DROP TABLE document_source_by_rowid;
CREATE INDEX document_source_by_identity ON document_source (identity);
