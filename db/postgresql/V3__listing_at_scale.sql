-- PostgreSQL twin of db/sqlite/V3__listing_at_scale.sql: the listing (/) at a million records, its
-- count and any of its pages without reading the records themselves.

CREATE INDEX document_live_by_date ON document (date_key, id) WHERE withdrawn_at IS NULL;
CREATE INDEX document_live_by_title ON document (sort_title, id) WHERE withdrawn_at IS NULL;

-- How many records are in the catalogue, kept by triggers whatever writes a record. The triggers
-- update one row: concurrent writers queue on it for the rest of their transaction, which is what
-- keeps the count exact (each adds or subtracts on the committed value).
CREATE TABLE document_count (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    live BIGINT  NOT NULL CHECK (live >= 0)
);
INSERT INTO document_count (id, live) SELECT 1, count(*) FROM document WHERE withdrawn_at IS NULL;

CREATE FUNCTION document_count_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.withdrawn_at IS NULL THEN
            UPDATE document_count SET live = live + 1 WHERE id = 1;
        END IF;
        RETURN NEW;
    ELSIF TG_OP = 'DELETE' THEN
        IF OLD.withdrawn_at IS NULL THEN
            UPDATE document_count SET live = live - 1 WHERE id = 1;
        END IF;
        RETURN OLD;
    ELSE
        IF OLD.withdrawn_at IS NULL AND NEW.withdrawn_at IS NOT NULL THEN
            UPDATE document_count SET live = live - 1 WHERE id = 1;
        ELSIF OLD.withdrawn_at IS NOT NULL AND NEW.withdrawn_at IS NULL THEN
            UPDATE document_count SET live = live + 1 WHERE id = 1;
        END IF;
        RETURN NEW;
    END IF;
END;
$$;

CREATE TRIGGER document_count_on_insert AFTER INSERT ON document
    FOR EACH ROW WHEN (NEW.withdrawn_at IS NULL) EXECUTE FUNCTION document_count_follow();

CREATE TRIGGER document_count_on_withdraw_or_reinstate AFTER UPDATE OF withdrawn_at ON document
    FOR EACH ROW WHEN ((OLD.withdrawn_at IS NULL) <> (NEW.withdrawn_at IS NULL))
    EXECUTE FUNCTION document_count_follow();

CREATE TRIGGER document_count_on_delete AFTER DELETE ON document
    FOR EACH ROW WHEN (OLD.withdrawn_at IS NULL) EXECUTE FUNCTION document_count_follow();
