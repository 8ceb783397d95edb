-- A form of a name can be 'full-name-only': a short form ("Kim", "Mao", "Zhou", "Chiang") that
-- names its authority only beside the rest of the name. The extractor still reads it in context;
-- search does not widen a query for it alone to every record linked to that authority.
-- SQLite cannot change a CHECK constraint, so both alias tables are copied into new ones.

CREATE TABLE person_alias_new (
    person_id   INTEGER NOT NULL REFERENCES person (id),
    alias       TEXT    NOT NULL,
    kind        TEXT    NOT NULL DEFAULT 'variant'
                CHECK (kind IN ('variant', 'pseudonym', 'misspelling', 'full-name-only')),
    PRIMARY KEY (person_id, alias)
);
INSERT INTO person_alias_new (person_id, alias, kind) SELECT person_id, alias, kind FROM person_alias;
DROP TABLE person_alias;
ALTER TABLE person_alias_new RENAME TO person_alias;

CREATE TABLE place_alias_new (
    place_id    INTEGER NOT NULL REFERENCES place (id),
    alias       TEXT    NOT NULL,
    kind        TEXT    NOT NULL DEFAULT 'variant'
                CHECK (kind IN ('variant', 'abbreviation', 'former', 'misspelling', 'full-name-only')),
    PRIMARY KEY (place_id, alias)
);
INSERT INTO place_alias_new (place_id, alias, kind) SELECT place_id, alias, kind FROM place_alias;
DROP TABLE place_alias;
ALTER TABLE place_alias_new RENAME TO place_alias;

-- The short forms the shipped lists mark so, in catalogues loaded before this version.
UPDATE person_alias SET kind = 'full-name-only'
 WHERE alias IN ('Kim', 'Mao', 'Zhou', 'Chiang')
   AND person_id IN (SELECT id FROM person WHERE key IN ('kim-il-sung', 'mao-zedong', 'zhou-enlai', 'chiang-kai-shek'));
