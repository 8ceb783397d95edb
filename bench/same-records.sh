#!/usr/bin/env bash
# same-records.sh JAR TAG [N]: `generate --count N --seed 1950` (N 100,000 unless given) into a new file
# under the benchmark lock, bench/CheckCatalogue.java on it, then an md5 of every table a generated
# catalogue fills, its columns but the timestamps (each run has its own now) and change_head's feed
# name (random per file), then deletes the file. Two jars that make the same records print the same
# lines: `diff <(same-records.sh A.jar a) <(same-records.sh B.jar b)`. Needs sqlite3.
set -euo pipefail
jar=$1; tag=$2; n=${3:-100000}
here=$(cd "$(dirname "$0")" && pwd)
db=${BENCH_DIR:-/tmp}/same-$tag.db
rm -f "$db" "$db-wal" "$db-shm"
flock "${BENCH_LOCK:-/work/wt/bench.lock}" nice -n 19 java -jar "$jar" generate --db "$db" --count "$n" --seed 1950 \
  --seeds "$here/../seeds" > "${db%.db}.log" 2>&1
nice -n 19 java -cp "$jar" "$here/CheckCatalogue.java" "$db" 2>/dev/null | tail -3
for q in "select id,title,summary,date_key,date_precision,type_id,sort_title,slug,version,withdrawn_at,withdrawn_reason from document order by id" \
  "select id,languages,date_circa,date_end_key,date_end_precision from document order by id" \
  "select id,languages,date_circa,date_end_key,date_end_precision from revision order by id" \
  "select document_id,slug from document_slug order by 1,2" "select * from document_person order by 1,2" \
  "select * from document_place order by 1,2" \
  "select id,document_id,number,author,note,source,title,summary,date_key,date_precision,type_id,slug,withdrawn_reason from revision order by id" \
  "select * from revision_person order by 1,2" "select * from revision_place order by 1,2" "select id,document_id from change order by id" \
  "select * from document_count" "select id,last from change_head" "select * from sqlite_sequence order by name" \
  "select type,name,tbl_name,sql from sqlite_master order by name" "select count(*) from person" "select count(*) from place"; do
  echo "$(sqlite3 "$db" "$q" | md5sum | cut -c1-12) ${q:0:60}"
done
sqlite3 "$db" "pragma journal_mode; pragma page_size; pragma integrity_check" | tr '\n' ' '; echo
rm -f "$db" "$db-wal" "$db-shm" "${db%.db}.log"
