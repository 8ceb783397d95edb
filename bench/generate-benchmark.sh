#!/usr/bin/env bash
# generate-benchmark.sh N JAR... : for each jar in turn, `generate --count N` into a new SQLite file
# (nothing there yet), under the benchmark lock, then reads the file with bench/CheckCatalogue.java
# (journal mode, quick_check, counts, schema as migrated) and deletes it. One line a jar: wall
# time, the rate over the wall time, CPU of the JVM (user + system), peak RSS, load at the start.
# Builds nothing. BENCH_LOCK (default /work/wt/bench.lock), BENCH_DIR (default /tmp) may be set.
set -euo pipefail
n=$1; shift
lock=${BENCH_LOCK:-/work/wt/bench.lock}
dir=${BENCH_DIR:-/tmp}
here=$(cd "$(dirname "$0")" && pwd)
echo "generate --count $n, $(date -u '+%Y-%m-%d %H:%M:%S') UTC, $(uptime)"
for jar in "$@"; do
  name=$(basename "$jar" .jar)
  db="$dir/gb-$name.db"
  rm -f "$db" "$db-wal" "$db-shm"
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  start=$(date -u '+%H:%M:%S')
  flock "$lock" /usr/bin/time -f '%e %U %S %M' -o "$dir/gb-$name.time" \
    nice -n 19 java -jar "$jar" generate --db "$db" --count "$n" --seeds "$here/../seeds" > "$dir/gb-$name.log" 2>&1 \
    || echo "$name failed: $(tail -1 "$dir/gb-$name.log")"
  read -r wall user sys rss < <(tail -1 "$dir/gb-$name.time")
  size=$(du -m "$db" 2>/dev/null | cut -f1 || echo 0)
  check=$(nice -n 19 java -cp "$jar" "$here/CheckCatalogue.java" "$db" 2>/dev/null | tail -1 || true)
  ls "$db"* | tr '\n' ' ' > "$dir/gb-$name.files"
  printf '%-20s start %s  wall %7.1f s  %8.0f records/s  CPU %6.1f + %5.1f = %6.1f s  RSS %5d MB  %5d MB file  load %s  check %s  (%s)\n' \
    "$name" "$start" "$wall" "$(echo "$n / $wall" | bc -l)" "$user" "$sys" "$(echo "$user + $sys" | bc -l)" \
    "$((rss / 1024))" "$size" "$load" "$check" "$(grep -o 'Generated.*' "$dir/gb-$name.log" | tail -1)"
  rm -f "$db" "$db-wal" "$db-shm"
done
