#!/usr/bin/env bash
# Where a search page's time goes beyond the engine's, per build (BENCHMARKS.md, "A search page's
# time beyond the engine's"): for each jar in JARS in turn, serves DB on PORT (default 7100) with
# every search computed anew (--kept-answers 0) and Server-Timing, lets it warm itself up, runs
# bench/PageParts.java on the cases (RUNS after WARM each, one request at a time), stops it.
#
#   JARS="before.jar after.jar before.jar" bench/page-parts.sh DB [RUNS] [WARM]
set -u
cd "$(dirname "$0")/.."
db=${1:?usage: JARS="a.jar b.jar" bench/page-parts.sh DB [RUNS] [WARM]}
runs=${2:-200} warm=${3:-100} port=${PORT:-7100}
read -r -a jars <<<"${JARS:-target/dossier.jar}"
cases=('/search' '/search?q=telegram' '/search?q=leadership' '/search?q=telegram&sort=-date' '/search?q=telegram&page=50')
for jar in "${jars[@]}"; do
  java -Xmx512m -jar "$jar" serve --db "$db" --host 127.0.0.1 --port "$port" --kept-answers 0 --server-timing \
    --search-limit 0 > "${TMPDIR:-/tmp}/page-parts-serve.log" 2>&1 &
  pid=$!
  for i in $(seq 1 600); do
    curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/ready" | grep -q 200 && break
    sleep 1
  done
  echo "$jar ($(date -u +%H:%M:%S) UTC, ready after ${i}s, load average $(cut -d' ' -f1-3 /proc/loadavg)):"
  echo
  java bench/PageParts.java "http://127.0.0.1:$port" "$runs" "$warm" "${cases[@]}"
  echo
  kill $pid; wait $pid 2>/dev/null
done
