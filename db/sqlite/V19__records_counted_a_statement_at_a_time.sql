-- Nothing to do on SQLite: PostgreSQL's V19 counts live records a statement at a time, where each
-- row's update of the count cost it a walk past the row's earlier versions. SQLite updates the row
-- in place, so its row triggers (V3) stay. Kept so both databases number their schema alike.
SELECT 1;
