#!/usr/bin/env bash
# Many readers at once: serves an existing catalogue and replays bench/LoadBenchmark.java's query
# mix open-loop at fixed arrival rates, once per server configuration given, side by side in one run.
#
#   bench/load-benchmark.sh DB [seconds per rate] [rates] [-- serve options per run, separated by ';']
#   bench/load-benchmark.sh /tmp/dossier-bench/1000000.db 20 50,100,200,400 \
#       -- "--max-searches 1000000" ";" ""         # without, then with the default bound on searches
#
#   JARS="/tmp/before.jar target/dossier.jar" bench/load-benchmark.sh DB 20 25,50   # two builds side by side
# The database must exist (make one with: java -jar target/dossier.jar generate --db FILE --count N).
#
# What a run measures depends on the warm-up before its first rate (after the node's own, serve
# --warm-up's 1,000 requests), one of two, set by WARM_UPS (a list: each node is run with each in turn):
#   short       (the default; all figures in BENCHMARKS.md before 2026-12-05 06:00 UTC) WARM_UP seconds
#               (default 10) of the mix at <= 50 req/s: a node some 1,500 requests in, still compiling
#               the mix's code (its JIT threads a quarter of its processor time), as just after a
#               restart; the first rates measure that compiling too, and swing with it.
#   requests=N  the steady node: the mix's first N requests of the warm-up's log, asked by
#               WARM_UP_CLIENTS (default 4) clients as fast as the node answers, the node's compiler
#               followed as it goes (a table of its JIT's share of the node's processor time, each
#               tenth); at 1M requests=30000 leaves it compiling still (its JIT 7-9 % of the last
#               tenth, some 470 methods compiled in the next minute); requests=90000 measures the node
#               done compiling, as it serves for hours (JIT 1 %: BENCHMARKS.md, "Kept answers sized
#               from the heap").
#   WARM_UPS="requests=30000 short" JARS="A.jar" bench/load-benchmark.sh DB 20 100,150  # both, side by side
#
# JVMS: the JVM's options to compare, separated by ';', each node run with each in turn after
# SERVER_HEAP's -Xmx (default: none beyond it):
#   JVMS="-Xmx512m;-Xmx512m -XX:+UseParallelGC;-Xmx2g" bench/load-benchmark.sh DB 20 100  # the last -Xmx counts
# CLIENTS: the load clients to compare, each node run with each in turn (a list; default: plain):
#   plain  blocking sockets kept open, a thread each (LoadBenchmark.PlainHttp): 0.3-0.4 ms of this
#          machine's processor a request, 0.07-0.09 of its two cores at 200-300 req/s
#   jdk    the JDK's asynchronous HttpClient (every figure in BENCHMARKS.md before 2026-12-07): 1.5-1.9 ms
#          a request, 0.28-0.40 cores at 200-300 req/s, which the node beside it did not get
#   CLIENTS="jdk plain" JARS="A.jar" bench/load-benchmark.sh DB 20 200,250   # both, side by side
# BY_KIND=1: each rate also reports latency by kind, what makes its slowest 1 % (kinds, beside an
# export, requests in flight when due), the client's and the node's processor time, the collector.
# The server gets SERVER_HEAP (default 512m) and --search-limit 0 (the per-client limit would
# refuse one client sending everything).
set -euo pipefail
cd "$(dirname "$0")/.."

db=${1:?usage: bench/load-benchmark.sh DB [seconds] [rates] [-- serve options ; serve options ...]}
seconds=${2:-20}
rates=${3:-25,50,100,200,400,800}
shift $(( $# < 3 ? $# : 3 ))
configs=("")
if [ "${1:-}" = "--" ]; then
  shift
  configs=()
  current=""
  for arg in "$@"; do
    if [ "$arg" = ";" ]; then configs+=("$current"); current=""; else current="$current $arg"; fi
  done
  configs+=("$current")
fi
SERVER_HEAP=${SERVER_HEAP:-512m}
# shellcheck source=bench/serve-node.sh
source bench/serve-node.sh

# JARS: jars to compare, each run with every configuration in turn (default: target/dossier.jar).
read -r -a jars <<<"${JARS:-target/dossier.jar}"
[ -n "${JARS:-}" ] || [ -f target/dossier.jar ] || mvn -B -q -DskipTests package
echo "# Load benchmark, $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD)"
echo "Machine: $(nproc) cores; load average at start: $(cut -d' ' -f1-3 /proc/loadavg); database $db"
read -r -a warm_ups <<<"${WARM_UPS:-short}"
read -r -a clients <<<"${CLIENTS:-plain}"
IFS=';' read -r -a jvms <<<"${JVMS:-}"
[ ${#jvms[@]} -gt 0 ] || jvms=("")
for jar in "${jars[@]}"; do
for config in "${configs[@]}"; do
for jvm in "${jvms[@]}"; do
for warm_up in "${warm_ups[@]}"; do
for client in "${clients[@]}"; do
  case $warm_up in
    short) requests="" ;;
    requests=[0-9]*) requests=${warm_up#requests=} ;;
    *) echo "WARM_UPS: '$warm_up' is neither short nor requests=N" >&2; exit 2 ;;
  esac
  echo
  echo "## $jar${jvm:+ ($jvm)}: serve${config:- (defaults)}; warm-up: $warm_up; client: $client"
  # shellcheck disable=SC2086
  SERVER_JVM=$jvm serve_node "$jar" "$db" --search-limit 0 $config
  if [ -n "$requests" ]; then
    CLIENT=$client WARM_UP_REQUESTS=$requests SERVER_PID=$server java bench/LoadBenchmark.java "$url" "$seconds" "$rates"
  else
    CLIENT=$client env -u WARM_UP_REQUESTS java bench/LoadBenchmark.java "$url" "$seconds" "$rates"
  fi
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  # What the node warned of or failed at (the missing --public-url aside): a failed request's cause.
  grep -E ' (WARN|ERROR) ' "$log" | grep -v 'No --public-url' | head -20 || true
  kill $server; wait $server 2>/dev/null || true
  rm -f "$log"
done
done
done
done
done
