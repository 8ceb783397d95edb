#!/usr/bin/env bash
# Bulk writes of two builds side by side in one run, on SQLite:
#   * `import` of a seed-format file of N entries (bench/seed-file.sh: the seeds' own titles and
#     summaries, every entry new, people, places and types to find) into a catalogue of the seeds,
#     then `reindex` of the result (the index is part of an import's cost);
#   * `import` of the seeds and the same file together into a SQLite file that is not there yet (the
#     case an import writes as `generate` writes a new file), then `reindex` of it;
#   * `generate --count M` into a new file;
#   * the AFTER build's import again with a 128 MB heap, for L and L/3 entries, into a catalogue of
#     the seeds and into a new file: memory that does not grow with the file.
# Each measurement holds /work/wt/bench.lock (no two benchmarks on this machine at once) and prints
# the wall time, the rate, the CPU time of the JVM (user + system: the steadier figure on a busy
# machine), the peak resident memory and the load average at its start.
#
#   bench/import-benchmark.sh BEFORE.jar AFTER.jar [N] [M] [L]    (default N 150000, M 200000, L 150000)
#
# JAVA_OPTS is passed to every java. Files go under /tmp/dossier-import-bench, removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

BEFORE=$1
AFTER=$2
N=${3:-150000}
M=${4:-200000}
L=${5:-150000}
LOCK=${BENCH_LOCK:-/work/wt/bench.lock}
work=/tmp/dossier-import-bench
rm -rf "$work" && mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
cp "$BEFORE" "$work/BEFORE.jar"
cp "$AFTER" "$work/AFTER.jar"

bench/seed-file.sh "$N" >"$work/large.txt"
bench/seed-file.sh "$L" >"$work/memory.txt"
bench/seed-file.sh $((L / 3)) >"$work/third.txt"
for file in large memory third; do
  echo "$file.txt: $(head -4 "$work/$file.txt" | grep -Eo "of [0-9]+" | cut -c4-) entries, $(($(stat -c %s "$work/$file.txt") / 1048576)) MB"
done
uptime

measure() {   # label, count, command...
  local label=$1 count=$2; shift 2
  flock "$LOCK" bash -c '
    label=$1; count=$2; shift 2
    load=$(cut -d" " -f1-3 /proc/loadavg)
    start=$(date +%s.%N)
    /usr/bin/time -f "%U %S %M" -o "$0.time" "$@" >"$0.out" 2>&1 || { tail -20 "$0.out"; exit 1; }
    end=$(date +%s.%N)
    read -r user sys rss <"$0.time"
    wall=$(echo "$end - $start" | bc)
    printf "%-34s\t%7.1f s\t%7.0f records/s\tcpu %6.1f s\tpeak %5d MB\tload %s\t%s\n" "$label" "$wall" \
      "$(echo "$count / $wall" | bc -l)" "$(echo "$user + $sys" | bc)" $((rss / 1024)) "$load" \
      "$(grep -Eo "[0-9,]+ new, [0-9,]+ already there" "$0.out" | tail -1)"
  ' "$work/m" "$label" "$count" "$@"
}

# shellcheck disable=SC2206
java_=(nice -n 19 java ${JAVA_OPTS:-})

for build in BEFORE AFTER; do
  rm -rf "$work/i.db"* "$work/i.index"
  "${java_[@]}" -jar "$work/$build.jar" import --db "$work/i.db" seeds >/dev/null 2>&1
  measure "$build import $N" "$N" "${java_[@]}" -jar "$work/$build.jar" import --db "$work/i.db" "$work/large.txt"
  measure "$build reindex after it" "$N" "${java_[@]}" -jar "$work/$build.jar" reindex --db "$work/i.db"
done
for build in BEFORE AFTER; do
  rm -rf "$work/n.db"* "$work/n.index"
  measure "$build import seeds+$N into a new file" "$N" "${java_[@]}" -jar "$work/$build.jar" import --db "$work/n.db" seeds "$work/large.txt"
  measure "$build reindex after it" "$N" "${java_[@]}" -jar "$work/$build.jar" reindex --db "$work/n.db"
done
rm -rf "$work/n.db"* "$work/n.index"
for build in BEFORE AFTER; do
  rm -f "$work/g.db"*
  measure "$build generate $M" "$M" "${java_[@]}" -jar "$work/$build.jar" generate --db "$work/g.db" --count "$M" --seed 1950
done
for file in third memory; do
  rm -rf "$work/i.db"* "$work/i.index"
  "${java_[@]}" -jar "$work/AFTER.jar" import --db "$work/i.db" seeds >/dev/null 2>&1
  count=$(head -4 "$work/$file.txt" | grep -Eo "of [0-9]+" | cut -c4-)
  measure "AFTER -Xmx128m import $count" "$count" "${java_[@]}" -Xmx128m -jar "$work/AFTER.jar" import --db "$work/i.db" "$work/$file.txt"
  rm -rf "$work/n.db"*
  measure "AFTER -Xmx128m import seeds+$count, new file" "$count" "${java_[@]}" -Xmx128m -jar "$work/AFTER.jar" import --db "$work/n.db" seeds "$work/$file.txt"
done
rm -f "$work/m.time" "$work/m.out"
