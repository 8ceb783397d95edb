#!/usr/bin/env bash
# What editors meet while a large import runs beside the live site: a server on a fresh
# catalogue (the seed pages), an editor saving one record over and over and signing in afresh
# every tenth round (bench/SavesDuringImport.java), first for 60 s with nothing else running, then
# while `import` writes N generated entries (default 100000) from another process.
# Prints the import's time and rate and, for each phase, the saves' and sign-ins' status counts
# and times (median, p99, max).
#
#   bench/import-beside-saves.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."

N=${1:-100000}
JAR=target/dossier.jar
PW="bench password 1234"
[[ -f $JAR ]] || mvn -B -q package -DskipTests

work=$(mktemp -d /tmp/dossier-import-bench.XXXXXX)
server=""
cleanup() { [[ -n $server ]] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# A copy of the jar: a build during the run must not pull classes from under the running JVMs.
cp "$JAR" "$work/dossier.jar"
JAR=$work/dossier.jar
db=$work/dossier.db
java -jar "$JAR" serve --db "$db" --host 127.0.0.1 --port 0 --search-limit 0 >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 240); do
  grep -q "Dossier is serving" "$work/server.log" && break
  sleep 0.5
done
port=$(sed -n 's/.*Dossier is serving .* at http:\/\/[^:]*:\([0-9]*\)\/.*/\1/p' "$work/server.log")
[[ -n $port ]] || { cat "$work/server.log"; exit 1; }
printf '%s\n' "$PW" | java -jar "$JAR" user add --db "$db" --role editor bench >/dev/null

awk -v n="$N" 'BEGIN {
  split("January February March April May June July August September October November December", m, " ");
  printf "Skip to content\n\n\n1 - %d of %d\n\n\n", n, n;
  for (i = 0; i < n; i++) {
    printf "%s %d, %d\n\nTelegram number %d from Moscow to Pyongyang\n\nThe ambassador reports on meeting %d with Kim Il Sung.\n\n", m[i % 12 + 1], i % 28 + 1, 1945 + (i % 40), i, i;
  }
}' >"$work/large.txt"

base=http://127.0.0.1:$port
echo "== nothing else running (60 s)"
java bench/SavesDuringImport.java "$base" bench "$PW" 1 "$work/stop-idle" &
client=$!
sleep 60
touch "$work/stop-idle"
wait "$client"

echo "== while importing $N entries from another process"
java bench/SavesDuringImport.java "$base" bench "$PW" 1 "$work/stop-import" &
client=$!
started=$(date +%s.%N)
java -jar "$JAR" import --db "$db" "$work/large.txt" 2>/dev/null | tail -1
ended=$(date +%s.%N)
touch "$work/stop-import"
wait "$client"
awk -v s="$started" -v e="$ended" -v n="$N" 'BEGIN { printf "import: %d entries in %.1f s, %.0f entries/s\n", n, e - s, n / (e - s) }'
