-- A document may be undated ("n.d.", "undated"): its date's key and precision are then both NULL,
-- on the record and on each of its versions (db/sqlite/V22). A date is whole or absent (key and
-- precision both or neither); an undated record has no span's end and is not approximate.
-- Dropping NOT NULL rewrites no row; one ALTER TABLE a table, so that its two CHECKs are
-- validated in one read of it.
ALTER TABLE document
    ALTER COLUMN date_key DROP NOT NULL,
    ALTER COLUMN date_precision DROP NOT NULL,
    ADD CONSTRAINT document_date_whole CHECK ((date_key IS NULL) = (date_precision IS NULL)),
    ADD CONSTRAINT document_undated_plain CHECK (date_key IS NOT NULL OR (date_end_key IS NULL AND NOT date_circa));
ALTER TABLE revision
    ALTER COLUMN date_key DROP NOT NULL,
    ALTER COLUMN date_precision DROP NOT NULL,
    ADD CONSTRAINT revision_date_whole CHECK ((date_key IS NULL) = (date_precision IS NULL)),
    ADD CONSTRAINT revision_undated_plain CHECK (date_key IS NOT NULL OR (date_end_key IS NULL AND NOT date_circa));
