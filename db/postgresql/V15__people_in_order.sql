-- The PostgreSQL twin of db/sqlite/V15__people_in_order.sql (same columns, same numbering): the
-- order in which a record names its people, 1 for the first; links written before are numbered
-- as every page showed them until now (by role, then by sort name in code point order, as the
-- application compared them, then by key).
ALTER TABLE document_person ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
ALTER TABLE revision_person ADD COLUMN position INTEGER NOT NULL DEFAULT 0;

UPDATE document_person SET position = ordered.position
  FROM (SELECT l.document_id, l.person_id,
               row_number() OVER (PARTITION BY l.document_id
                                  ORDER BY CASE l.role WHEN 'author' THEN 1 WHEN 'recipient' THEN 2
                                                       WHEN 'participant' THEN 3 ELSE 4 END,
                                           coalesce(nullif(trim(p.sort_name), ''), p.name) COLLATE "C",
                                           p.key COLLATE "C") AS position
          FROM document_person l JOIN person p ON p.id = l.person_id) AS ordered
 WHERE document_person.document_id = ordered.document_id AND document_person.person_id = ordered.person_id;

UPDATE revision_person SET position = ordered.position
  FROM (SELECT l.revision_id, l.person_id,
               row_number() OVER (PARTITION BY l.revision_id
                                  ORDER BY CASE l.role WHEN 'author' THEN 1 WHEN 'recipient' THEN 2
                                                       WHEN 'participant' THEN 3 ELSE 4 END,
                                           coalesce(nullif(trim(p.sort_name), ''), p.name) COLLATE "C",
                                           p.key COLLATE "C") AS position
          FROM revision_person l JOIN person p ON p.id = l.person_id) AS ordered
 WHERE revision_person.revision_id = ordered.revision_id AND revision_person.person_id = ordered.person_id;

ALTER TABLE moved_link ADD COLUMN position INTEGER;
ALTER TABLE moved_link ADD COLUMN survivor_position INTEGER;
