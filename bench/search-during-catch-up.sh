#!/usr/bin/env bash
# What a reader's search costs while a node takes in a bulk import made by another process: serves
# a copy of CATALOGUE (a seeds-only catalogue: `java -jar JAR import --db seeds.db seeds`), runs
# `import` of FILE (bench/seed-file.sh 100000 > FILE) beside it, then asks a search page every
# 0.5 s from the import's commit until /ready says the index has applied everything (lag 0),
# printing each page's time, whether it said "Search is still taking in …", and the lag.
#
#   bench/search-during-catch-up.sh JAR CATALOGUE FILE PORT
set -u
JAR=$1; CATALOGUE=$2; FILE=$3; PORT=$4
W=$(mktemp -d /tmp/dossier-catch-up-XXXXXX)
trap 'rm -rf "$W"' EXIT
cp "$CATALOGUE" "$W/x.db"
java -jar "$JAR" serve --db "$W/x.db" --index "$W/x.index" --port "$PORT" --search-limit 0 --warm-up 0 > "$W/serve.log" 2>&1 &
pid=$!
for _ in $(seq 120); do grep -q "is serving" "$W/serve.log" && break; sleep 0.5; done
for _ in $(seq 60); do [ "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$PORT/ready")" = 200 ] && break; sleep 0.5; done
curl -s -o /dev/null "http://localhost:$PORT/search?q=telegram"
java -jar "$JAR" import --db "$W/x.db" "$FILE" > "$W/import.log" 2>&1
echo "import committed $(date -u +%T), load $(cut -d' ' -f1 /proc/loadavg)"
start=$(date +%s.%N)
n=0
while :; do
  t=$(curl -s -o "$W/page" -w '%{time_total}' "http://localhost:$PORT/search?q=telegram&u=$n")
  notice=$(grep -c "Search is still taking in" "$W/page")
  lag=$(curl -s "http://localhost:$PORT/ready" | grep -o '"lag":[0-9]*' | head -1)
  echo "$(echo "$(date +%s.%N) - $start" | bc | cut -c1-5) s  page ${t} s  notice=$notice  $lag"
  n=$((n+1))
  [ "$lag" = '"lag":0' ] && [ $n -gt 1 ] && break
  [ $n -gt 400 ] && break
  sleep 0.5
done
kill $pid; wait $pid 2>/dev/null
