#!/bin/bash
# What /ready says while a node follows an import made beside it: a fresh catalogue of the seeds served
# by JAR on PORT (no warm-up), `import FILE` beside it, /ready asked every INTERVAL seconds; prints each
# answer other than 200 with lag 0, with its time, and how many were 503.
#   bench/ready-after-import.sh JAR FILE PORT [INTERVAL]      (FILE: bench/seed-file.sh 20000 > f20k.txt)
jar=$1; file=$2; port=$3; iv=${4:-0.2}
seeds="$(cd "$(dirname "$0")/../seeds" && pwd)"
w=${WORK:-/tmp/dossier-ready}/$(basename $jar .jar); rm -rf $w; mkdir -p $w
nice java -jar $jar serve --db $w/d.db --index $w/idx --port $port --seeds "$seeds" --warm-up 0 > $w/server.log 2>&1 &
spid=$!
for i in $(seq 1 240); do curl -s localhost:$port/ready | grep -q '"status":"ready"' && break; sleep 0.5; done
( while [ ! -f $w/stop ]; do
  t=$(date -u +%H:%M:%S.%N | cut -c1-12); r=$(curl -s -m 10 -w ' %{http_code}' localhost:$port/ready)
  echo "$t ${r##* } $(echo "$r" | grep -o '"lag":[0-9]*') $(echo "$r" | grep -o '"catchingUp":[a-z]*')"; sleep $iv; done > $w/poll.log ) &
echo "load $(cut -d' ' -f1-3 /proc/loadavg) at $(date -u +%T)"
nice java -jar $jar import --db $w/d.db $file 2>&1 | tail -1
sleep 15; touch $w/stop; sleep 1
grep -v ' 200 "lag":0 $' $w/poll.log
echo "503s: $(grep -c ' 503 ' $w/poll.log)"
kill $spid; wait $spid 2>/dev/null
