-- The order in which a record names its people: "B and A" is cited "B and A", as the document
-- signs it, not "A and B" by sort name. Each link of a record (and of each revision, which keeps
-- the order it was saved with) has a position, 1 for the first. Readers group a record's people
-- by role (authors, recipients, participants, mentioned) and keep the positions' order within
-- each role; writers number them in that same grouped order, so positions run 1..n down the page.
--
-- Links written before this have no order of their own: they are numbered in the order every
-- page showed them until now (by role, then by sort name, then by key; a blank sort name sorts as
-- the name), so nothing a reader or a citer sees changes. Revisions are numbered by the names as
-- they are now, as the record is, so that no version differs from the one before by order alone.
ALTER TABLE document_person ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
ALTER TABLE revision_person ADD COLUMN position INTEGER NOT NULL DEFAULT 0;

UPDATE document_person SET position = ordered.position
  FROM (SELECT l.document_id, l.person_id,
               row_number() OVER (PARTITION BY l.document_id
                                  ORDER BY CASE l.role WHEN 'author' THEN 1 WHEN 'recipient' THEN 2
                                                       WHEN 'participant' THEN 3 ELSE 4 END,
                                           coalesce(nullif(trim(p.sort_name), ''), p.name), p.key) AS position
          FROM document_person l JOIN person p ON p.id = l.person_id) AS ordered
 WHERE document_person.document_id = ordered.document_id AND document_person.person_id = ordered.person_id;

UPDATE revision_person SET position = ordered.position
  FROM (SELECT l.revision_id, l.person_id,
               row_number() OVER (PARTITION BY l.revision_id
                                  ORDER BY CASE l.role WHEN 'author' THEN 1 WHEN 'recipient' THEN 2
                                                       WHEN 'participant' THEN 3 ELSE 4 END,
                                           coalesce(nullif(trim(p.sort_name), ''), p.name), p.key) AS position
          FROM revision_person l JOIN person p ON p.id = l.person_id) AS ordered
 WHERE revision_person.revision_id = ordered.revision_id AND revision_person.person_id = ordered.person_id;

-- Where a merge found each link, so that undoing it puts the person merged away (and the
-- survivor, where the record named both) back in their places: the position of each among the
-- record's people before the merge, 1 for the first; null in rows written before this (they go
-- back after the others of their role, as before).
ALTER TABLE moved_link ADD COLUMN position INTEGER;
ALTER TABLE moved_link ADD COLUMN survivor_position INTEGER;
