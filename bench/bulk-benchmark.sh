#!/usr/bin/env bash
# Bulk writes, two builds side by side in one run: `generate` of N records into a new SQLite file,
# and `import` of a seed-format file of M generated entries (people, places and types to extract,
# every entry new) into a catalogue of the seeds. Each measurement holds /work/wt/bench.lock (so
# that no two benchmarks on this machine run at once) and prints the load average beside it, the
# wall time and rate, the CPU time the JVM used (user + system: the steadier figure on a busy
# machine) and the peak resident memory.
#
#   bench/bulk-benchmark.sh BEFORE.jar AFTER.jar [N] [M]      (default N 200000, M 100000)
#
# Files go under /tmp/dossier-bulk-bench and are removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

BEFORE=$1
AFTER=$2
N=${3:-200000}
M=${4:-100000}
LOCK=${BENCH_LOCK:-/work/wt/bench.lock}
work=/tmp/dossier-bulk-bench
rm -rf "$work" && mkdir -p "$work"
trap 'rm -rf "$work"' EXIT

# M entries in the seed pages' format: dates of every precision, titles naming people and places
# from the authority lists (so extraction and links are measured too), summaries of one paragraph.
awk -v n="$M" 'BEGIN {
  split("January February March April May June July August September October November December", m, " ");
  split("Stalin|Mao Zedong|Kim Il Sung|Molotov|Shtykov|Zhou Enlai|Vyshinsky|Kovalev|Khrushchev|Gromyko", who, "|");
  split("Pyongyang|Moscow|Beijing|Seoul|Korea|China|Manchuria|Tokyo|Warsaw|Berlin", where, "|");
  split("Ciphered Telegram|Cable|Letter|Memorandum of Conversation|Report|Record of Conversation", kind, "|");
  printf "Skip to content\n\n\n1 - %d of %d\n\n\n", n, n;
  for (i = 0; i < n; i++) {
    y = 1940 + (i % 52);
    if (i % 10 == 0) d = y; else if (i % 10 == 1) d = m[i % 12 + 1] " " y; else d = m[i % 12 + 1] " " (i % 28 + 1) ", " y;
    printf "%s\n\n%s No. %d from %s to %s\n\n", d, kind[i % 6 + 1], i, who[i % 10 + 1], who[(i * 7) % 10 + 1];
    printf "The ambassador in %s reports on meeting %d with %s about %s and the question of %s.\n\n",
      where[i % 10 + 1], i, who[(i * 3) % 10 + 1], where[(i * 7) % 10 + 1], where[(i * 3) % 10 + 1];
  }
}' >"$work/large.txt"

measure() {   # label, command...
  local label=$1; shift
  flock "$LOCK" bash -c '
    label=$1; shift
    load=$(cut -d" " -f1-3 /proc/loadavg)
    start=$(date +%s.%N)
    /usr/bin/time -f "%U %S %M" -o "$0.time" "$@" >"$0.out" 2>&1 || { tail -20 "$0.out"; exit 1; }
    end=$(date +%s.%N)
    read -r user sys rss <"$0.time"
    printf "%s\t%.1f s\t%s\tcpu %.1f s\tpeak %d MB\tload %s\n" "$label" "$(echo "$end - $start" | bc)" \
      "$(grep -Eo "\(([0-9,]+) records/s\)|[0-9,]+ new" "$0.out" | tail -1)" "$(echo "$user + $sys" | bc)" \
      $((rss / 1024)) "$load"
  ' "$work/m" "$label" "$@"
}

for build in BEFORE AFTER; do
  jar=${!build}
  cp "$jar" "$work/$build.jar"
  rm -f "$work/g.db"*
  measure "$build generate $N" java -jar "$work/$build.jar" generate --db "$work/g.db" --count "$N" --seed 1950
done
for build in BEFORE AFTER; do
  rm -rf "$work/i.db"* "$work/i.index"
  java -jar "$work/$build.jar" import --db "$work/i.db" seeds >/dev/null 2>&1
  measure "$build import $M" java -jar "$work/$build.jar" import --db "$work/i.db" "$work/large.txt"
done
