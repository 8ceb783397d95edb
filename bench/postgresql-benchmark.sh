#!/usr/bin/env bash
# PostgreSQL beside SQLite, at one catalogue size (default 1M records), on this machine, in one run:
#   - generate (the import path) into PostgreSQL, timed; the SQLite catalogue of the same seed beside it
#   - reindex from each database, timed
#   - /search (every case of bench/SearchBenchmark.java), / (bench/ListingBenchmark.java) and record
#     pages (bench/RecordPagesBenchmark.java) on a node over SQLite, then on a node over PostgreSQL
#   - save-to-searchable on the other node: two nodes on the PostgreSQL database, saves through node A,
#     the time until node B's search finds the saved word (bench/SaveToSearchable.java)
# It starts its own PostgreSQL (Debian's postgresql package, a cluster of its own without systemd,
# run as the postgres user when started as root) and stops it at the end.
#
#   bench/postgresql-benchmark.sh                # 1M records, data kept in /tmp/dossier-bench
#   N=100000 bench/postgresql-benchmark.sh       # another size
#   ONLY=prepare bench/postgresql-benchmark.sh   # only make the catalogues (generate), measure nothing
#
# Environment: N (records, default 1000000), BENCH_DIR (catalogues, kept for reruns: $N.db and pg-$N/,
# default /tmp/dossier-bench), WORK (indexes and logs of this run, default $BENCH_DIR/pg-bench-work),
# PGPORT (default 55432), PG_BIN (default /usr/lib/postgresql/15/bin), RUNS (default 200), WARMUP
# (default 100), SAVES (default 50), SERVER_HEAP (default 512m), BUILD_HEAP (default 512m), LOCK (a file
# to flock around each measurement, so that two people never measure at once; default none),
# KEEP_INDEXES (set: reuse the indexes a previous run left in $WORK, measuring no reindex),
# DOSSIER_JAR (a jar built already; default: target/dossier.jar, built when missing or with BUILD=1),
# SQLITE_DB (the SQLite catalogue; default $BENCH_DIR/$N.db).
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-1000000}
BENCH_DIR=${BENCH_DIR:-/tmp/dossier-bench}
WORK=${WORK:-$BENCH_DIR/pg-bench-work}
PGPORT=${PGPORT:-55432}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
RUNS=${RUNS:-200}
WARMUP=${WARMUP:-100}
SAVES=${SAVES:-50}
SERVER_HEAP=${SERVER_HEAP:-512m}
BUILD_HEAP=${BUILD_HEAP:-512m}
LOCK=${LOCK:-}
ONLY=${ONLY:-all}

PGDATA="$BENCH_DIR/pg-$N"
PGURL="jdbc:postgresql://127.0.0.1:$PGPORT/dossier?user=postgres"
SQLITE_DB=${SQLITE_DB:-$BENCH_DIR/$N.db}
mkdir -p "$BENCH_DIR" "$WORK"
REPORT="$WORK/report-$(date +%Y%m%d-%H%M%S).md"

SOURCE_JAR=${DOSSIER_JAR:-target/dossier.jar}
if [ -z "${DOSSIER_JAR:-}" ] && { [ ! -f target/dossier.jar ] || [ -n "${BUILD:-}" ]; }; then mvn -B -q -DskipTests package; fi
JAR="$WORK/dossier.jar"
cp "$SOURCE_JAR" "$JAR"
JSOUP=$(ls "$HOME"/.m2/repository/org/jsoup/jsoup/*/jsoup-*.jar | grep -v sources | sort -V | tail -1)

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
measured() { # runs a measurement under the lock, if one is set
  if [ -n "$LOCK" ]; then flock "$LOCK" "$@"; else "$@"; fi
}
say() { echo "$@" | tee -a "$REPORT"; }
load() { echo "(load average: $(cut -d' ' -f1-3 /proc/loadavg))"; }

pids=()
stop_everything() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  as_postgres "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null 2>&1 || true
}
trap stop_everything EXIT

# --- PostgreSQL: a cluster of its own, kept between runs ---------------------------------------------
if [ ! -f "$PGDATA/PG_VERSION" ]; then
  install -d -m 700 "$PGDATA"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$PGDATA"; fi
  as_postgres "$PG_BIN/initdb" -D "$PGDATA" -U postgres -A trust >/dev/null
fi
as_postgres "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w start \
  -o "-p $PGPORT -k $PGDATA -c listen_addresses=127.0.0.1 -c shared_buffers=512MB -c max_connections=60" >/dev/null
psql_() { psql -h 127.0.0.1 -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
psql_ -d postgres -c "SELECT 1 FROM pg_database WHERE datname = 'dossier'" | grep -q 1 \
  || psql_ -d postgres -c "CREATE DATABASE dossier"

{
  echo "# PostgreSQL beside SQLite at $N records, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo) RAM;" \
       "$(java -version 2>&1 | head -1); $("$PG_BIN/postgres" --version); commit $(git rev-parse --short HEAD)"
  echo "Server heap -Xmx$SERVER_HEAP, reindex heap -Xmx$BUILD_HEAP; PostgreSQL shared_buffers=512MB."
} | tee "$REPORT"

# --- The catalogues: the same seed on both, made once ------------------------------------------------
records_in_pg=$(psql_ -d dossier -c "SELECT count(*) FROM information_schema.tables WHERE table_name = 'document'")
if [ "$records_in_pg" = 1 ]; then records_in_pg=$(psql_ -d dossier -c "SELECT count(*) FROM document"); fi
if [ "$records_in_pg" = 0 ]; then
  say; say "## generate into PostgreSQL $(load)"
  measured /usr/bin/time -f "generate into PostgreSQL: %e s elapsed, peak RSS %M KB" -o "$PGDATA.generate.txt" \
    java -jar "$JAR" generate --db "$PGURL" --count "$N" --seed 1950 2>&1 | grep -v '^20..-' | tail -3 | tee -a "$REPORT"
  echo "(load average after: $(cut -d' ' -f1-3 /proc/loadavg))" >> "$PGDATA.generate.txt"
fi
[ -f "$PGDATA.generate.txt" ] && say "$(cat "$PGDATA.generate.txt")"
while compgen -G "$SQLITE_DB.IN-PROGRESS*" >/dev/null; do sleep 10; done # another run is making it
if [ ! -f "$SQLITE_DB" ]; then
  say "## generate into SQLite $(load)"
  measured /usr/bin/time -f "generate into SQLite: %e s elapsed" -o "$WORK/sqlite-generate.txt" \
    java -jar "$JAR" generate --db "$SQLITE_DB.partial" --count "$N" --seed 1950 2>&1 | grep -v '^20..-' | tail -3
  mv "$SQLITE_DB.partial" "$SQLITE_DB"
  say "$(cat "$WORK/sqlite-generate.txt")"
fi
psql_ -d dossier -c "VACUUM ANALYZE" >/dev/null
if [ "$ONLY" = prepare ]; then exit 0; fi

# --- reindex from each database ----------------------------------------------------------------------
for which in sqlite pg; do
  if [ $which = sqlite ]; then db="$SQLITE_DB"; else db="$PGURL"; fi
  if [ -n "${KEEP_INDEXES:-}" ] && [ -d "$WORK/$which.index" ]; then continue; fi
  rm -rf "$WORK/$which.index"
  say; say "## reindex from $which $(load)"
  measured /usr/bin/time -f "reindex from $which: %e s elapsed, peak RSS %M KB" -o "$WORK/reindex-$which.txt" \
    java "-Xmx$BUILD_HEAP" -jar "$JAR" reindex --db "$db" --index "$WORK/$which.index" 2>&1 | grep -v '^20..-' | tail -2
  say "$(cat "$WORK/reindex-$which.txt") $(load)"
done
rm -rf "$WORK/pg-b.index" && cp -r "$WORK/pg.index" "$WORK/pg-b.index"

serve() { # serve NAME DB INDEX: starts a node (its pid kept for the end), its address in $WORK/serve-NAME.url
  local log="$WORK/serve-$1.log"
  : >"$log"
  java "-Xmx$SERVER_HEAP" -jar "$JAR" serve --db "$2" --index "$3" --host 127.0.0.1 --port 0 \
    --server-timing --search-limit 0 --seeds "$WORK/no-seeds" >"$log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 1200); do
    grep -q "is serving" "$log" && break
    kill -0 "${pids[-1]}" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.5
  done
  grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -1 >"$WORK/serve-$1.url"
}

# Not in $(...): a subshell's pids would not reach stop_everything.
serve sqlite "$SQLITE_DB" "$WORK/sqlite.index"; SQLITE_URL=$(cat "$WORK/serve-sqlite.url")
serve pg-a "$PGURL" "$WORK/pg.index"; PG_A_URL=$(cat "$WORK/serve-pg-a.url")
serve pg-b "$PGURL" "$WORK/pg-b.index"; PG_B_URL=$(cat "$WORK/serve-pg-b.url")

for which in sqlite pg; do
  if [ $which = sqlite ]; then url=$SQLITE_URL; else url=$PG_A_URL; fi
  say; say "## $which: /search $(load)"
  measured java bench/SearchBenchmark.java "$url" "$RUNS" "$WARMUP" | tee -a "$REPORT"
  say "$(load)"
  say; say "## $which: / $(load)"
  measured java bench/ListingBenchmark.java "$url" "$RUNS" "$WARMUP" | tee -a "$REPORT"
  say "$(load)"
  say; say "## $which: record pages $(load)"
  measured java bench/RecordPagesBenchmark.java "$url" "$RUNS" "$WARMUP" | tee -a "$REPORT"
  say "$(load)"
done

# --- save-to-searchable on the other node --------------------------------------------------------------
PASSWORD="bench-password-$(date +%s)"
printf '%s\n' "$PASSWORD" | java -jar "$JAR" user add --db "$PGURL" --role editor bencher >/dev/null 2>&1 \
  || printf '%s\n' "$PASSWORD" | java -jar "$JAR" user password --db "$PGURL" bencher >/dev/null
say; say "## PostgreSQL: save on node A, found by search on node B $(load)"
measured java -cp "$JAR:$JSOUP" bench/SaveToSearchable.java "$PG_A_URL" "$PG_B_URL" bencher "$PASSWORD" "$SAVES" \
  | tee -a "$REPORT"
say "$(load)"
echo
echo "Report: $REPORT"
