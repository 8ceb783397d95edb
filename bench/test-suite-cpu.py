#!/usr/bin/env python3
# Usage: bench/test-suite-cpu.py STOPFILE CLONE_DIR > out.txt & ... ; touch STOPFILE
# Samples every process's CPU (utime+stime) each second until STOPFILE exists; prints the CPU of
# the processes started after it began, per kind: Maven, test JVMs, the tests' SolrCloud (those
# whose command line or working folder is in CLONE_DIR), postgres and Chromium (any).
import os, sys, time, collections
tck = os.sysconf('SC_CLK_TCK')
stop, mark = sys.argv[1], sys.argv[2]   # mark: a path in the clone, to tell our processes apart
def classify(cmd, cwd):
    if 'postgres' in cmd.split(' ')[0]: return 'postgres'
    if 'chrom' in cmd.split(' ')[0]:
        t = [a for a in cmd.split(' ') if a.startswith('--type=') or a.startswith('--utility-sub-type=')]
        return 'chromium ' + ' '.join(t)
    if mark not in cmd and not cwd.startswith(mark): return None
    if 'surefire' in cmd: return 'test-jvm'
    if 'LocalSolrCloud' in cmd: return 'solr'
    if 'classworlds' in cmd: return 'maven'
    return 'other:' + cmd[:50]
before = set(p for p in os.listdir('/proc') if p.isdigit())
seen = {}
while not os.path.exists(stop):
    for pid in os.listdir('/proc'):
        if not pid.isdigit() or pid in before: continue
        try:
            st = open(f'/proc/{pid}/stat').read()
            cmd = open(f'/proc/{pid}/cmdline').read().replace('\0', ' ')
            cwd = os.readlink(f'/proc/{pid}/cwd')
        except Exception:
            continue
        rest = st[st.rfind(')')+2:].split()
        cpu = (int(rest[11]) + int(rest[12])) / tck
        if pid not in seen:
            seen[pid] = [classify(cmd, cwd), cpu]
        seen[pid][1] = cpu
    time.sleep(1)
tot = collections.Counter()
for pid, (cls, cpu) in seen.items():
    if cls: tot[cls] += cpu
for cls, v in tot.most_common(25):
    if v > 0.2: print(f'{v:8.1f} s  {cls}')
print(f'{sum(tot.values()):8.1f} s  total')
