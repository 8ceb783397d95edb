-- The PostgreSQL twin of db/sqlite/V7__person_roles.sql (same columns, same checks).
-- What each person or organisation is to a record: 'author', 'recipient', 'participant' (of a
-- conversation or meeting) or 'mentioned' (also intermediaries a message went "via"). Links
-- written before roles existed are 'mentioned'.
ALTER TABLE document_person ADD COLUMN role TEXT NOT NULL DEFAULT 'mentioned'
    CONSTRAINT document_person_role_check CHECK (role IN ('author', 'recipient', 'participant', 'mentioned'));
ALTER TABLE revision_person ADD COLUMN role TEXT NOT NULL DEFAULT 'mentioned'
    CONSTRAINT revision_person_role_check CHECK (role IN ('author', 'recipient', 'participant', 'mentioned'));

CREATE INDEX document_person_by_role ON document_person (person_id, role, document_id);

-- A person, or an organisation that writes and receives: citations name an organisation whole.
ALTER TABLE person ADD COLUMN kind TEXT NOT NULL DEFAULT 'person'
    CONSTRAINT person_kind_check CHECK (kind IN ('person', 'organisation'));
