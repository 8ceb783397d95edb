#!/bin/bash
# What a migration costs on a real catalogue: CATALOGUE (a SQLite file made by BEFORE's version) is
# copied afresh for each run and opened by `user list`, which migrates on open: BEFORE (nothing to
# migrate: the cost of opening), then AFTER (the new migrations), twice, alternating. Afterwards the
# migrated copy's quick_check, foreign_key_check and the names of its tables, indexes and triggers.
# Run it under the bench lock:  flock /work/wt/bench.lock bench/migration-benchmark.sh 1m.db before.jar after.jar
set -euo pipefail
catalogue=$1 before=$2 after=$3
copy=$(dirname "$catalogue")/migration-benchmark-copy.db
for round in 1 2; do
  for jar in "$before" "$after"; do
    rm -f "$copy" "$copy-wal" "$copy-shm"
    cp "$catalogue" "$copy"
    sync
    echo "== $jar round $round $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"
    /usr/bin/time -f "%e s wall, %U + %S s CPU, %M kB max RSS" nice java -jar "$jar" user list --db "$copy" 2>&1 \
      | grep -E "s wall|Migrating schema|Successfully applied" || true
    echo "file $(stat -c %s "$copy") bytes"
  done
done
sqlite3 "$copy" "PRAGMA foreign_key_check" | head -3 | sed 's/^/foreign key: /'
sqlite3 "$copy" "PRAGMA quick_check"
sqlite3 "$copy" "SELECT type || ' ' || name FROM sqlite_master ORDER BY name" | tr '\n' ',' ; echo
rm -f "$copy" "$copy-wal" "$copy-shm"
