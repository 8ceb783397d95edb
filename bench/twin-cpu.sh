#!/usr/bin/env bash
# Two builds' server CPU per request, measured at once (bench/TwinCpu.java): each jar serves its own
# copy of a catalogue (a node locks its index, so two nodes cannot share one), both are warmed by
# LoadBenchmark's mix (45 s at 20 req/s, one after the other), then every request of each file goes
# to both nodes in turn.
#
#   bench/twin-cpu.sh BEFORE.jar copy-a/1m.db AFTER.jar copy-b/1m.db wf.txt facets.txt
#   bench/twin-cpu.sh AFTER.jar copy-a/1m.db BEFORE.jar copy-b/1m.db wf.txt facets.txt   # places swapped
#
# The files hold one path a line (java bench/LoadBenchmark.java URL --paths N, filtered by kind). The
# last column counts the requests the two nodes answered differently (their own addresses aside).
# ACCEPT_ENCODING: sent with every measured request (e.g. "gzip, deflate, br, zstd", as Chromium
# does), so that the nodes compress their answers as for a browser.
# SERVE_OPTIONS: more options for both nodes' serve (e.g. --kept-answers 0: every search counted
# as if first asked on a fresh snapshot).
# WARM_UP_REQUESTS=N: each node warmed instead by the mix's first N requests as fast as it answers
# (LoadBenchmark --warm, 4 clients), one after the other: what a node keeps after serving for a
# while (counts, ranges' records, the words' records by year) and its JIT settled, as under
# bench/load-benchmark.sh's steady warm-up (30000 at 1M; the 45 s at 20 req/s leave a node some
# 2,000 requests in, still compiling, whose first askings of each word and range dominate).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 5 ] || { echo "usage: bench/twin-cpu.sh JAR_1 DB_1 JAR_2 DB_2 FILE..." >&2; exit 2; }
jar1=$1 db1=$2 jar2=$3 db2=$4
shift 4
SERVER_HEAP=${SERVER_HEAP:-512m}
# shellcheck source=bench/serve-node.sh
source bench/serve-node.sh
# shellcheck disable=SC2086
serve_node "$jar1" "$db1" --search-limit 0 ${SERVE_OPTIONS:-}
server1=$server url1=$url log1=$log
# shellcheck disable=SC2086
serve_node "$jar2" "$db2" --search-limit 0 ${SERVE_OPTIONS:-}
server2=$server url2=$url log2=$log
trap 'kill $server1 $server2 2>/dev/null || true; rm -f "$log1" "$log2"' EXIT
echo "# $jar1 on $db1 ($url1), $jar2 on $db2 ($url2), ${SERVE_OPTIONS:-defaults}, $(date -u +%T) UTC; uptime: $(uptime)"
if [ -n "${WARM_UP_REQUESTS:-}" ]; then
  java bench/LoadBenchmark.java "$url1" --warm "$WARM_UP_REQUESTS" >/dev/null
  java bench/LoadBenchmark.java "$url2" --warm "$WARM_UP_REQUESTS" >/dev/null
else
  java bench/LoadBenchmark.java "$url1" --cpu "$server1" 1 45 >/dev/null
  java bench/LoadBenchmark.java "$url2" --cpu "$server2" 1 45 >/dev/null
fi
java bench/TwinCpu.java "${url1##*:}" "$server1" "${url2##*:}" "$server2" "$@"
echo "end $(date -u +%T) UTC; load average $(cut -d' ' -f1-3 /proc/loadavg)"
