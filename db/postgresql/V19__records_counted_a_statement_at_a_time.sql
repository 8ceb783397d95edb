-- New and deleted records counted (V3) a statement at a time, not a row at a time. Each new row's
-- trigger updated document_count's one row: in a transaction that writes many records (an import,
-- generate), that row got a new version per record, none prunable before the commit, and each
-- update walked past all those before it, so writing n records cost n². Now an INSERT or DELETE
-- statement adds what it changed once, counted from its transition table: a statement of 100 rows
-- (BatchInsert) is one update of the count. The count is the same, and writers still queue on its
-- row as before (see V3) when a statement changes it. The triggers keep V3's names (copy switches
-- the insert one off for its transaction).
--
-- A withdrawal or a reinstatement stays a row trigger, only on a change of withdrawn_at: a trigger
-- with transition tables may not name columns, and would read every row of every UPDATE (an
-- import's restamps) to find none; records are withdrawn one at a time.

DROP TRIGGER document_count_on_insert ON document;
DROP TRIGGER document_count_on_delete ON document;

CREATE FUNCTION document_count_by_statement() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    change BIGINT;
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT count(*) INTO change FROM inserted WHERE withdrawn_at IS NULL;
    ELSE
        SELECT -count(*) INTO change FROM deleted WHERE withdrawn_at IS NULL;
    END IF;
    IF change <> 0 THEN
        UPDATE document_count SET live = live + change WHERE id = 1;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER document_count_on_insert AFTER INSERT ON document
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION document_count_by_statement();

CREATE TRIGGER document_count_on_delete AFTER DELETE ON document
    REFERENCING OLD TABLE AS deleted
    FOR EACH STATEMENT EXECUTE FUNCTION document_count_by_statement();
