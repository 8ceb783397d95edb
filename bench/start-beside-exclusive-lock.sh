#!/bin/bash
# How long a start takes to say that another process holds its SQLite file: usage
# `bench/start-beside-exclusive-lock.sh BEFORE_JAR AFTER_JAR [ROUNDS] [PORT]`. A sqlite3 shell holds a
# new, empty file (a first start's) in BEGIN EXCLUSIVE, which keeps readers out too (the file is not in
# WAL mode yet); then, ROUNDS times (default 3), each jar alternately runs `serve` on it with the
# default write wait (5 s) and with a wait of 1 s (`--write-wait 1s`, or for a jar older than that
# option the system property -Ddossier.write-wait=1 it had), and the script prints the milliseconds
# from the process's start until it ended, its exit status and the wait it said it waited. Each start
# is a JVM of its own, so every figure includes about a second of JVM and app start. Run it under
# the benchmark lock (flock /work/wt/bench.lock ...).
set -e
before=$1; after=$2; rounds=${3:-3}; port=${4:-7411}
dir=/tmp/dossier-bench-exclusive-start; seeds=$(cd "$(dirname "$0")/.." && pwd)/seeds
rm -rf "$dir"; mkdir -p "$dir"; touch "$dir/held.db"
# The holder in a process group of its own, so that it and its sleep are stopped together.
setsid bash -c "(echo 'BEGIN EXCLUSIVE;'; sleep 3600) | sqlite3 '$dir/held.db'" & holder=$!
trap 'kill -- -$holder 2>/dev/null; wait $holder 2>/dev/null || true' EXIT
sleep 1
start() { # $1: label, $2: jar, then the wait's options (JVM options first, when the jar wants them)
  local label=$1 jar=$2 jvm=() args=() began ended status
  shift 2
  for option in "$@"; do [[ $option == -D* ]] && jvm+=("$option") || args+=("$option"); done
  began=$(date +%s%N)
  status=0
  java "${jvm[@]}" -jar "$jar" serve --db "$dir/held.db" --index "$dir/idx" --host 127.0.0.1 --port "$port" \
    --warm-up 0 --seeds "$seeds" "${args[@]}" > "$dir/said.txt" 2>&1 || status=$?
  ended=$(date +%s%N)
  printf '  %-28s exit %s after %6d ms (%s)\n' "$label" "$status" $(( (ended - began) / 1000000 )) \
    "$(grep -o 'waited [0-9]* [a-z]* for it' "$dir/said.txt" || echo 'said no wait')"
  rm -rf "$dir/idx"
}
oneSecond() { # the options of a 1 s write wait for jar $1
  if java -jar "$1" serve --help | grep -q -- --write-wait; then echo "--write-wait 1s"; else echo "-Ddossier.write-wait=1"; fi
}
for round in $(seq 1 "$rounds"); do
  echo "round $round"
  start "before, default (5 s)" "$before"
  start "after, default (5 s)" "$after"
  start "before, 1 s" "$before" $(oneSecond "$before")
  start "after, 1 s" "$after" $(oneSecond "$after")
done
