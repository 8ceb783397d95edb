-- The sitemap index at a million records: the last change of each block of ids, read from an index
-- of the records in the catalogue rather than from the table.
CREATE INDEX document_live_by_id ON document (id, updated_at) WHERE withdrawn_at IS NULL;
