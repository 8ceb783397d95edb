#!/usr/bin/env bash
# Measures /search at several catalogue sizes: generates each database once (kept for reruns),
# builds its search index from scratch (timed, with the heap it used), serves it and runs
# bench/SearchBenchmark.java against it. Writes a report to $BENCH_DIR/report-<time>.md.
#
#   bench/search-benchmark.sh                  # 10k, 100k and 1M records in /tmp/dossier-bench
#   bench/search-benchmark.sh 10000 100000     # only these sizes
#
# Environment: BENCH_DIR (default /tmp/dossier-bench: outside the repository, several GB for 1M),
# RUNS (measured requests per case, default 300), WARMUP (default 150), SERVER_HEAP (default 512m),
# BUILD_HEAP (default 512m), KEPT_ANSWERS (the server's --kept-answers in MB, default 0: every request is
# counted afresh, as a search asked for the first time is; the engine otherwise keeps each answer until
# the next change, and a benchmark that asks one search 450 times would measure only that), REINDEX
# (default 1; 0 serves an index already built beside the database instead of building it again), JAR (the
# jar to measure, default target/dossier.jar built first; a jar copied aside does not change under a
# long run while the worktree is rebuilt).
set -euo pipefail
cd "$(dirname "$0")/.."

BENCH_DIR=${BENCH_DIR:-/tmp/dossier-bench}
RUNS=${RUNS:-300}
WARMUP=${WARMUP:-150}
SERVER_HEAP=${SERVER_HEAP:-512m}
BUILD_HEAP=${BUILD_HEAP:-512m}
KEPT_ANSWERS=${KEPT_ANSWERS:-0}
SIZES=("$@")
if [ ${#SIZES[@]} -eq 0 ]; then SIZES=(10000 100000 1000000); fi

mkdir -p "$BENCH_DIR"
REPORT="$BENCH_DIR/report-$(date +%Y%m%d-%H%M%S).md"
if [ -z "${JAR:-}" ]; then
  mvn -B -q -DskipTests package
  JAR=target/dossier.jar
fi

{
  echo "# Search benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo) RAM;" \
       "$(java -version 2>&1 | head -1); commit $(git rev-parse --short HEAD), jar $JAR"
  echo "Server heap -Xmx$SERVER_HEAP, index build heap -Xmx$BUILD_HEAP, --kept-answers $KEPT_ANSWERS MB."
} | tee "$REPORT"

for n in "${SIZES[@]}"; do
  db="$BENCH_DIR/$n.db"
  echo | tee -a "$REPORT"
  echo "## $n records" | tee -a "$REPORT"
  if [ ! -f "$db" ]; then
    java -jar "$JAR" generate --db "$db" --count "$n" --seed 1950 2>&1 | tee -a "$REPORT"
  fi
  gclog="$BENCH_DIR/reindex-$n.gc.log"
  if [ "${REINDEX:-1}" = 0 ] && [ -d "${db%.db}.index" ]; then
    echo "index kept from before (REINDEX=0): $(du -sh "${db%.db}.index" | cut -f1)" | tee -a "$REPORT"
  else
    /usr/bin/time -f "reindex: %e s elapsed, peak RSS %M KB" -o "$BENCH_DIR/time-$n.txt" \
      java "-Xmx$BUILD_HEAP" "-Xlog:gc:file=$gclog" -jar "$JAR" reindex --db "$db" 2>&1 | tee -a "$REPORT"
    cat "$BENCH_DIR/time-$n.txt" | tee -a "$REPORT"
    # The largest heap occupancy before a collection, and the largest left after one.
    awk '/Pause/ { if (match($0, /[0-9]+M->[0-9]+M/)) { split(substr($0, RSTART, RLENGTH), a, /M->|M/);
           if (a[1] > before) before = a[1]; if (a[2] > after) after = a[2] } }
         END { printf "reindex heap: at most %d MB in use before a collection, %d MB left after one (young collections leave old garbage: not the live set)\n", before, after }' \
      "$gclog" | tee -a "$REPORT"
    echo "index size: $(du -sh "${db%.db}.index" | cut -f1)" | tee -a "$REPORT"
  fi

  log="$BENCH_DIR/serve-$n.log"
  started=$(date +%s.%N)
  java "-Xmx$SERVER_HEAP" -jar "$JAR" serve --db "$db" --host 127.0.0.1 --port 0 --server-timing --search-limit 0 \
    --kept-answers "$KEPT_ANSWERS" >"$log" 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null || true' EXIT
  for _ in $(seq 1 600); do
    grep -qs "is serving" "$log" && break
    kill -0 $server 2>/dev/null || { cat "$log"; exit 1; }
    sleep 0.5
  done
  serving=$(date +%s.%N)
  url=$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -1)
  # Ready (200) once the index is open and the node's own warm-up (serve --warm-up) is done: what a
  # load balancer waits for.
  for _ in $(seq 1 1200); do
    curl -sf "$url/ready" >/dev/null 2>&1 && break
    kill -0 $server 2>/dev/null || { cat "$log"; exit 1; }
    sleep 0.5
  done
  echo "start-up: serving $(awk -v from="$started" -v to="$serving" 'BEGIN { printf "%.1f", to - from }') s," \
    "ready $(awk -v from="$started" -v to="$(date +%s.%N)" 'BEGIN { printf "%.1f", to - from }') s after the JVM was started" \
    "(each to within half a second), the index already built" | tee -a "$REPORT"
  java bench/SearchBenchmark.java "$url" "$RUNS" "$WARMUP" | tee -a "$REPORT"
  jcmd $server GC.run >/dev/null 2>&1 || true
  echo "server heap after the run and a full collection: $(jcmd $server GC.heap_info 2>/dev/null \
    | grep -Eo 'used [0-9]+K' | head -1); process RSS $(ps -o rss= -p $server) KB" | tee -a "$REPORT"
  kill $server
  wait $server 2>/dev/null || true
  trap - EXIT
  java "-Xmx$SERVER_HEAP" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$JAR" bench/IndexUpdateBenchmark.java \
    "$db" 40 | tee -a "$REPORT"
done
echo
echo "Report: $REPORT"
