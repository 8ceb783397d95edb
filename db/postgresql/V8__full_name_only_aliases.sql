-- A form of a name can be 'full-name-only': a short form ("Kim", "Mao", "Zhou", "Chiang") that
-- names its authority only beside the rest of the name. The extractor still reads it in context;
-- search does not widen a query for it alone to every record linked to that authority.
-- Written by hand to match db/sqlite/V8; the CHECK constraints are the unnamed column checks of V1,
-- which PostgreSQL names <table>_kind_check.

ALTER TABLE person_alias DROP CONSTRAINT IF EXISTS person_alias_kind_check;
ALTER TABLE person_alias ADD CONSTRAINT person_alias_kind_check
    CHECK (kind IN ('variant', 'pseudonym', 'misspelling', 'full-name-only'));

ALTER TABLE place_alias DROP CONSTRAINT IF EXISTS place_alias_kind_check;
ALTER TABLE place_alias ADD CONSTRAINT place_alias_kind_check
    CHECK (kind IN ('variant', 'abbreviation', 'former', 'misspelling', 'full-name-only'));

UPDATE person_alias SET kind = 'full-name-only'
 WHERE alias IN ('Kim', 'Mao', 'Zhou', 'Chiang')
   AND person_id IN (SELECT id FROM person WHERE key IN ('kim-il-sung', 'mao-zedong', 'zhou-enlai', 'chiang-kai-shek'));
