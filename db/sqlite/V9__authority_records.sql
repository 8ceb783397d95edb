-- Editors keep the people and places: after the seed, the database is the authority.
--
-- * Each person and place has a version (saves are compare-and-set, like records) and, once merged
--   into another, the id of the survivor: its key stays reserved and its page redirects there
--   forever. (No foreign key on merged_into: a copy walks rows in id order, and a survivor may have
--   a higher id than the authority merged into it.)
-- * authority_version keeps every version of a person or place whole: who, when, a required note,
--   the names, and its other forms as a JSON array of {"name", "kind"}. A merge is one version in
--   both histories; "merge" holds what the merge moved, so that a restore can undo it.
-- * Every form of a name may be of any kind, for people and places alike.
-- * The change feed carries authority changes too (a row without a record): every node then reloads
--   the names that widen a search.

ALTER TABLE person ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE person ADD COLUMN merged_into INTEGER;
ALTER TABLE place ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE place ADD COLUMN merged_into INTEGER;

CREATE TABLE person_alias_new (
    person_id   INTEGER NOT NULL REFERENCES person (id),
    alias       TEXT    NOT NULL,
    kind        TEXT    NOT NULL DEFAULT 'variant'
                CHECK (kind IN ('variant', 'pseudonym', 'misspelling', 'abbreviation', 'former', 'full-name-only')),
    PRIMARY KEY (person_id, alias)
);
INSERT INTO person_alias_new (person_id, alias, kind) SELECT person_id, alias, kind FROM person_alias;
DROP TABLE person_alias;
ALTER TABLE person_alias_new RENAME TO person_alias;

CREATE TABLE place_alias_new (
    place_id    INTEGER NOT NULL REFERENCES place (id),
    alias       TEXT    NOT NULL,
    kind        TEXT    NOT NULL DEFAULT 'variant'
                CHECK (kind IN ('variant', 'pseudonym', 'misspelling', 'abbreviation', 'former', 'full-name-only')),
    PRIMARY KEY (place_id, alias)
);
INSERT INTO place_alias_new (place_id, alias, kind) SELECT place_id, alias, kind FROM place_alias;
DROP TABLE place_alias;
ALTER TABLE place_alias_new RENAME TO place_alias;

CREATE TABLE authority_version (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    facet        TEXT    NOT NULL CHECK (facet IN ('person', 'place')),
    authority_id INTEGER NOT NULL,            -- person.id or place.id
    number       INTEGER NOT NULL CHECK (number >= 1),
    created_at   TEXT    NOT NULL,
    author       TEXT    NOT NULL,            -- an editor's username, or 'import'
    note         TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    sort_name    TEXT    NOT NULL,
    description  TEXT    NOT NULL,            -- the authority's own note ("General Secretary of ...")
    kind         TEXT    NOT NULL,            -- 'person', 'organisation' or 'place'
    aliases      TEXT    NOT NULL,            -- JSON: [{"name": "Filippov", "kind": "pseudonym"}, ...]
    merged_into  TEXT,                        -- the survivor's key, in a version that merged this one away
    merge        TEXT,                        -- JSON: what a merge moved (see AuthorityMerge)
    UNIQUE (facet, authority_id, number)
);

-- Version 1 of what is already there: the lists as they were loaded.
INSERT INTO authority_version (facet, authority_id, number, created_at, author, note, name, sort_name, description,
                               kind, aliases)
SELECT 'person', p.id, 1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'import', 'Loaded from the authority lists',
       p.name, p.sort_name, p.note, p.kind,
       (SELECT json_group_array(json_object('name', a.alias, 'kind', a.kind))
          FROM (SELECT alias, kind FROM person_alias WHERE person_id = p.id AND alias <> p.name ORDER BY alias) a)
  FROM person p;
INSERT INTO authority_version (facet, authority_id, number, created_at, author, note, name, sort_name, description,
                               kind, aliases)
SELECT 'place', p.id, 1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'import', 'Loaded from the authority lists',
       p.name, p.sort_name, p.note, 'place',
       (SELECT json_group_array(json_object('name', a.alias, 'kind', a.kind))
          FROM (SELECT alias, kind FROM place_alias WHERE place_id = p.id AND alias <> p.name ORDER BY alias) a)
  FROM place p;

-- A change to the authority lists is a change without a record.
CREATE TABLE change_new (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER REFERENCES document (id),   -- null: the people or places changed
    changed_at  TEXT    NOT NULL
);
INSERT INTO change_new (id, document_id, changed_at) SELECT id, document_id, changed_at FROM change;
DROP TABLE change;
ALTER TABLE change_new RENAME TO change;
