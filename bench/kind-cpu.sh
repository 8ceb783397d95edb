#!/usr/bin/env bash
# One kind of the load mix's requests asked one at a time on a node warmed to a steady state:
# the node's processor time a request of that kind, and the engine's part of each page
# (Server-Timing), for comparing two builds on the kind a change is for.
#
#   flock /work/wt/bench.lock bench/kind-cpu.sh JAR DB INDEX [KIND] [N]
#
# KIND is a kind as bench/MixReplay.java names them (default words_filters_range), or all, or several
# kinds separated by commas, each replayed in turn on the one warmed node (a line each); its requests
# are those among the first N (default 18,000) of the timed log bench/LoadBenchmark.java makes
# (what a first rate of 300 req/s asks in its minute), in their order. The node (`serve
# --search-limit 0 --server-timing`, SERVER_HEAP default 2g, the parallel collector, as
# bench/serve-node.sh starts it) is warmed first by the warm-up log's WARM requests (default
# 30,000) at the load benchmark's steady rates (`--warm`). INDEX is used in place: give each build
# its own copy, or run them one after the other. SERVE_OPTIONS: further options for `serve`
# (split at spaces), such as "--kept-answers 256".
set -euo pipefail
cd "$(dirname "$0")/.."
jar=${1:?usage: bench/kind-cpu.sh JAR DB INDEX [KIND] [N]}
db=${2:?usage: bench/kind-cpu.sh JAR DB INDEX [KIND] [N]}
index=${3:?usage: bench/kind-cpu.sh JAR DB INDEX [KIND] [N]}
kind=${4:-words_filters_range}
n=${5:-18000}
SERVER_HEAP=${SERVER_HEAP:-2g}
source bench/serve-node.sh
work=$(mktemp -d)
# shellcheck disable=SC2086
serve_node "$jar" "$db" --index "$index" --search-limit 0 --server-timing ${SERVE_OPTIONS:-}
echo "# $kind one at a time, $(date -u +%Y-%m-%dT%H:%M:%SZ), $jar; load average $(cut -d' ' -f1-3 /proc/loadavg); files in $work"
SERVER_PID=$server java bench/LoadBenchmark.java "$url" --warm "${WARM:-30000}" | tail -2
java bench/LoadBenchmark.java "$url" --paths "$n" >"$work/timed.txt"
ticks=$(getconf CLK_TCK)
for one in ${kind//,/ }; do
  # The kinds as MixReplay.kind names them.
  awk -v want="$one" '{
    p = $0; k = "facets"; words = index(p, "q=") > 0
    filters = index(p, "type=") > 0 || index(p, "person=") > 0 || index(p, "place=") > 0
    if (p ~ /^\/documents\//) k = "record_page"
    else if (p ~ /^\/search\.csv/) k = "export"
    else if (index(p, "page=") > 0) k = "deep_page"
    else if (words && filters) k = (index(p, "from=") > 0 ? "words_filters_range" : "words_and_filters")
    else if (words) k = "words"
    if (k == want || want == "all") print p
  }' "$work/timed.txt" >"$work/$one.txt"
  count=$(wc -l <"$work/$one.txt")
  before=$(awk '{print $14 + $15}' /proc/"$server"/stat)
  java bench/MixReplay.java "$url" "$work/$one.txt" 0 "$count" "$work/$one.tsv"
  after=$(awk '{print $14 + $15}' /proc/"$server"/stat)
  awk -F'\t' '{ printf "%.3f\n", ($4 - $3) / 1e6 }' "$work/$one.tsv" | sort -n >"$work/$one.wall.txt"
  median=$(sed -n "$((count / 2 + 1))p" "$work/$one.wall.txt")
  p99=$(sed -n "$((count * 99 / 100 + 1))p" "$work/$one.wall.txt")
  awk -F'\t' -v want="$one" -v count="$count" -v cpu="$((after - before))" -v hz="$ticks" -v median="$median" -v p99="$p99" '
    { status[$5]++
      if (match($7, /search;dur=[0-9.]+/)) { search += substr($7, RSTART + 11, RLENGTH - 11); searched++ } }
    END {
      printf "%s: %d requests: the node'"'"'s processor time %.1f s, %.2f ms a request; the engine'"'"'s part (search;dur) %.2f ms on average; wall median %s, p99 %s ms; statuses:",
        want, count, cpu / hz, 1000 * cpu / hz / count, searched ? search / searched : 0, median, p99
      for (c in status) printf " %s %d", c, status[c]
      printf "\n"
    }' "$work/$one.tsv"
done
