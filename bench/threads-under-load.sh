#!/usr/bin/env bash
# A node's threads under the load mix: serves DB and INDEX with JAR, warms it to a steady state (the mix's
# first 30,000 warm-up requests or WARM, 4 clients as fast as it answers), then asks the load mix open-loop at RATES
# (60 s each, bench/LoadBenchmark.java with BY_KIND and a 10 s warm-up at 50 req/s), and prints, over the
# rates, the node's processor time and each kind of thread's switches (voluntary and not, from
# /proc/PID/task/*/status) and processor ticks, beside LoadBenchmark's own table (in OUT.load).
#
#   bench/threads-under-load.sh JAR DB INDEX RATES OUT
#   flock /work/wt/bench.lock bench/threads-under-load.sh target/dossier.jar /tmp/1m.db /tmp/1m.index 300,350 /tmp/leg1
#
# PORT (default 7094), SERVER_HEAP (default 2g), WARM (the warm-up's requests, default 30000) and SERVE_OPTIONS
# (more of serve's options, as bench/export-probe.sh takes them) may be set; the node runs as bench/serve-node.sh runs one
# (-Xms and -Xmx alike, the parallel collector, --search-limit 0).
set -euo pipefail
cd "$(dirname "$0")/.."

jar=${1:?usage: bench/threads-under-load.sh JAR DB INDEX RATES OUT}
db=${2:?DB}
index=${3:?INDEX}
rates=${4:?RATES}
out=${5:?OUT}
port=${PORT:-7094}
heap=${SERVER_HEAP:-2g}
url=http://127.0.0.1:$port

java -Xms"$heap" -Xmx"$heap" -XX:+UseParallelGC -jar "$jar" serve --db "$db" --index "$index" --host 127.0.0.1 \
    --port "$port" --search-limit 0 ${SERVE_OPTIONS:-} > "$out.node.log" 2>&1 &
node=$!
trap 'kill $node 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
  curl -sf "$url/ready" > /dev/null && break
  sleep 1
done
SERVER_PID=$node java bench/LoadBenchmark.java "$url" --warm "${WARM:-30000}" 2>&1 | tail -2

# Per kind of thread (its name's first 15 characters, as /proc gives it): switches and processor ticks.
threads() {
  # A thread that ends while it is read is left out (its lines incomplete).
  for task in /proc/$node/task/*; do
    echo "$(tr ' ' '_' < "$task/comm") $(awk '/^voluntary_ctxt/{v=$2} /^nonvoluntary_ctxt/{n=$2} END{print v+n}' "$task/status") $(awk '{print $14+$15}' "$task/stat")"
  done 2> /dev/null | awk 'NF == 3 {s[$1]+=$2; c[$1]+=$3} END{for (k in s) print k, s[k], c[k]}' | sort
}
threads > "$out.before"
before=$(awk '{print $14+$15}' /proc/$node/stat)
SERVER_PID=$node BY_KIND=1 WARM_UP=10 java bench/LoadBenchmark.java "$url" 60 "$rates" > "$out.load" 2>&1
after=$(awk '{print $14+$15}' /proc/$node/stat)
threads > "$out.after"

ticks=$(getconf CLK_TCK)
echo "the node's processor time over the rates (their 10 s warm-up included): $(( (after - before) * 1000 / ticks )) ms"
join -a2 "$out.before" "$out.after" | awk '{if (NF == 5) {d = $4 - $2; c = $5 - $3} else {d = $2; c = $3}
    if (d > 0 || c > 0) printf "  %d switches, %d ticks: %s\n", d, c, $1}' | sort -rn | head -8
grep '^| [0-9]\|processor time over' "$out.load"
