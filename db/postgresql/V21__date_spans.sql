-- A document's date may be a span ("1961–1962", "March–April 1962"): its end beside its start, on
-- the record and on each of its versions (db/sqlite/V21). NULL for a single date, whose stored form
-- is as before. Nullable columns without a default rewrite no row.
ALTER TABLE document ADD COLUMN date_end_key TEXT COLLATE "C";
ALTER TABLE document ADD COLUMN date_end_precision TEXT COLLATE "C";
ALTER TABLE document ADD CONSTRAINT document_date_end CHECK (
    date_end_key ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' AND date_end_key > date_key
    AND date_end_precision IN ('day', 'month', 'year'));
ALTER TABLE document ADD CONSTRAINT document_date_end_whole
    CHECK ((date_end_key IS NULL) = (date_end_precision IS NULL));
ALTER TABLE revision ADD COLUMN date_end_key TEXT COLLATE "C";
ALTER TABLE revision ADD COLUMN date_end_precision TEXT COLLATE "C";
