-- The catalogue listing (/) at a million records: its count and any of its pages without reading
-- the records themselves.

-- Index-only walks over the records in the catalogue (not withdrawn), in the listing's orders:
-- a page deep in the list skips index entries, not table rows.
CREATE INDEX document_live_by_date ON document (date_key, id) WHERE withdrawn_at IS NULL;
CREATE INDEX document_live_by_title ON document (sort_title, id) WHERE withdrawn_at IS NULL;

-- How many records are in the catalogue, kept by triggers so that whatever writes a record (the
-- write path, a bulk generator, a hand-made fix) keeps it exact, and reading it costs one row.
CREATE TABLE document_count (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    live INTEGER NOT NULL CHECK (live >= 0)
);
INSERT INTO document_count (id, live) SELECT 1, count(*) FROM document WHERE withdrawn_at IS NULL;

CREATE TRIGGER document_count_on_insert AFTER INSERT ON document WHEN new.withdrawn_at IS NULL
BEGIN
    UPDATE document_count SET live = live + 1 WHERE id = 1;
END;

CREATE TRIGGER document_count_on_withdraw AFTER UPDATE OF withdrawn_at ON document
    WHEN old.withdrawn_at IS NULL AND new.withdrawn_at IS NOT NULL
BEGIN
    UPDATE document_count SET live = live - 1 WHERE id = 1;
END;

CREATE TRIGGER document_count_on_reinstate AFTER UPDATE OF withdrawn_at ON document
    WHEN old.withdrawn_at IS NOT NULL AND new.withdrawn_at IS NULL
BEGIN
    UPDATE document_count SET live = live + 1 WHERE id = 1;
END;

CREATE TRIGGER document_count_on_delete AFTER DELETE ON document WHEN old.withdrawn_at IS NULL
BEGIN
    UPDATE document_count SET live = live - 1 WHERE id = 1;
END;
