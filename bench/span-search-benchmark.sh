#!/usr/bin/env bash
# One build's /search times on its own catalogue (BENCHMARKS.md, "Date spans"): serves DB on port
# 7100, waits for /ready, runs bench/SearchBenchmark.java (150 runs after 75 warm-up), stops it.
#
#   bench/span-search-benchmark.sh JAR DB
set -u
jar=$1 db=$2
cd "$(dirname "$0")/.."
java -Xmx512m -jar "$jar" serve --db "$db" --host 127.0.0.1 --port 7100 --kept-answers 0 --server-timing --search-limit 0 > "${TMPDIR:-/tmp}/span-search-serve.log" 2>&1 &
pid=$!
for i in $(seq 1 300); do
  if curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:7100/ready | grep -q 200; then break; fi
  sleep 1
done
echo "ready after ${i}s"
java bench/SearchBenchmark.java http://127.0.0.1:7100 150 75 2>&1 | tail -25
kill $pid; wait $pid 2>/dev/null
