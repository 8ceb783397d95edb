-- The links a merge moved, one row a record, so that a restore can put each back. A merge moves
-- its records in batches of their own transactions (a person linked to a quarter of a million
-- records held the write lock for five minutes in one), and what each batch moved is written
-- with it; a restore puts them back in batches too, deleting the rows as it goes. Merges made
-- before kept the list in their version as JSON (authority_version.merge): a restore reads both.
--   facet          'person' or 'place'
--   authority_id   the person or place merged away
--   survivor_id    the one it was merged into
--   role           its role in the record (a person's), null for a place
--   survivor_role  the survivor's role in the record before (a person's), 'linked' for a place the
--                  record named already, null when the survivor was not linked to it
-- While an authority merged away is still linked to records, its merge is under way; while one
-- not merged has rows here, its restore is. (No foreign key to document: a restore passes over a
-- record that is gone.)
CREATE TABLE moved_link (
    facet          TEXT    NOT NULL CHECK (facet IN ('person', 'place')),
    authority_id   INTEGER NOT NULL,
    survivor_id    INTEGER NOT NULL,
    document_id    INTEGER NOT NULL,
    role           TEXT,
    survivor_role  TEXT,
    PRIMARY KEY (facet, authority_id, document_id)
);
