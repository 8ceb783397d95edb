-- Only the indexes some query reads. Every index is written on every new record and, in a bulk
-- write, built again at the end with a sort of its whole table (BENCHMARKS.md, "Generate above a
-- million"): three of them no query reads.
--
-- * document_by_date and document_by_title: every listing walks the live records' indexes (V3);
--   the decades of the OAI-PMH sets probe the live records' date index and read the withdrawn
--   records' own index (below).
-- * document_person_by_role: a person's records in one role are found by the search index, which
--   holds every link's role; the database looks links up by person (document_person_by_person)
--   or by record (the key).
DROP INDEX document_by_date;
DROP INDEX document_by_title;
DROP INDEX document_person_by_role;

-- The withdrawn records, newest first, for the editors' list of what can be reinstated: until now
-- a scan of every record. Small (records are seldom withdrawn) and untouched by a bulk write,
-- whose new records are never withdrawn. Holds the date so that the decades of withdrawn records
-- (still in their decade's OAI-PMH set, as deleted records) are read from it alone.
CREATE INDEX document_withdrawn ON document (withdrawn_at, id, date_key) WHERE withdrawn_at IS NOT NULL;
