#!/usr/bin/env bash
# The load mix's words-with-filters requests alone (words, one value of a type, person or place, and
# half of them a range of years), one at a time, against two warm nodes at once: each node's processor
# time a request and its p50 and p99 (bench/TwinCpu.java), with and without a range, and whether the
# two answered every request alike. Directed at the mix's costliest kind (sweep `mixcpu`: some 17 % of
# its requests and 69 % of its processor time), so that a change to how those are counted is measured
# on them and not diluted in the whole mix.
#
#   bench/words-with-filters.sh BEFORE.jar copy-a/1m.db AFTER.jar copy-b/1m.db
#
# Each jar serves its own copy (a node locks its index) on PORT_1 and PORT_2 (7100 and 7101 unless
# set), with SERVER_HEAP (2g unless set) and --search-limit 0. Both are warmed, outside the bench
# lock, by the mix's first WARM requests (6000 unless set; LoadBenchmark --warm, 4 clients), one node
# after the other: what a node keeps after serving for a while (counts under the words, the ranges'
# records, kept pages) and its JIT settled. Then, under the bench lock (/work/wt/bench.lock) and only
# for the measurement, two rounds of requests neither node was asked before: the words with filters
# of the mix's requests FROM to FROM+SPAN (30000 and 6000 unless set), node 1 named first; then those
# of FROM+SPAN to FROM+2*SPAN, node 2 named first (TwinCpu swaps which node is asked first every
# request; naming them the other way round swaps their columns). So each build is measured twice,
# each time on fresh requests, A B then B A. Pages are asked as a browser asks (gzip). With WHOLE_MIX=1
# each round also times the rest of its requests (every kind but these and exports) and its exports.
# Last, each node's live heap after a full collection (jcmd GC.run, GC.heap_info).
# JVM_1 and JVM_2 (none unless set) are JVM options for node 1 and node 2 alone: one jar twice, one
# node with an option (JVM_2=-XX:+UseTransparentHugePages), measures the option. SERVE_1 and SERVE_2
# (none unless set) are serve options for node 1 and node 2 alone, likewise (SERVE_2="--kept-answers 256").
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 4 ] || { echo "usage: bench/words-with-filters.sh JAR_1 DB_1 JAR_2 DB_2" >&2; exit 2; }
jar1=$1 db1=$2 jar2=$3 db2=$4
port1=${PORT_1:-7100} port2=${PORT_2:-7101}
warm=${WARM:-6000} from=${FROM:-30000} span=${SPAN:-6000}
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT

start() { # start JAR DB PORT SERVE_OPTIONS [JVM_OPTION...]: a node, its pid appended to pids
  # shellcheck disable=SC2086
  java "-Xmx${SERVER_HEAP:-2g}" "${@:5}" -jar "$1" serve --db "$2" --host 127.0.0.1 --port "$3" --search-limit 0 $4 \
    >"$work/node-$3.log" 2>&1 &
  pids+=($!)
}
ready() { # ready PORT PID
  for _ in $(seq 1 900); do
    curl -sf "http://127.0.0.1:$1/ready" >/dev/null 2>&1 && return 0
    kill -0 "$2" 2>/dev/null || { cat "$work/node-$1.log"; exit 1; }
    sleep 1
  done
  echo "the node on :$1 was not ready within 15 minutes" >&2
  exit 1
}

start "$jar1" "$db1" "$port1" "${SERVE_1:-}" ${JVM_1:-}
start "$jar2" "$db2" "$port2" "${SERVE_2:-}" ${JVM_2:-}
pid1=${pids[0]} pid2=${pids[1]}
ready "$port1" "$pid1"
ready "$port2" "$pid2"
echo "# $jar1 ${JVM_1:-} ${SERVE_1:-} on $db1 (:$port1, pid $pid1), $jar2 ${JVM_2:-} ${SERVE_2:-} on $db2 (:$port2, pid $pid2); $(date -u +%T) UTC; load $(cut -d' ' -f1-3 /proc/loadavg)"
java bench/LoadBenchmark.java "http://127.0.0.1:$port1" --warm "$warm" >/dev/null
java bench/LoadBenchmark.java "http://127.0.0.1:$port2" --warm "$warm" >/dev/null
echo "# both warmed by the mix's first $warm requests: $(date -u +%T) UTC; load $(cut -d' ' -f1-3 /proc/loadavg)"
for p in "$pid1" "$pid2"; do # whether a node's memory is in transparent huge pages (-XX:+UseTransparentHugePages)
  echo "# node pid $p: $(grep -E '^(Rss|AnonHugePages):' /proc/$p/smaps_rollup 2>/dev/null | tr -s ' ' | paste -sd, -)"
done

# The mix's log (the same seeded log whatever the node), its words with filters split by range.
java bench/LoadBenchmark.java "http://127.0.0.1:$port1" --paths $((from + 2 * span)) >"$work/paths.txt"
for round in 1 2; do
  first=$((from + (round - 1) * span + 1))
  sed -n "${first},$((first + span - 1))p" "$work/paths.txt" >"$work/all-$round.txt"
  grep -E '^/search\?q=[^&]*&(type|person|place)=' "$work/all-$round.txt" | grep -v '&page=' >"$work/wf-$round.txt" || true
  grep '&from=' "$work/wf-$round.txt" >"$work/wf-range-$round.txt" || true
  grep -v '&from=' "$work/wf-$round.txt" >"$work/wf-plain-$round.txt" || true
  # WHOLE_MIX=1: also the round's exports and every other request, each build asked the same ones.
  grep '^/search\.csv' "$work/all-$round.txt" >"$work/export-$round.txt" || true
  grep -v -x -F -f "$work/wf-$round.txt" "$work/all-$round.txt" | grep -v '^/search\.csv' >"$work/rest-$round.txt" || true
done

measure() { # measure ROUND PORT_A PID_A PORT_B PID_B
  echo "# round $1: $(date -u +%T) UTC; load $(cut -d' ' -f1-3 /proc/loadavg)"
  (cd "$work" && ACCEPT_ENCODING="gzip, deflate, br, zstd" java "$OLDPWD/bench/TwinCpu.java" "$2" "$3" "$4" "$5" \
    "wf-range-$1.txt" "wf-plain-$1.txt" ${WHOLE_MIX:+"rest-$1.txt" "export-$1.txt"})
  echo "# round $1 ends: $(date -u +%T) UTC; load $(cut -d' ' -f1-3 /proc/loadavg)"
}
export -f measure
export work
flock /work/wt/bench.lock bash -c "measure 1 $port1 $pid1 $port2 $pid2; measure 2 $port2 $pid2 $port1 $pid1"
# Each node's live heap once the rounds are over (a full collection first, outside the lock): what
# it keeps after serving them (kept answers and pages, counts, the segments' columns and bits).
for p in "$pid1" "$pid2"; do
  jcmd "$p" GC.run >/dev/null
  echo "# node pid $p after the rounds: $(jcmd "$p" GC.heap_info | grep -E 'garbage-first heap|total' | head -1 | tr -s ' ')"
done
