-- What each person or organisation is to a record: who wrote it ('author'), who it was sent to
-- ('recipient'), who took part in the conversation or meeting it records ('participant'), or
-- who it only names ('mentioned', also intermediaries a message went "via"). One role per link:
-- a person who is both author and named in the summary is the author.
-- Links written before roles existed are 'mentioned': nothing was claimed about them.
ALTER TABLE document_person ADD COLUMN role TEXT NOT NULL DEFAULT 'mentioned'
    CHECK (role IN ('author', 'recipient', 'participant', 'mentioned'));
ALTER TABLE revision_person ADD COLUMN role TEXT NOT NULL DEFAULT 'mentioned'
    CHECK (role IN ('author', 'recipient', 'participant', 'mentioned'));

-- Letters from Stalin, letters to him: a person's records in one role.
CREATE INDEX document_person_by_role ON document_person (person_id, role, document_id);

-- An authority of the people list is a person, or an organisation that writes and receives
-- ("Legation of Hungary in North Korea"): citations name an organisation whole, never inverted.
ALTER TABLE person ADD COLUMN kind TEXT NOT NULL DEFAULT 'person'
    CHECK (kind IN ('person', 'organisation'));
