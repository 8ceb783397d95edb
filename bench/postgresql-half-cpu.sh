#!/usr/bin/env bash
# bench/postgresql-half-cpu.sh DIR OUT [mvn args...]: the PostgreSQL half alone in DIR (compiled beforehand), in a cpuacct
# cgroup (v1, as root) of its own, so that the detached embedded PostgreSQL is counted with the JVMs; its
# processes are moved into a child cgroup, so its share is read apart (bench/postgres-processes.py, which
# also samples each of them: bench/postgres-processes-report.py OUT/procs.tsv sums them by kind).
set -u
dir=$1; out=$2; shift 2
mkdir -p "$out"
name=pghalf_$(basename "$out")_$$
cg=/sys/fs/cgroup/cpuacct/$name
mkdir -p "$cg/pg"
rm -f "$out/stop"
python3 "$(dirname "$0")/postgres-processes.py" "$cg" "$out/stop" "$out/procs.tsv" &
watch=$!
start=$(date +%s.%N)
echo "start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" > "$out/summary"
(
  echo $BASHPID > "$cg/cgroup.procs"
  cd "$dir" && exec mvn -B -o surefire:test@postgresql "$@"
) > "$out/log" 2>&1
rc=$?
end=$(date +%s.%N)
sleep 1
touch "$out/stop"; wait $watch
echo "end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg) rc $rc" >> "$out/summary"
python3 - "$cg" "$start" "$end" >> "$out/summary" <<'EOF'
import sys
cg, s, e = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
def u(d):
    st = dict(l.split() for l in open(d + '/cpuacct.stat'))
    tck = 100
    return int(st['user']) / tck, int(st['system']) / tck
tu, ts = u(cg); pu, ps = u(cg + '/pg')
print(f'wall {e - s:.1f} s; all {tu + ts:.1f} s (user {tu:.1f} sys {ts:.1f}); postgres {pu + ps:.1f} s (user {pu:.1f} sys {ps:.1f}); rest {tu + ts - pu - ps:.1f} s')
EOF
grep -E "Tests run:.*Fail" "$out/log" | tail -1 >> "$out/summary"
# leave no cgroup behind (empty by now)
rmdir "$cg/pg" "$cg" 2>/dev/null
cat "$out/summary"
