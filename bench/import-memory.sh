#!/usr/bin/env bash
# The heap an import actually needs, against the size of its file (issue 14). For each N, a
# seed-format file of N new entries (bench/seed-file.sh N) is imported into a fresh copy of a
# catalogue of the seeds with each heap in turn, smallest first, until one succeeds: the first that
# does is the heap the import needs (the one before it failed with OutOfMemoryError). Each run holds
# /work/wt/bench.lock and is `nice -n 19`; it prints the wall time, the CPU time of the JVM (user +
# system), the peak resident size, and its two parts sampled from /proc every half second: the
# process's own memory (RssAnon: the heap, the JVM, SQLite's page cache) and the pages of files it
# maps (RssFile), then the largest heap left after a full collection (G1's log), the count of full
# collections, and the sizes of the database and of its write-ahead log and index at their largest.
#
#   bench/import-memory.sh JAR ["N ..."] ["HEAP ..."]    (default "100000 300000 1000000", "24m 32m 48m 64m 128m")
#
# Files go under /tmp/dossier-import-memory (1,000,000 entries are a 370 MB file and a 2.3 GB
# catalogue), removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=$(realpath "$1")
SIZES=${2:-"100000 300000 1000000"}
HEAPS=${3:-"24m 32m 48m 64m 128m"}
LOCK=${BENCH_LOCK:-/work/wt/bench.lock}
work=/tmp/dossier-import-memory
rm -rf "$work" && mkdir -p "$work"
trap 'rm -rf "$work"' EXIT

nice -n 19 java -jar "$JAR" import --db "$work/seeds.db" seeds >/dev/null 2>&1
uptime

# One import with heap $2 of file $1, under the lock; prints its line and succeeds if the import did.
measure() {
  local file=$1 heap=$2
  rm -f "$work"/i.db*
  cp "$work/seeds.db" "$work/i.db"
  flock "$LOCK" bash -c '
    work=$0; jar=$1; file=$2; heap=$3
    load=$(cut -d" " -f1 /proc/loadavg); start=$(date -u +%H:%M:%S)
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" nice -n 19 java -Xmx"$heap" -Xlog:gc:file="$work/gc.log" \
      -jar "$jar" import --db "$work/i.db" "$file" >"$work/out" 2>&1 &
    timed=$!
    sleep 0.2
    jvm=$(pgrep -P "$timed" || true)
    anon=0 mapped=0 wal=0 shm=0
    while kill -0 "$timed" 2>/dev/null; do
      if [ -n "$jvm" ] && proc=$(cat "/proc/$jvm/status" 2>/dev/null); then
        a=$(awk "/^RssAnon/ {print \$2}" <<<"$proc"); f=$(awk "/^RssFile/ {print \$2}" <<<"$proc")
        [ "${a:-0}" -gt "$anon" ] && anon=$a
        [ "${f:-0}" -gt "$mapped" ] && mapped=$f
      fi
      w=$(stat -c %s "$work/i.db-wal" 2>/dev/null || echo 0); [ "$w" -gt "$wal" ] && wal=$w
      s=$(stat -c %s "$work/i.db-shm" 2>/dev/null || echo 0); [ "$s" -gt "$shm" ] && shm=$s
      sleep 0.5
    done
    status=0; wait "$timed" || status=$?
    read -r wall user sys rss < <(grep -v "^Command" "$work/time")
    live=$(grep "Pause Full" "$work/gc.log" | grep -Eo "[0-9]+M->[0-9]+M" | cut -d">" -f2 | tr -d M | sort -n | tail -1)
    result=ok; grep -q OutOfMemoryError "$work/out" && result=OutOfMemoryError; [ $status -ne 0 ] && [ $result = ok ] && result="exit $status"
    printf "%s\t-Xmx%s\t%s\tstart %s load %s\t%6.1f s\tcpu %6.1f s\tpeak RSS %5d MB\tanon %5d MB\tfile %4d MB\tlive after full GC %s MB (%d full GCs)\tdb %d MB, WAL at most %d MB, its index %d KB\t%s\n" \
      "$(basename "$file")" "$heap" "$result" "$start" "$load" "$wall" "$(echo "$user + $sys" | bc)" $((rss / 1024)) \
      $((anon / 1024)) $((mapped / 1024)) "${live:--}" "$(grep -c "Pause Full" "$work/gc.log" || true)" \
      $(($(stat -c %s "$work/i.db") / 1048576)) $((wal / 1048576)) $((shm / 1024)) \
      "$(grep -Eo "[0-9,]+ new, [0-9,]+ already there" "$work/out" | tail -1)"
    [ $result = ok ]
  ' "$work" "$JAR" "$file" "$heap"
}

for n in $SIZES; do
  bench/seed-file.sh "$n" >"$work/$n.txt"
  echo "$n entries: $(($(stat -c %s "$work/$n.txt") / 1048576)) MB"
  for heap in $HEAPS; do
    if measure "$work/$n.txt" "$heap"; then
      break
    fi
  done
  rm -f "$work/$n.txt"
done
rm -f "$work"/i.db* "$work/time" "$work/out" "$work/gc.log"
