#!/usr/bin/env bash
# relevance-benchmark.sh DB JAR... : serves DB's index with each jar in turn (same index, same
# options, one after the other) and measures its relevance-ranked searches: bench/SearchBenchmark.java
# (every case, the ranked ones among them), then page 1, page 50 and page 999 of q=$WORD (the last
# page that can be reached at 10 per page) and its CSV export (every hit id ranked, then every
# record read and written). Under the benchmark lock, so that no other benchmark runs beside it.
#
#   bench/relevance-benchmark.sh /tmp/ties-1m/1000000.db /tmp/before.jar /tmp/after.jar
#
# Environment: WORD (default korea), RUNS and WARMUP (SearchBenchmark's, default 300 and 150),
# PAGE_RUNS (requests per deep page, default 100), EXPORT_RUNS (default 5), PORT (default 7501),
# SERVER_HEAP (default 512m), BENCH_LOCK (default /work/wt/bench.lock).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
db=$1; shift
WORD=${WORD:-korea}; RUNS=${RUNS:-300}; WARMUP=${WARMUP:-150}; PAGE_RUNS=${PAGE_RUNS:-100}
EXPORT_RUNS=${EXPORT_RUNS:-5}; PORT=${PORT:-7501}; SERVER_HEAP=${SERVER_HEAP:-512m}
lock=${BENCH_LOCK:-/work/wt/bench.lock}
mkdir -p "$(dirname "$lock")"
exec 9>"$lock"
flock 9

# The median, p90, p99 and maximum of the times (ms, one a line) on standard input.
percentiles() {
  sort -n | awk '{ t[NR] = $1 } END { n = NR; i50 = int(n * 0.5 + 0.999); i90 = int(n * 0.9 + 0.999); i99 = int(n * 0.99 + 0.999);
    printf "%.1f ms | %.1f ms | %.1f ms | %.1f ms", t[i50], t[i90], t[i99], t[n] }'
}

for jar in "$@"; do
  echo "## $jar ($(date -u +%H:%M:%S) UTC, load average $(cut -d' ' -f1-3 /proc/loadavg))"
  log=$(mktemp)
  java "-Xmx$SERVER_HEAP" -jar "$jar" serve --db "$db" --host 127.0.0.1 --port "$PORT" --server-timing \
    --search-limit 0 --kept-answers 0 --warm-up 0 >"$log" 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null || true' EXIT
  for _ in $(seq 1 600); do
    grep -qs "is serving" "$log" && break
    kill -0 $server 2>/dev/null || { cat "$log"; exit 1; }
    sleep 0.5
  done
  url=http://127.0.0.1:$PORT
  java "$here/SearchBenchmark.java" "$url" "$RUNS" "$WARMUP"
  echo
  echo "| q=$WORD | page median | page p90 | page p99 | page max | engine median | engine p99 |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  for page in 1 50 999; do
    times=$(mktemp); engine=$(mktemp)
    for i in $(seq 1 $((PAGE_RUNS + PAGE_RUNS / 2))); do
      # The first third of the requests warm up.
      out=$(curl -s -o /dev/null -D - -w 'took %{time_total}\n' "$url/search?q=$WORD&page=$page")
      [ "$i" -le $((PAGE_RUNS / 2)) ] && continue
      echo "$out" | awk '/^took/ { print $2 * 1000 }' >>"$times"
      echo "$out" | grep -o 'search;dur=[0-9.]*' | cut -d= -f2 >>"$engine"
    done
    echo "| page $page | $(percentiles <"$times") | $(percentiles <"$engine" | cut -d'|' -f1) | $(percentiles <"$engine" | cut -d'|' -f3) |"
    rm -f "$times" "$engine"
  done
  times=$(mktemp)
  for i in $(seq 1 $((EXPORT_RUNS + 1))); do
    took=$(curl -s -o /dev/null -w '%{time_total}' "$url/search.csv?q=$WORD")
    [ "$i" -gt 1 ] && awk -v t="$took" 'BEGIN { print t * 1000 }' >>"$times"
  done
  echo "| export (/search.csv, $EXPORT_RUNS runs after one) | $(percentiles <"$times") | | |"
  rm -f "$times"
  kill $server
  wait $server 2>/dev/null || true
  trap - EXIT
  rm -f "$log"
  echo
done
