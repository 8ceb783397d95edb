#!/usr/bin/env bash
# Where a search page's time goes beyond the engine's, per build (BENCHMARKS.md, "A search page's
# time beyond the engine's"): for each jar in JARS in turn, serves DB on PORT (default 7100) with
# every search computed anew (--kept-answers 0) and Server-Timing, lets it warm itself up, runs
# bench/PageParts.java on the cases (RUNS after WARM each, one request at a time), then the broad
# case with curl over one kept-alive connection (its time beside the handler's), and stops it.
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
  # The same broad page asked by curl, RUNS + WARM times on one connection: another client's view.
  ask=() && for _ in $(seq 1 $((runs + warm))); do ask+=(-o /dev/null "http://127.0.0.1:$port/search?q=telegram"); done
  headers=$(mktemp) totals=$(mktemp) pairs=$(mktemp)
  curl -s -D "$headers" -w '%{time_total}\n' "${ask[@]}" | tail -n "$runs" >"$totals"
  grep -i '^server-timing' "$headers" | grep -o 'page;dur=[0-9.]*' | cut -d= -f2 | tail -n "$runs" | paste "$totals" - \
    | awk '{ print $1 * 1000, $1 * 1000 - $2 }' >"$pairs"
  median() { cut -d' ' -f"$1" "$pairs" | sort -n | awk '{ v[NR] = $1 } END { printf "%.1f ms", v[int((NR + 1) / 2)] }'; }
  echo
  echo "curl, \`/search?q=telegram\` on one connection: client median $(median 1), client - page median $(median 2)"
  rm -f "$headers" "$totals" "$pairs"
  echo
  kill $pid; wait $pid 2>/dev/null
done
