#!/usr/bin/env bash
# Where a node's processor time goes under the load mix: serves DB with JAR under Java Flight
# Recorder (its `profile` settings), replays bench/LoadBenchmark.java's mix open-loop at RATE for
# SECONDS, then prints the methods most sampled (bench/HotMethods.java): Dossier's methods with
# everything they call, then each method's own samples.
#
#   bench/profile-load.sh JAR DB [rate, default 50] [seconds, default 60] [top, default 40]
#   bench/profile-load.sh target/dossier.jar /tmp/dossier-bench/1000000.db 50 60
#
# Shares of samples, not times: the recording (`profile` settings, started as the mix begins) slows
# the node, so the mix's latencies here are not comparable with bench/load-benchmark.sh's (at 1M,
# 25 req/s: p99 3 s and a quarter turned away here, 73-92 ms and none there, same build).
# The recording (DB's name with .jfr, in a temporary folder, printed) starts once the node is
# ready, after its warm-up; `java bench/HotMethods.java FILE '!method' org.dossier N` reads it again
# leaving out the stacks through a method (or, without the '!', only those through it).
set -euo pipefail
cd "$(dirname "$0")/.."
jar=${1:?usage: bench/profile-load.sh JAR DB [rate] [seconds] [top]}
db=${2:?usage: bench/profile-load.sh JAR DB [rate] [seconds] [top]}
rate=${3:-50}
seconds=${4:-60}
top=${5:-40}
SERVER_HEAP=${SERVER_HEAP:-2g}
# shellcheck source=bench/serve-node.sh
source bench/serve-node.sh
recording=$(mktemp -d)/$(basename "$db" .db).jfr
serve_node "$jar" "$db" --search-limit 0
jcmd "$server" JFR.start name=load settings=profile >/dev/null
echo "# Profile of the load mix, $(date -u +%Y-%m-%dT%H:%MZ), $jar on $db, $rate req/s for $seconds s"
echo "Machine: $(nproc) cores; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
java bench/LoadBenchmark.java "$url" "$seconds" "$rate"
jcmd "$server" JFR.stop name=load filename="$recording" >/dev/null
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); recording: $recording"
java bench/HotMethods.java "$recording" - org.dossier "$top"
