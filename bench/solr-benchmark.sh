#!/usr/bin/env bash
# The embedded engine and SolrCloud side by side on one catalogue: starts a local SolrCloud
# (bin/solr-dev), makes a 2-shard collection with `solr-setup`, times `reindex` into it (records/s)
# and the embedded index build, then serves two nodes on the same database, one on each engine, and
# runs bench/SearchBenchmark.java against each with the same queries, with 1 client and with 32.
# Stops everything at the end. Writes a report to $BENCH_DIR/solr-report-<time>.md.
#
#   java -jar target/dossier.jar generate --db /tmp/dossier-bench/100000.db --count 100000 --seed 1950
#   flock /work/wt/bench.lock bench/solr-benchmark.sh /tmp/dossier-bench/100000.db
#
# Environment: BENCH_DIR (default /tmp/dossier-bench), RUNS (measured requests per case, default
# 300), WARMUP (default 100), CLIENTS (default "1 32"), SHARDS (default 2), SERVER_HEAP (default 512m).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -ne 1 ] || [ ! -f "$1" ]; then
  echo "usage: bench/solr-benchmark.sh CATALOGUE.db   (make one with: java -jar target/dossier.jar generate)" >&2
  exit 2
fi
db=$(realpath "$1")
BENCH_DIR=${BENCH_DIR:-/tmp/dossier-bench}
RUNS=${RUNS:-300}
WARMUP=${WARMUP:-100}
CLIENTS=${CLIENTS:-1 32}
SHARDS=${SHARDS:-2}
JAR=target/dossier.jar
[ -f "$JAR" ] || mvn -B -q -DskipTests package
source bench/serve-node.sh
source bench/solr-cluster.sh
solr_cluster solr "Embedded index and SolrCloud ($SHARDS shards)" "database $db"

seconds() { date +%s.%N; }
start=$(seconds)
java -Xmx512m -jar "$JAR" reindex --db "$db" --search "$solr" >"$work/reindex-solr.log" 2>&1
solr_took=$(echo "$(seconds) - $start" | bc)
start=$(seconds)
java -Xmx512m -jar "$JAR" reindex --db "$db" --index "$work/index" >"$work/reindex-lucene.log" 2>&1
lucene_took=$(echo "$(seconds) - $start" | bc)
# "Indexed 1000000 records into … (6,958 records/s)": the count, not the rate.
records=$(grep -Eo 'Indexed [0-9,]+ records' "$work/reindex-lucene.log" | tail -1 | grep -Eo '[0-9,]+' | tr -d ,)
{
  echo
  printf '| index build | records | seconds | records/s |\n|---|---:|---:|---:|\n'
  printf '| reindex into SolrCloud (%s shards) | %s | %.1f | %.0f |\n' "$SHARDS" "$records" "$solr_took" \
    "$(echo "$records / $solr_took" | bc -l)"
  printf '| embedded index build | %s | %.1f | %.0f |\n' "$records" "$lucene_took" \
    "$(echo "$records / $lucene_took" | bc -l)"
} | tee -a "$REPORT"

# Every one of 32 readers admitted: measured is how long a page takes, not how many are turned away
# (by default a node runs 4 searches per processor and answers the rest 503 after 50 ms).
admit=(--search-limit 0 --max-searches 64 --search-wait 60000 --server-timing)
serve_node "$JAR" "$db" --index "$work/index" "${admit[@]}"
nodes+=("$server"); embedded=$url
serve_node "$JAR" "$db" --search "$solr" "${admit[@]}"
nodes+=("$server"); cloud=$url
trap stop_all EXIT

for clients in $CLIENTS; do
  for engine in embedded solr; do
    url=$([ "$engine" = embedded ] && echo "$embedded" || echo "$cloud")
    echo | tee -a "$REPORT"
    echo "## $engine, $clients client(s)" | tee -a "$REPORT"
    java bench/SearchBenchmark.java "$url" "$RUNS" "$WARMUP" "$clients" | tee -a "$REPORT"
  done
done
echo | tee -a "$REPORT"
echo "Load after: $(uptime)" | tee -a "$REPORT"
echo "Report: $REPORT"
