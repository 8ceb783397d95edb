#!/usr/bin/env python3
"""Watches a cpuacct cgroup RUN: moves every postgres/initdb/pg_ctl process in RUN into RUN/pg (its later
forks inherit it), and samples each process of RUN/pg every 0.1 s (its title and utime+stime), so that the
embedded PostgreSQL's CPU is told apart by what the process is: a backend of which database, the
checkpointer, autovacuum, the stats collector... Usage: postgres-processes.py CGROUPDIR STOPFILE OUT.tsv (started by bench/postgresql-half-cpu.sh)"""
import os, sys, time, re, collections

cg, stop, out = sys.argv[1], sys.argv[2], sys.argv[3]
pgcg = os.path.join(cg, 'pg')
TCK = os.sysconf('SC_CLK_TCK')
PG = {'postgres', 'initdb', 'pg_ctl'}
seen = {}  # pid -> [title at first sight, last title, cpu, start time]


def procs(d):
    try:
        return [int(x) for x in open(os.path.join(d, 'cgroup.procs')).read().split()]
    except OSError:
        return []


def cpu(pid):
    st = open(f'/proc/{pid}/stat').read()
    rest = st[st.rfind(')') + 2:].split()
    return (int(rest[11]) + int(rest[12])) / TCK, int(rest[19])


while not os.path.exists(stop):
    for pid in procs(cg):
        try:
            comm = open(f'/proc/{pid}/comm').read().strip()
        except OSError:
            continue
        if comm in PG:
            try:
                with open(os.path.join(pgcg, 'cgroup.procs'), 'w') as f:
                    f.write(str(pid))
            except OSError:
                pass
    for pid in procs(pgcg):
        try:
            title = open(f'/proc/{pid}/cmdline').read().replace('\0', ' ').strip()
            c, start = cpu(pid)
        except (OSError, ValueError):
            continue
        key = (pid, start)
        if key not in seen:
            seen[key] = [title, title, c]
        else:
            seen[key][1] = title
            seen[key][2] = c
    time.sleep(0.1)

with open(out, 'w') as f:
    for (pid, start), (first, last, c) in seen.items():
        f.write(f'{pid}\t{start}\t{c:.2f}\t{first}\t{last}\n')
