-- A title that begins with an English article is filed under the word after it, as libraries file
-- titles ("The Political Situation in Korea" under P, not T): the sort keys stored before take the
-- rule that documents.Slugs.sortKey gives every new or edited record. The article must open the
-- title as a word of its own ("A-bomb tests" stays under A), and something must follow it. The
-- search index is rebuilt on its next start (index layout dossier-5); a SolrCloud collection is
-- brought up to date with `reindex --search solr`.
UPDATE document SET sort_title = substr(sort_title, 5)
 WHERE lower(substr(title, 1, 4)) = 'the ' AND substr(sort_title, 1, 4) = 'the ' AND length(sort_title) > 4;
UPDATE document SET sort_title = substr(sort_title, 4)
 WHERE lower(substr(title, 1, 3)) = 'an ' AND substr(sort_title, 1, 3) = 'an ' AND length(sort_title) > 3;
UPDATE document SET sort_title = substr(sort_title, 3)
 WHERE lower(substr(title, 1, 2)) = 'a ' AND substr(sort_title, 1, 2) = 'a ' AND length(sort_title) > 2;
