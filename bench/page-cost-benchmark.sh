#!/usr/bin/env bash
# What a /search page costs beyond the search itself: serves a catalogue with each jar given in turn
# and asks four searches again and again, each time under another address (an extra parameter the
# page ignores), so that the engine's kept answer is used (engine time about 0.5 ms) but the page is
# built and rendered anew every time. Prints, per jar, the median and p90 of the handler's time minus
# the engine's (both from Server-Timing), over 2 x 150 rounds of the four searches.
#
#   JARS="/tmp/before.jar target/dossier.jar" bench/page-cost-benchmark.sh /work/wt/bench-data/1000000.db
set -euo pipefail
cd "$(dirname "$0")/.."

db=${1:?usage: JARS="a.jar b.jar" bench/page-cost-benchmark.sh DB [rounds]}
rounds=${2:-150}
# shellcheck source=bench/serve-node.sh
source bench/serve-node.sh
read -r -a jars <<<"${JARS:-target/dossier.jar}"
searches=("q=china" "person=stalin&type=ciphered-telegram" "q=mao&year=1952" "q=treaty+moscow&place=moscow")
echo "# Page cost beyond the engine, $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD)"
echo "Machine: $(nproc) cores; load average at start: $(cut -d' ' -f1-3 /proc/loadavg); database $db"
echo
echo "| jar | pages | page minus engine, median | p90 | engine median |"
echo "|---|---:|---:|---:|---:|"
for jar in "${jars[@]}"; do
  timings=$(mktemp)
  serve_node "$jar" "$db" --search-limit 0 --server-timing
  for pass in warm measured; do
    : >"$timings"
    for i in $(seq 1 "$rounds"); do
      for s in "${searches[@]}"; do
        curl -s -o /dev/null -D - "$url/search?$s&round=$pass$i" | grep -i '^server-timing' >>"$timings" || true
      done
    done
  done
  python3 - "$jar" "$timings" <<'PY'
import re, sys
# By name: a newer build's header has more parts between the two (search;dur=..., ..., page;dur=...).
rows = [(float(re.search(r'search;dur=([\d.]+)', line)[1]), float(re.search(r'page;dur=([\d.]+)', line)[1]))
        for line in open(sys.argv[2])]
beyond = sorted(page - engine for engine, page in rows)
engine = sorted(e for e, _ in rows)
print(f"| {sys.argv[1]} | {len(rows)} | {beyond[len(beyond) // 2]:.1f} ms | {beyond[int(len(beyond) * .9)]:.1f} ms "
      f"| {engine[len(engine) // 2]:.1f} ms |")
PY
  kill $server; wait $server 2>/dev/null || true
  rm -f "$log" "$timings"
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
