-- A rename's batch of 10,000 (Stalin's first) stamped with its start, then moved to its end as
-- RecordWriter.stampedAtTheEnd does when the batch crossed into the next second; rolled back.
-- sqlite3 1m.db < bench/rename-batch-end.sql
.timer on
create temp table batch as select document_id as id from document_person where person_id = (select id from person where key = 'stalin') order by document_id limit 10000;
select count(*) from batch;
select typeof(updated_at), updated_at from document limit 1;
begin;
update document set updated_at = '2031-01-01T00:00:00Z' where id in (select id from batch) and withdrawn_at is null;
update document set updated_at = '2031-01-01T00:00:01Z' where id in (select id from batch) and updated_at >= '2031-01-01T00:00:00Z' and updated_at < '2031-01-01T00:00:01Z';
update revision set created_at = '2031-01-01T00:00:01Z' where document_id in (select id from batch) and created_at >= '2031-01-01T00:00:00Z' and created_at < '2031-01-01T00:00:01Z';
rollback;
