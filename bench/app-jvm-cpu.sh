#!/usr/bin/env bash
# The CPU of the app's own JVMs as the tests start them (src/test/java/org/dossier/testing/AppJvm.java),
# with and without bytecode verification, alternately: a command (`user list` on a migrated file) and a
# server on an empty catalogue (`serve`, from its start until /ready says 200, then SIGTERM and its stop).
#   bench/app-jvm-cpu.sh ROUNDS [PORT]      (after `mvn test-compile`; PORT 7140 unless given)
# Prints one line per JVM: which, the options, wall and CPU (user + sys) in seconds, then the means.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
port=${2:-7140}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$work/cp" -Dmdep.includeScope=test >/dev/null
cp="target/test-classes:target/classes:$(cat "$work/cp")"
quick="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
noverify="$quick -XX:+UnlockDiagnosticVMOptions -XX:-BytecodeVerificationRemote"
mkdir -p "$work/no-seeds"
echo "a long enough password" | java $quick -cp "$cp" org.dossier.app.Main user add --db "$work/c.db" ada >/dev/null 2>&1
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
for ((r = 1; r <= rounds; r++)); do
  for opts in "$quick" "$noverify" "$noverify" "$quick"; do
    name=$([ "$opts" = "$quick" ] && echo verified || echo unverified)
    /usr/bin/time -f "%e %U %S" -o "$work/t" java $opts -cp "$cp" org.dossier.app.Main user list --db "$work/c.db" >/dev/null 2>&1
    read -r w u s < <(tail -1 "$work/t")
    echo "user-list $name wall $w cpu $(echo "$u + $s" | bc)"
    rm -f "$work/s.db"*
    /usr/bin/time -f "%e %U %S" -o "$work/t" java $opts -cp "$cp" org.dossier.app.Main serve --db "$work/s.db" \
      --index "$work/s.index" --host 127.0.0.1 --port "$port" --seeds "$work/no-seeds" --warm-up 0 >/dev/null 2>&1 &
    timer=$!
    until curl -sf "http://127.0.0.1:$port/ready" >/dev/null 2>&1; do sleep 0.05; done
    pkill -TERM -P "$timer" -x java
    wait "$timer" || true
    read -r w u s < <(tail -1 "$work/t")
    echo "serve $name wall $w cpu $(echo "$u + $s" | bc)"
  done
done | tee "$work/out"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
awk '{k=$1" "$2; n[k]++; w[k]+=$4; c[k]+=$6} END {for (k in n) printf "mean %-22s wall %6.2f s  cpu %6.2f s  (%d runs)\n", k, w[k]/n[k], c[k]/n[k], n[k]}' "$work/out" | sort
