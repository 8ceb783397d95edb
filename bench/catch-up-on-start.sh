#!/bin/bash
# How long a node that was stopped takes to catch up on the changes written meanwhile, through the
# feed (not a rebuild: fewer than 50,000 changes behind). SEEDS_DB is a catalogue of the seeds (a copy
# is used). A node of JAR builds its index on a copy and stops; `import FILE` is written while it is
# down; the node starts again (--warm-up 0) and the time from its launch until GET /ready says ready
# with lag 0 is printed, with the node's CPU; then the same for a start with nothing to catch up on.
# bench/catch-up-on-start.sh JAR SEEDS_DB FILE PORT
jar=$1; seeds=$2; file=$3; port=$4
w=${WORK:-/tmp/dossier-catch-up}/$(basename $jar .jar); rm -rf $w; mkdir -p $w; cp $seeds $w/c.db

# Starts the node (its log in $w/$1.log), waits until /ready says ready with lag 0, sets $took
# (seconds from launch) and $cpu (the node's seconds of CPU), and stops it.
start_until_caught_up() {
  local t0 t1 pid r
  t0=$(date +%s.%N)
  nice -n 19 java -jar $jar serve --db $w/c.db --port $port --warm-up 0 > $w/$1.log 2>&1 &
  pid=$!
  until r=$(curl -s -m 10 localhost:$port/ready) && echo "$r" | grep -q '"lag":0' && echo "$r" | grep -q '"status":"ready"'; do
    sleep 0.1
  done
  t1=$(date +%s.%N)
  cpu=$(awk '{print ($14 + $15) / 100}' /proc/$pid/stat)
  took=$(echo "$t1 - $t0" | bc)
  kill $pid; wait $pid 2>/dev/null
}

start_until_caught_up first    # builds the index
nice -n 19 java -jar $jar import --db $w/c.db $file > $w/import.log 2>&1
n=$(grep -Eo "Imported [0-9]+ new" $w/import.log | grep -Eo "[0-9]+")
load=$(cut -d' ' -f1-3 /proc/loadavg)
start_until_caught_up second
printf "%s load %s | %d changes behind | ready with lag 0 %.1f s after launch (node cpu %.1f s, JVM start included) | log lines saying rebuild: %d\n" \
  $(basename $jar .jar) "$load" $n $took $cpu $(grep -c "ebuild" $w/second.log)
# The same start with nothing to catch up on: what of the time above is the start itself.
start_until_caught_up third
printf "%s | the same start with nothing behind: ready %.1f s after launch (node cpu %.1f s)\n" $(basename $jar .jar) $took $cpu
