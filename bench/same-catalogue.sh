#!/usr/bin/env bash
# same-catalogue.sh DB: an md5 of every table an import or `generate` fills, its columns but the
# timestamps (each run has its own now) and change_head's feed name (random per file), then the
# schema, the journal mode, the page size and `pragma integrity_check`. Two catalogues with the same
# records print the same lines: `diff <(same-catalogue.sh a.db) <(same-catalogue.sh b.db)`. Read
# only; needs sqlite3. bench/same-records.sh runs it on a generated file.
set -euo pipefail
db=$1
for q in "select id,title,summary,date_key,date_precision,type_id,sort_title,slug,version,withdrawn_at,withdrawn_reason from document order by id" \
  "select id,languages,date_circa,date_end_key,date_end_precision from document order by id" \
  "select id,languages,date_circa,date_end_key,date_end_precision from revision order by id" \
  "select document_id,slug from document_slug order by 1,2" "select * from document_person order by 1,2" \
  "select * from document_place order by 1,2" \
  "select id,document_id,number,author,note,source,title,summary,date_key,date_precision,type_id,slug,withdrawn_reason from revision order by id" \
  "select * from revision_person order by 1,2" "select * from revision_place order by 1,2" "select id,document_id from change order by id" \
  "select document_id,identity,file,position,line from document_source order by 1,3,4" \
  "select * from document_count" "select id,last from change_head" "select * from sqlite_sequence order by name" \
  "select type,name,tbl_name,sql from sqlite_master order by name" "select count(*) from person" "select count(*) from place"; do
  echo "$(sqlite3 "$db" "$q" | md5sum | cut -c1-12) ${q:0:60}"
done
# Every record's times as the commit stamped them: one updated_at equal to its created_at and to its revision's.
echo "records whose times differ from their first revision's: $(sqlite3 "$db" "select count(*) from document d join revision r on r.document_id = d.id and r.number = 1 where d.version = 1 and (d.created_at != d.updated_at or r.created_at != d.created_at)")"
sqlite3 "$db" "pragma journal_mode; pragma page_size; pragma integrity_check" | tr '\n' ' '; echo
