-- PostgreSQL twin of db/sqlite/V4__harvest_at_scale.sql: the sitemap index at a million records.
CREATE INDEX document_live_by_id ON document (id, updated_at) WHERE withdrawn_at IS NULL;
