#!/bin/bash
# What the response date of an OAI-PMH list costs: usage `bench/oai-response-date.sh JAR NAME`.
# Starts JAR on a fresh SQLite file with the seed pages on port 7111, asks 200 lists to warm up,
# then times 500 ListIdentifiers and 500 Identify requests, one after another, with curl (whose
# own start is most of each figure: compare the two verbs, and two jars, on one machine).
set -e
jar=$1; name=$2; dir=/tmp/dossier-bench-oai/$name
seeds=$(cd "$(dirname "$0")/.." && pwd)/seeds
rm -rf "$dir"; mkdir -p "$dir"
java -jar "$jar" serve --db "$dir/d.db" --index "$dir/idx" --port 7111 --host 127.0.0.1 --seeds "$seeds" --warm-up 0 > "$dir/log" 2>&1 &
pid=$!
for i in $(seq 1 120); do curl -sf -o /dev/null http://127.0.0.1:7111/ready && break; sleep 1; done
for i in $(seq 1 200); do curl -s -o /dev/null "http://127.0.0.1:7111/oai?verb=ListIdentifiers&metadataPrefix=oai_dc"; done
for verb in "ListIdentifiers&metadataPrefix=oai_dc" "Identify"; do
  start=$(date +%s.%N)
  for i in $(seq 1 500); do curl -s -o /dev/null "http://127.0.0.1:7111/oai?verb=$verb"; done
  end=$(date +%s.%N)
  echo "$name $verb: $(echo "($end - $start) * 1000 / 500" | bc -l | cut -c1-5) ms a request"
done
kill $pid; wait $pid 2>/dev/null || true
