#!/usr/bin/env bash
# The undated cases of a catalogue (BENCHMARKS.md, "Undated records at 1,000,000"): serves DB on port
# 7100, times each request 40 times after 10 warm-up with curl, stops it.
#
#   bench/undated-cases.sh JAR DB
set -u
java -Xmx512m -jar "$1" serve --db "$2" --host 127.0.0.1 --port 7100 --kept-answers 0 --server-timing --search-limit 0 > "${TMPDIR:-/tmp}/undated-serve.log" 2>&1 &
pid=$!
for i in $(seq 1 300); do curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:7100/ready | grep -q 200 && break; sleep 1; done
echo "ready after ${i}s"
for u in '/search?undated=only' '/search?q=telegram&undated=only' '/search?q=telegram&sort=date' '/search?q=telegram&sort=date&page=100' '/?sort=date' '/?sort=-date'; do
  for w in 1 2 3 4 5 6 7 8 9 10; do curl -s -o /dev/null "http://127.0.0.1:7100$u"; done
  ts=$(for r in $(seq 1 40); do curl -s -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:7100$u"; done | sort -n)
  med=$(echo "$ts" | sed -n 20p); p90=$(echo "$ts" | sed -n 36p); mx=$(echo "$ts" | tail -1)
  echo "| \`$u\` | $(awk -v a=$med 'BEGIN{printf "%.1f ms", a*1000}') | $(awk -v a=$p90 'BEGIN{printf "%.1f ms", a*1000}') | $(awk -v a=$mx 'BEGIN{printf "%.1f ms", a*1000}') |"
done
curl -s 'http://127.0.0.1:7100/search.json?undated=only' | head -c 200; echo
kill $pid; wait $pid 2>/dev/null
