#!/usr/bin/env bash
# A merge of a name linked to very many records, and what an editor saving another record meets
# meanwhile. For each JAR in turn, on a fresh copy of DB and its INDEX: a node (bench/serve-node.sh),
# an editor saving RECORD over and over (bench/SavesDuringImport.java) for 30 s alone, then while
# MERGED is merged into SURVIVOR through the merge form. Prints the merge request's status and time,
# how long until no record was left to move (a merge in batches goes on after its request: the
# survivor's page says how many are left) and until the node's index had them all, the node's CPU,
# and the saves of each phase (a save whose form was refused counts under the form's status).
#
#   bench/merge-benchmark.sh DB INDEX MERGED SURVIVOR RECORD JAR...
#
# e.g. bench/merge-benchmark.sh 1m.db 1m.index molotov gromyko 4 BEFORE.jar AFTER.jar
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/serve-node.sh"
db=$1 index=$2 merged=$3 survivor=$4 record=$5
shift 5
user=bench password="bench password 1234"
work=$(mktemp -d /tmp/dossier-merge-bench.XXXXXX)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT

for jar in "$@"; do
  name=$(basename "$jar" .jar)
  echo "== $name ($(date -u +%H:%M:%S) UTC): copying the catalogue"
  editor_node "$jar" "$db" "$index" "$work" "$user" "$password"
  links=$(curl -s "$url/search.json?person=$merged" | grep -o '"total":[0-9]*' | head -1 | cut -d: -f2)
  echo "$merged is linked to $links records"

  echo "-- saves alone (30 s)"
  rm -f "$work/stop"
  java "$here/SavesDuringImport.java" "$url" "$user" "$password" "$record" "$work/stop" &
  client=$!
  sleep 30
  touch "$work/stop"
  wait $client

  echo "-- saves while $merged is merged into $survivor"
  rm -f "$work/stop"
  java "$here/SavesDuringImport.java" "$url" "$user" "$password" "$record" "$work/stop" &
  client=$!
  sleep 2
  curl -s -b "$cookies" "$url/admin/people/$merged/merge" >"$work/form.html"
  csrf=$(field csrf <"$work/form.html")
  version=$(field version <"$work/form.html")
  cpu0=$(awk '{print $14+$15}' "/proc/$server/stat")
  started=$(date +%s.%N)
  curl -s -o /dev/null -w "merge request: %{http_code} in %{time_total} s\n" --max-time 1800 -b "$cookies" \
    --data-urlencode "csrf=$csrf" --data-urlencode "version=$version" --data-urlencode "survivor=$survivor" \
    --data-urlencode "note=The same man, entered twice" "$url/admin/people/$merged/merge"
  # (The page is saved first: grep -q stops reading at its match, which pipefail would take for a failure.)
  while curl -s -o "$work/survivor.html" "$url/people/$survivor" && grep -q 'still moving records here' "$work/survivor.html"; do
    grep -o 'still moving records here: [0-9,]*' "$work/survivor.html" >>"$work/progress"
    sleep 1
  done
  ended=$(date +%s.%N)
  # And searchable: the node's index has applied every change (its /ready says how far behind it is).
  until curl -s "$url/ready" | grep -q '"lag":0[,}]'; do
    sleep 1
  done
  searchable=$(date +%s.%N)
  cpu1=$(awk '{print $14+$15}' "/proc/$server/stat")
  touch "$work/stop"
  wait $client
  echo "every record moved $(echo "$ended - $started" | bc) s after the request began, searchable after" \
    "$(echo "$searchable - $started" | bc) s; node CPU $(( (cpu1 - cpu0) / 100 )) s"
  [[ -f $work/progress ]] && echo "the survivor's page said, first and last: $(head -1 "$work/progress" | sed 's/.*: //') ... $(tail -1 "$work/progress" | sed 's/.*: //') to come" && rm "$work/progress"
  left=$(curl -s "$url/search.json?person=$merged" -o /dev/null -w '%{http_code}')
  echo "the merged key's search now answers $left (a redirect to the survivor's)"
  kill $server; wait $server 2>/dev/null || true
done
