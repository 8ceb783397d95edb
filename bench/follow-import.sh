#!/bin/bash
# How long after an import a running server's readers wait: SEEDS_DB is a catalogue of the seeds (a
# copy is used); the line printed gives the import's time, the follower's time after it and the
# records per second from the start of the import until the index has applied every change.
# bench/follow-import.sh JAR SEEDS_DB FILE PORT : a server of JAR on a copy of SEEDS_DB (index built at its start), then
# `import FILE` beside it; prints the import's time, then when the server's index has applied every change
# (GET /ready: lag 0), and the server's CPU over the follow.
jar=$1; seeds=$2; file=$3; port=$4
w=${WORK:-/tmp/dossier-follow}/$(basename $jar .jar); rm -rf $w; mkdir -p $w; cp $seeds $w/c.db
nice -n 19 java -jar $jar serve --db $w/c.db --port $port > $w/server.log 2>&1 &
spid=$!
for i in $(seq 1 120); do curl -s localhost:$port/ready | grep -q '"status":"ready"' && break; sleep 0.5; done
spid=$(pgrep -f "$jar serve --db $w/c.db")
cpu() { awk '{print $14 + $15}' /proc/$spid/stat; }
load=$(cut -d' ' -f1-3 /proc/loadavg)
t0=$(date +%s.%N); c0=$(cpu)
/usr/bin/time -f "%e %U %S %M" -o $w/import.time nice -n 19 java -jar $jar import --db $w/c.db $file > $w/import.log 2>&1
t1=$(date +%s.%N); c1=$(cpu)
while true; do
  r=$(curl -s -m 10 localhost:$port/ready)
  echo "$r" | grep -q '"lag":0' && echo "$r" | grep -q '"status":"ready"' && break
  sleep 0.2
done
t2=$(date +%s.%N); c2=$(cpu)
n=$(grep -Eo "Imported [0-9]+ new" $w/import.log | grep -Eo "[0-9]+")
read iw iu is im < $w/import.time
printf "%s load %s | import %.1f s (cpu %.1f s, %d MB) | index follows in %.1f s more (server cpu %.1f s) | end to end %.1f s, %.0f records/s\n" \
  $(basename $jar .jar) "$load" $iw $(echo "$iu + $is" | bc) $((im/1024)) $(echo "$t2 - $t1" | bc) $(echo "($c2 - $c1)/100" | bc -l) \
  $(echo "$t2 - $t0" | bc) $(echo "$n / ($t2 - $t0)" | bc -l)
kill $spid; wait 2>/dev/null
