-- A document's date may be approximate ("ca. 1962", "[1962?]"): a flag beside the date's key and
-- precision, on the record and on each of its versions, so that history and a restored version keep
-- it. The key stays the earliest day the date can mean, so sorting and date filters are unchanged.
--   date_circa  1 when the date is approximate, else 0
ALTER TABLE document ADD COLUMN date_circa BOOLEAN NOT NULL DEFAULT FALSE CHECK (date_circa IN (0, 1));
ALTER TABLE revision ADD COLUMN date_circa BOOLEAN NOT NULL DEFAULT FALSE CHECK (date_circa IN (0, 1));
