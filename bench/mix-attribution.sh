#!/usr/bin/env bash
# Where the load mix's processor time goes, by kind of request and by part: serves DB with JAR
# (--server-timing, so that a search page answered from a kept page can be told apart), asks the
# mix's first WARM requests one at a time (bench/MixReplay.java; the node's own warm-up comes first),
# then the next ones up to TO under Java Flight Recorder's `profile` settings, with each thread's
# processor time read from /proc before and after (the JIT's compiler threads and the collector's
# are not in the samples), and gives each sample to the request being answered
# (bench/MixAttribution.java). One request at a time, so the node is never overloaded and the
# answers kept are those of the log's order, as under the load at any rate.
#
#   bench/mix-attribution.sh JAR DB [WARM, default 3000] [TO, default 9000]
#
# A node some 10,000 requests in is still compiling (its JIT four tenths of its processor time). To
# profile a steady node instead: WARM_UP_REQUESTS=N first asks the mix's N requests as fast as the
# node answers (bench/LoadBenchmark.java --warm, its JIT's share printed as it goes; 30000 at 1M),
# and AT_RATE=R then records RATE_SECONDS (default 60) of the mix at R req/s, open-loop as
# bench/load-benchmark.sh asks it, read by thread and by part (its requests overlap, so not by kind),
# before the one-at-a-time recording read by kind. The rate asks the log from its start, as
# MixReplay does: give a WARM of at least AT_RATE x RATE_SECONDS, so that the requests recorded one at
# a time were not asked at the rate already (their answers kept).
#
#   WARM_UP_REQUESTS=30000 AT_RATE=100 bench/mix-attribution.sh JAR DB 6000 12000
#
# Files (the recording, the replay's table, the threads' times) go to a temporary folder, printed.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=${1:?usage: bench/mix-attribution.sh JAR DB [warm] [to]}
db=${2:?usage: bench/mix-attribution.sh JAR DB [warm] [to]}
warm=${3:-3000}
to=${4:-9000}
SERVER_HEAP=${SERVER_HEAP:-2g}
# shellcheck source=bench/serve-node.sh
source bench/serve-node.sh
work=$(mktemp -d)
threads() {
  for t in /proc/"$server"/task/*; do
    echo "$(basename "$t")|$(cat "$t"/comm 2>/dev/null)|$(sed 's/.*) //' "$t"/stat 2>/dev/null | cut -d' ' -f12,13)"
  done
}
# recorded NAME COMMAND...: runs COMMAND under a profile recording NAME.jfr, and prints the
# processor time each group of the node's threads used meanwhile.
recorded() {
  local name=$1
  shift
  threads >"$work/$name.threads.before"
  jcmd "$server" JFR.start name="$name" settings=profile >/dev/null
  "$@"
  jcmd "$server" JFR.stop name="$name" filename="$work/$name.jfr" >/dev/null
  threads >"$work/$name.threads.after"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "processor time by thread group over the recorded requests (clock ticks, user + system):"
  awk -F'|' 'NR == FNR { split($3, b, " "); before[$1] = b[1] + b[2]; next }
      { name = $2; gsub(/[-#]?[0-9]+/, "#", name); split($3, a, " "); used = a[1] + a[2] - before[$1];
        ticks[name] += used; all += used }
      END { for (n in ticks) if (ticks[n] > 0) printf "  %7d %5.1f %%  %s\n", ticks[n], 100 * ticks[n] / all, n }' \
      "$work/$name.threads.before" "$work/$name.threads.after" | sort -rn | head -12
}
serve_node "$jar" "$db" --search-limit 0 --server-timing
echo "# The mix's processor time by kind and part, $(date -u +%Y-%m-%dT%H:%MZ), $jar on $db, requests $warm to $to"
echo "Machine: $(nproc) cores; load average at start: $(cut -d' ' -f1-3 /proc/loadavg); files in $work"
if [ -n "${WARM_UP_REQUESTS:-}" ]; then
  SERVER_PID=$server java bench/LoadBenchmark.java "$url" --warm "$WARM_UP_REQUESTS"
  # How much of the JIT's code cache the steady node fills (-XX:ReservedCodeCacheSize's question).
  jcmd "$server" Compiler.codecache | grep -E '^(CodeHeap|   )' || true
fi
if [ -n "${AT_RATE:-}" ]; then
  echo "## ${RATE_SECONDS:-60} s of the mix at $AT_RATE req/s, $(date -u +%T)"
  # Without WARM_UP_REQUESTS, which would warm the node all over again before the rate.
  recorded rate env -u WARM_UP_REQUESTS WARM_UP=0 java bench/LoadBenchmark.java "$url" "${RATE_SECONDS:-60}" "$AT_RATE"
  : >"$work/none.tsv"
  java bench/MixAttribution.java "$work/rate.jfr" "$work/none.tsv" | sed -n '1,30p'
fi
echo "## requests $warm to $to one at a time, $(date -u +%T)"
java bench/LoadBenchmark.java "$url" --paths "$to" >"$work/paths.txt"
java bench/MixReplay.java "$url" "$work/paths.txt" 0 "$warm" "$work/warm.tsv"
recorded mix java bench/MixReplay.java "$url" "$work/paths.txt" "$warm" "$to" "$work/replay.tsv"
java bench/MixAttribution.java "$work/mix.jfr" "$work/replay.tsv"
