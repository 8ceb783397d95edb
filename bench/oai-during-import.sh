#!/bin/bash
# Whether an OAI-PMH harvester waits for a long import on SQLite: usage
# `bench/oai-during-import.sh JAR SEED_FILE [PORT]`. Starts JAR on a fresh SQLite file with the seed
# pages, then runs `import SEED_FILE` into the same file (one transaction, holding the file's write
# lock for as long as it runs) and, meanwhile and once after, asks a ListIdentifiers (whose
# responseDate is read from the database, Database.earliestPendingStamp) and an Identify every half
# second, printing for each: seconds since the import began, the verb, the HTTP status, curl's
# time_total in ms and the responseDate. Make SEED_FILE with bench/seed-file.sh (150,000 entries: about
# 30 s of import here).
set -e
jar=$1; file=$2; port=${3:-7341}
dir=/tmp/dossier-bench-oai-import; seeds=$(cd "$(dirname "$0")/.." && pwd)/seeds
rm -rf "$dir"; mkdir -p "$dir"
java -jar "$jar" serve --db "$dir/d.db" --index "$dir/idx" --port "$port" --host 127.0.0.1 --seeds "$seeds" --warm-up 0 > "$dir/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for i in $(seq 1 120); do curl -sf -o /dev/null "http://127.0.0.1:$port/ready" && break; sleep 1; done
ask() { # $1: seconds since the import began, $2: verb arguments
  local out
  out=$(curl -s -o "$dir/body" -w '%{http_code} %{time_total}' "http://127.0.0.1:$port/oai?verb=$2")
  printf '%6.1f %-16s %s %6.0f ms %s\n' "$1" "${2%%&*}" "${out%% *}" "$(echo "${out##* } * 1000" | bc -l)" \
    "$(grep -o '<responseDate>[^<]*' "$dir/body" | cut -c15-)"
}
ask 0 "ListIdentifiers&metadataPrefix=oai_dc"
start=$(date +%s.%N)
java -jar "$jar" import --db "$dir/d.db" "$file" > "$dir/import.log" 2>&1 &
importer=$!
while kill -0 $importer 2>/dev/null; do
  now=$(echo "$(date +%s.%N) - $start" | bc -l)
  ask "$now" "ListIdentifiers&metadataPrefix=oai_dc"
  ask "$now" "Identify"
  sleep 0.5
done
wait $importer || echo "import failed: $(tail -3 "$dir/import.log")"
echo "import took $(echo "$(date +%s.%N) - $start" | bc -l | cut -c1-5) s: $(tail -1 "$dir/import.log")"
ask "$(echo "$(date +%s.%N) - $start" | bc -l)" "ListIdentifiers&metadataPrefix=oai_dc"
