#!/usr/bin/env bash
# What opening a catalogue costs a command: `user list` (which opens the database, reads the accounts
# and exits) run by BEFORE's jar and AFTER's alternately, A B B A, ROUNDS times, on each DB given (a
# SQLite file, or a jdbc:postgresql:// URL) at both jars' schema (nothing to migrate). The JVM's
# defaults, as an operator runs it. One line per run: DB, jar, wall and CPU (user + sys) in seconds;
# then the means and medians per DB and jar. Run it under the bench lock:
#   flock /work/wt/bench.lock bench/open-cost.sh before.jar after.jar ROUNDS DB...
set -euo pipefail
before=$1 after=$2 rounds=$3
shift 3
out=$(mktemp)
trap 'rm -f "$out" "$out.t"' EXIT
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
for ((r = 1; r <= rounds; r++)); do
  for db in "$@"; do
    name=$(case "$db" in jdbc:postgresql:*) echo postgresql ;; *) basename "$db" ;; esac)
    for jar in "$before" "$after" "$after" "$before"; do
      which=$([ "$jar" = "$before" ] && echo before || echo after)
      /usr/bin/time -f "%e %U %S" -o "$out.t" java -jar "$jar" user list --db "$db" >/dev/null 2>&1
      read -r w u s < <(tail -1 "$out.t")
      echo "$name $which wall $w cpu $(echo "$u + $s" | bc) load $(cut -d' ' -f1 /proc/loadavg)"
    done
  done
done | tee "$out"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
sort -k1,2 -k6n "$out" | awk '{k=$1" "$2; n[k]++; w[k]+=$4; c[k]+=$6; cs[k]=cs[k]" "$6}
  END {for (k in n) {split(substr(cs[k],2), v, " "); printf "%-24s mean wall %5.2f s  mean cpu %5.2f s  median cpu %5.2f s  (%d runs)\n", k, w[k]/n[k], c[k]/n[k], v[int((n[k]+1)/2)], n[k]}}' | sort
