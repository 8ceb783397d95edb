#!/usr/bin/env bash
# Where the load mix's processor time goes, by kind of request and by part: serves DB with JAR
# (--server-timing, so that a search page answered from a kept page can be told apart), asks the
# mix's first WARM requests one at a time (bench/MixReplay.java; the node's own warm-up comes first),
# then the next ones up to TO under Java Flight Recorder's `profile` settings, with each thread's
# processor time read from /proc before and after (the JIT's compiler threads and the collector's
# are not in the samples), and gives each sample to the request being answered
# (bench/MixAttribution.java). One request at a time, so the node is never overloaded and the
# answers kept are those of the log's order, as under the load at any rate.
#
#   bench/mix-attribution.sh JAR DB [WARM, default 3000] [TO, default 9000]
#
# Files (the recording, the replay's table, the threads' times) go to a temporary folder, printed.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=${1:?usage: bench/mix-attribution.sh JAR DB [warm] [to]}
db=${2:?usage: bench/mix-attribution.sh JAR DB [warm] [to]}
warm=${3:-3000}
to=${4:-9000}
SERVER_HEAP=${SERVER_HEAP:-2g}
# shellcheck source=bench/serve-node.sh
source bench/serve-node.sh
work=$(mktemp -d)
threads() {
  for t in /proc/"$server"/task/*; do
    echo "$(basename "$t")|$(cat "$t"/comm 2>/dev/null)|$(sed 's/.*) //' "$t"/stat 2>/dev/null | cut -d' ' -f12,13)"
  done
}
serve_node "$jar" "$db" --search-limit 0 --server-timing
echo "# The mix's processor time by kind and part, $(date -u +%Y-%m-%dT%H:%MZ), $jar on $db, requests $warm to $to"
echo "Machine: $(nproc) cores; load average at start: $(cut -d' ' -f1-3 /proc/loadavg); files in $work"
java bench/LoadBenchmark.java "$url" --paths "$to" >"$work/paths.txt"
java bench/MixReplay.java "$url" "$work/paths.txt" 0 "$warm" "$work/warm.tsv"
threads >"$work/threads.before"
jcmd "$server" JFR.start name=mix settings=profile >/dev/null
java bench/MixReplay.java "$url" "$work/paths.txt" "$warm" "$to" "$work/replay.tsv"
jcmd "$server" JFR.stop name=mix filename="$work/mix.jfr" >/dev/null
threads >"$work/threads.after"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "processor time by thread group over the recorded requests (clock ticks, user + system):"
awk -F'|' 'NR == FNR { split($3, b, " "); before[$1] = b[1] + b[2]; next }
    { name = $2; gsub(/[-#]?[0-9]+/, "#", name); split($3, a, " "); used = a[1] + a[2] - before[$1];
      ticks[name] += used; all += used }
    END { for (n in ticks) if (ticks[n] > 0) printf "  %7d %5.1f %%  %s\n", ticks[n], 100 * ticks[n] / all, n }' \
    "$work/threads.before" "$work/threads.after" | sort -rn | head -12
java bench/MixAttribution.java "$work/mix.jfr" "$work/replay.tsv"
