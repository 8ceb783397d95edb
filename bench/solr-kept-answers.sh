#!/usr/bin/env bash
# Answers kept per position of the feed on SolrCloud, before and after, side by side in one run:
# starts a local SolrCloud (bin/solr-dev), makes a collection with `solr-setup`, fills it with
# `reindex`, then serves three nodes on the same database and collection — BEFORE (a jar built
# without kept answers on Solr), this build with `--kept-answers 0`, and this build with its
# default — and runs bench/SearchBenchmark.java against each in turn with the same queries, each
# case asked again and again (a repeated search on an unchanged catalogue), for each number of
# clients. Stops everything at the end. Writes a report to $BENCH_DIR/solr-kept-report-<time>.md.
# With CLIENT=bench/RepeatedPages.java, record pages (their related records) and a keystroke's
# suggestions asked again and again instead of searches.
#
#   BEFORE=/tmp/main.jar flock /work/wt/bench.lock nice bench/solr-kept-answers.sh /tmp/dossier-bench/10000.db
#   CLIENT=bench/RepeatedPages.java BEFORE=/tmp/main.jar flock /work/wt/bench.lock nice bench/solr-kept-answers.sh DB
#
# Environment: BEFORE (required), AFTER (default target/dossier.jar, built if missing), BENCH_DIR
# (default /tmp/dossier-bench), RUNS (measured requests per case, default 100), WARMUP (default
# 20), CLIENTS (default "1 8"), SHARDS (default 2), SERVER_HEAP (default 512m), CLIENT (the
# benchmark run against each node, default bench/SearchBenchmark.java; it takes BASE_URL RUNS
# WARMUP CLIENTS).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -ne 1 ] || [ ! -f "$1" ] || [ ! -f "${BEFORE:-}" ]; then
  echo "usage: BEFORE=OLD.jar bench/solr-kept-answers.sh CATALOGUE.db" >&2
  exit 2
fi
db=$(realpath "$1")
BENCH_DIR=${BENCH_DIR:-/tmp/dossier-bench}
RUNS=${RUNS:-100}
WARMUP=${WARMUP:-20}
CLIENTS=${CLIENTS:-1 8}
SHARDS=${SHARDS:-2}
CLIENT=${CLIENT:-bench/SearchBenchmark.java}
JAR=${AFTER:-target/dossier.jar}
[ -f "$JAR" ] || mvn -B -q -DskipTests package
source bench/serve-node.sh
source bench/solr-cluster.sh
solr_cluster solr-kept "Answers kept on SolrCloud ($SHARDS shards): before and after" \
  "before: $BEFORE; after: $JAR; database $db; client $CLIENT"
java -Xmx512m -jar "$JAR" reindex --db "$db" --search "$solr" >"$work/reindex-solr.log" 2>&1

# Every reader admitted: measured is how long a page takes, not how many are turned away.
admit=(--search "$solr" --search-limit 0 --max-searches 64 --search-wait 60000 --server-timing --warm-up 0)
names=(before "kept-answers 0" after)
urls=()
serve_node "$BEFORE" "$db" "${admit[@]}"
nodes+=("$server"); urls+=("$url")
serve_node "$JAR" "$db" "${admit[@]}" --kept-answers 0
nodes+=("$server"); urls+=("$url")
serve_node "$JAR" "$db" "${admit[@]}"
nodes+=("$server"); urls+=("$url")
trap stop_all EXIT

for clients in $CLIENTS; do
  for i in 0 1 2; do
    echo | tee -a "$REPORT"
    echo "## ${names[$i]}, $clients client(s)" | tee -a "$REPORT"
    java "$CLIENT" "${urls[$i]}" "$RUNS" "$WARMUP" "$clients" | tee -a "$REPORT"
  done
done
echo | tee -a "$REPORT"
echo "Load after: $(uptime)" | tee -a "$REPORT"
echo "Report: $REPORT"
