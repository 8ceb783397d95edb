-- SQLite's V24 keeps the links of records and versions to people and places in their keys' order
-- alone (WITHOUT ROWID). PostgreSQL's tables have no rowid b-tree to drop: nothing changes here.
-- The migration is kept so that both databases' migrations have the same numbers.
SELECT 1;
