#!/usr/bin/env bash
# What a `serve` start costs, from the JVM's launch: the wall time to the first 200 of /health and
# of /ready, and the JVM's CPU (user + sys) from its launch through /ready, SIGTERM and its stop.
#   bench/app-start.sh ROUNDS PORT DB INDEX NAME=JAR[:JVM-OPTIONS] ...
# Each round runs the variants in order, then in reverse (A B B A). The catalogue (DB and INDEX) is
# served as it is; give a copy. Options after the jar's colon are split on spaces
# (e.g. "cds=after.jar:-XX:SharedArchiveFile=/tmp/x.jsa").
set -euo pipefail
rounds=$1 port=$2 db=$3 index=$4
shift 4
variants=("$@")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/no-seeds"
now() { date +%s.%N; }
run() {
  local name=${1%%=*} spec=${1#*=}
  local jar=${spec%%:*} opts=""
  [[ $spec == *:* ]] && opts=${spec#*:}
  local start health="" ready=""
  start=$(now)
  # shellcheck disable=SC2086
  /usr/bin/time -f "%e %U %S" -o "$work/t" java $opts -jar "$jar" serve --db "$db" --index "$index" \
    --host 127.0.0.1 --port "$port" --seeds "$work/no-seeds" --warm-up 0 >"$work/log" 2>&1 &
  local timer=$!
  while [[ -z $ready ]]; do
    if [[ -z $health ]] && curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1; then health=$(now); fi
    if [[ -n $health ]] && curl -sf "http://127.0.0.1:$port/ready" >/dev/null 2>&1; then ready=$(now); fi
    sleep 0.05
  done
  pkill -TERM -P "$timer" -x java
  wait "$timer" || true
  read -r _ u s < <(tail -1 "$work/t")
  printf "%-8s health %6.2f s  ready %6.2f s  cpu %6.2f s  load %s\n" "$name" "$(echo "$health - $start" | bc)" \
    "$(echo "$ready - $start" | bc)" "$(echo "$u + $s" | bc)" "$(cut -d' ' -f1 /proc/loadavg)"
}
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
for ((r = 1; r <= rounds; r++)); do
  for v in "${variants[@]}"; do run "$v"; done
  for ((i = ${#variants[@]} - 1; i >= 0; i--)); do run "${variants[$i]}"; done
done | tee "$work/out"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
awk '{n[$1]++; h[$1]+=$3; r[$1]+=$6; c[$1]+=$9} END {for (k in n) printf "mean %-8s health %6.2f s  ready %6.2f s  cpu %6.2f s  (%d runs)\n", k, h[k]/n[k], r[k]/n[k], c[k]/n[k], n[k]}' "$work/out" | sort
