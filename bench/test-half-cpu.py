#!/usr/bin/env python3
"""The processor time of one test run, its embedded PostgreSQL included.

Usage: setsid bash -c 'echo $$ > SIDFILE; exec mvn ...' & bench/test-half-cpu.py SIDFILE STOPFILE > cpu.txt
       (touch STOPFILE when the run has ended)

Each second it reads /proc: the processes of the run's session (Maven, the test JVM, the tests' SolrCloud,
Chromium, the app's JVMs a test starts) by kind, and the embedded PostgreSQL server the run's test JVM talks
to. That server detaches into a session of its own, so /usr/bin/time on Maven never sees it: it is found by
the port the test JVM connects to, and counted as its postmaster's own time, its live backends' and what it
reaped of the backends that ended (cutime + cstime). Another run's PostgreSQL on the machine is not counted."""
import os, sys, time, re, subprocess, collections

TCK = os.sysconf('SC_CLK_TCK')
sidfile, stop = sys.argv[1], sys.argv[2]
while not os.path.exists(sidfile):
    time.sleep(0.1)
time.sleep(0.2)
sid = int(open(sidfile).read().split()[0])


def stat(pid):
    st = open(f'/proc/{pid}/stat').read()
    rest = st[st.rfind(')') + 2:].split()
    return {'ppid': int(rest[1]), 'sid': int(rest[3]), 'own': (int(rest[11]) + int(rest[12])) / TCK,
            'reaped': (int(rest[13]) + int(rest[14])) / TCK}


def kind(cmd):
    exe = cmd.split(' ')[0]
    if 'chrom' in exe: return 'chromium'
    if 'LocalSolrCloud' in cmd: return 'solr'
    if 'surefirebooter' in cmd: return 'test-jvm'
    if 'classworlds' in cmd: return 'maven'
    if exe.endswith('java'): return 'other-jvm'
    return 'other'


own = {}          # pid -> (kind, own cpu) for the session's processes
pg = {}           # postmaster pid -> (own + reaped, {child pid: own})
ports = set()
while not os.path.exists(stop):
    pids = [p for p in os.listdir('/proc') if p.isdigit()]
    jvms = []
    for pid in pids:
        try:
            s = stat(pid)
            if s['sid'] != sid:
                continue
            cmd = open(f'/proc/{pid}/cmdline').read().replace('\0', ' ')
        except (OSError, ValueError):
            continue
        k = kind(cmd)
        own[pid] = (k, s['own'])
        if k == 'test-jvm':
            jvms.append(pid)
    if jvms and not pg:
        try:
            out = subprocess.run(['ss', '-tnpH'], capture_output=True, text=True).stdout
            for line in out.splitlines():
                if any(f'pid={j},' in line for j in jvms):
                    peer = line.split()[4]
                    ports.add(peer.rsplit(':', 1)[1])
        except OSError:
            pass
    for pid in pids:
        try:
            cmd = open(f'/proc/{pid}/cmdline').read().split('\0')
        except OSError:
            continue
        if not cmd[0].endswith('/bin/postgres') or '-p' not in cmd or cmd[cmd.index('-p') + 1] not in ports:
            continue
        try:
            s = stat(pid)
        except (OSError, ValueError):
            continue
        children = {}
        for child in pids:
            try:
                c = stat(child)
                if c['ppid'] == int(pid):
                    children[child] = c['own']
            except (OSError, ValueError):
                continue
        pg[pid] = (s['own'] + s['reaped'], children)
    time.sleep(1)

by = collections.Counter()
for k, cpu in own.values():
    by[k] += cpu
for total, children in pg.values():
    # The last sample: a backend that had ended is in the postmaster's reaped time, one still alive in its own.
    by['postgres'] += total + sum(children.values())
for k, v in by.most_common():
    print(f'{v:8.1f} s  {k}')
print(f'{sum(by.values()):8.1f} s  total')
