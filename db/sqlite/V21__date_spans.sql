-- A document's date may be a span ("1961–1962", "March–April 1962", "June 3–5, 1961"): its end
-- beside its start, on the record and on each of its versions, so that history and a restored
-- version keep it. The start stays in date_key and date_precision, so sorting is unchanged; a
-- single date has no end (both NULL), and its stored form is as before.
--   date_end_key        the earliest day the end can mean, as date_key; NULL for a single date
--   date_end_precision  the end's precision ('day', 'month', 'year'); NULL exactly when date_end_key is
ALTER TABLE document ADD COLUMN date_end_key TEXT
    CHECK (date_end_key GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date_end_key > date_key);
ALTER TABLE document ADD COLUMN date_end_precision TEXT
    CHECK (date_end_precision IN ('day', 'month', 'year') AND (date_end_precision IS NULL) = (date_end_key IS NULL));
ALTER TABLE revision ADD COLUMN date_end_key TEXT;
ALTER TABLE revision ADD COLUMN date_end_precision TEXT;
