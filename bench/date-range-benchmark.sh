#!/usr/bin/env bash
# Two builds' server CPU on date-range searches (BENCHMARKS.md, "A date range met wholly within"):
# the searches of bench/date-range-requests.py, as /search.json (the same bytes from every build
# that counts the same) and as /search pages, with and without dated=within, through
# bench/twin-cpu.sh: both nodes at once, then their places swapped. Each node on its own copy of
# the catalogue (a node locks its index).
#
#   bench/date-range-benchmark.sh BEFORE.jar AFTER.jar copy-a/1m.db copy-b/1m.db [FILE...]
#
# FILEs are names of the generated files (default: json.txt html.txt html-within.txt); a build
# that does not know dated=within answers its files as the default searches.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 4 ] || { echo "usage: bench/date-range-benchmark.sh JAR_1 JAR_2 DB_1 DB_2 [FILE...]" >&2; exit 2; }
jar1=$1 jar2=$2 db1=$3 db2=$4
shift 4
files=("$@")
[ ${#files[@]} -gt 0 ] || files=(json.txt html.txt html-within.txt)
requests=$(mktemp -d)
trap 'rm -rf "$requests"' EXIT
python3 bench/date-range-requests.py "$requests"
paths=()
for f in "${files[@]}"; do paths+=("$requests/$f"); done
bench/twin-cpu.sh "$jar1" "$db1" "$jar2" "$db2" "${paths[@]}"
bench/twin-cpu.sh "$jar2" "$db1" "$jar1" "$db2" "${paths[@]}"
