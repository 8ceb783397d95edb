-- A document's date may be approximate ("ca. 1962", "[1962?]"): a flag beside the date's key and
-- precision, on the record and on each of its versions (db/sqlite/V20). Adding a column with a
-- constant default rewrites no row on PostgreSQL 11 and later.
ALTER TABLE document ADD COLUMN date_circa BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE revision ADD COLUMN date_circa BOOLEAN NOT NULL DEFAULT FALSE;
