-- SQLite's V25 keeps every address a record has had and where each imported record was seen in
-- their keys' order alone (WITHOUT ROWID). PostgreSQL's tables have no rowid b-tree to drop: nothing
-- changes here. The migration is kept so that both databases' migrations have the same numbers.
SELECT 1;
