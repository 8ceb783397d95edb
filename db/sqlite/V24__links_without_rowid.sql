-- The links of records and of their versions to people and places, kept in their keys' order
-- alone (WITHOUT ROWID): each was two b-trees, the rows by a rowid nobody reads and the key
-- (record or version, person or place) pointing into them, and every link written went into both.
-- Ten links a record (its people and places, and its first version's copies of them) were most of
-- what SQLite does for an imported record; the rowid's own b-tree was 0.3-0.7 s of a 300,000-entry
-- import and a fifth of these tables' pages (BENCHMARKS.md, "Imports, seventh round" and "eighth
-- round"). Every column keeps its type, default, constraint and place, the key is the same, and
-- the index by person or place is made again as it was. Links are read by their key or by that
-- index, never in the order they were written.
--
-- A table cannot become WITHOUT ROWID in place: each is renamed, made again under its own name,
-- filled from the old one in key order, and the old one (and its indexes with it) dropped. No
-- table refers to these, so the DROP needs no foreign key off; it is one transaction, as every
-- migration. At a million records it copies about ten million links once.
ALTER TABLE document_person RENAME TO document_person_by_rowid;
CREATE TABLE document_person (
    document_id INTEGER NOT NULL REFERENCES document (id),
    person_id   INTEGER NOT NULL REFERENCES person (id),
    role        TEXT    NOT NULL DEFAULT 'mentioned' CHECK (role IN ('author', 'recipient', 'participant', 'mentioned')),
    position    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (document_id, person_id)
) WITHOUT ROWID;
INSERT INTO document_person (document_id, person_id, role, position)
    SELECT document_id, person_id, role, position FROM document_person_by_rowid ORDER BY document_id, person_id;
DROP TABLE document_person_by_rowid;
CREATE INDEX document_person_by_person ON document_person (person_id, document_id);

ALTER TABLE document_place RENAME TO document_place_by_rowid;
CREATE TABLE document_place (
    document_id INTEGER NOT NULL REFERENCES document (id),
    place_id    INTEGER NOT NULL REFERENCES place (id),
    PRIMARY KEY (document_id, place_id)
) WITHOUT ROWID;
INSERT INTO document_place (document_id, place_id)
    SELECT document_id, place_id FROM document_place_by_rowid ORDER BY document_id, place_id;
DROP TABLE document_place_by_rowid;
CREATE INDEX document_place_by_place ON document_place (place_id, document_id);

ALTER TABLE revision_person RENAME TO revision_person_by_rowid;
CREATE TABLE revision_person (
    revision_id INTEGER NOT NULL REFERENCES revision (id),
    person_id   INTEGER NOT NULL REFERENCES person (id),
    role        TEXT    NOT NULL DEFAULT 'mentioned' CHECK (role IN ('author', 'recipient', 'participant', 'mentioned')),
    position    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (revision_id, person_id)
) WITHOUT ROWID;
INSERT INTO revision_person (revision_id, person_id, role, position)
    SELECT revision_id, person_id, role, position FROM revision_person_by_rowid ORDER BY revision_id, person_id;
DROP TABLE revision_person_by_rowid;

ALTER TABLE revision_place RENAME TO revision_place_by_rowid;
CREATE TABLE revision_place (
    revision_id INTEGER NOT NULL REFERENCES revision (id),
    place_id    INTEGER NOT NULL REFERENCES place (id),
    PRIMARY KEY (revision_id, place_id)
) WITHOUT ROWID;
INSERT INTO revision_place (revision_id, place_id)
    SELECT revision_id, place_id FROM revision_place_by_rowid ORDER BY revision_id, place_id;
DROP TABLE revision_place_by_rowid;
