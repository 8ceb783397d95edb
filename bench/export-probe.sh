#!/usr/bin/env bash
# What exports cost the other requests, directed (bench/ExportProbe.java): for each jar in turn, a node on
# its own copy of the catalogue, warmed by the mix's first WARM_UP_REQUESTS (default 6000) requests as
# fast as it answers, then a steady stream of PROBES' searches at RATE a second, SECONDS alone and SECONDS
# while EXPORTS' exports are asked for back to back; each phase's probe p50/p90/p99 and the exports.
#
#   bench/export-probe.sh DB PROBES.txt EXPORTS.txt RATE SECONDS JAR...
#   bench/export-probe.sh /tmp/x/1m.db wf.txt export.txt 150 30 before.jar after.jar after.jar before.jar  # A B B A
#
# The files hold one path a line (java bench/LoadBenchmark.java URL --paths N, filtered by kind).
# SERVE_OPTIONS: more options for every node's serve (e.g. "--kept-answers 0": each probe searched anew,
# not answered from what the node kept; "--export-nice 0": exports on their requests' threads).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 6 ] || { echo "usage: bench/export-probe.sh DB PROBES EXPORTS RATE SECONDS JAR..." >&2; exit 2; }
db=$1 probes=$2 exports=$3 rate=$4 seconds=$5
shift 5
SERVER_HEAP=${SERVER_HEAP:-2g}
# shellcheck source=bench/serve-node.sh
source bench/serve-node.sh
for jar in "$@"; do
  # shellcheck disable=SC2086
  serve_node "$jar" "$db" --search-limit 0 ${SERVE_OPTIONS:-}
  java bench/LoadBenchmark.java "$url" --warm "${WARM_UP_REQUESTS:-6000}" >/dev/null
  echo "== $jar ${SERVE_OPTIONS:-} $(date -u +%T) UTC, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  java bench/ExportProbe.java "$url" "$probes" "$exports" "$rate" "$seconds"
  echo "   node's processor time: $(awk '{printf "%.1f s", ($14+$15)/100}' /proc/$server/stat), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  kill $server
  wait $server 2>/dev/null || true
  rm -f "$log"
done
