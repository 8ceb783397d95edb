#!/usr/bin/env bash
# same-records.sh JAR TAG [N]: `generate --count N --seed 1950` (N 100,000 unless given) into a new file
# under the benchmark lock, bench/CheckCatalogue.java on it, then bench/same-catalogue.sh on it (an
# md5 of every table, timestamps aside), then deletes the file. Two jars that make the same records print the same
# lines: `diff <(same-records.sh A.jar a) <(same-records.sh B.jar b)`. Needs sqlite3.
set -euo pipefail
jar=$1; tag=$2; n=${3:-100000}
here=$(cd "$(dirname "$0")" && pwd)
db=${BENCH_DIR:-/tmp}/same-$tag.db
rm -f "$db" "$db-wal" "$db-shm"
flock "${BENCH_LOCK:-/work/wt/bench.lock}" nice -n 19 java -jar "$jar" generate --db "$db" --count "$n" --seed 1950 \
  --seeds "$here/../seeds" > "${db%.db}.log" 2>&1
nice -n 19 java -cp "$jar" "$here/CheckCatalogue.java" "$db" 2>/dev/null | tail -3
"$here/same-catalogue.sh" "$db"
rm -f "$db" "$db-wal" "$db-shm" "${db%.db}.log"
