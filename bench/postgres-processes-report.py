#!/usr/bin/env python3
"""Sums procs.tsv (bench/postgres-processes.py) by kind of PostgreSQL process: what a process was last seen
doing (a backend of the server's own database makes and drops the test databases). Short-lived processes
between two samples are not seen: the cgroup's total says how much that was.
Usage: bench/postgres-processes-report.py OUT/procs.tsv"""
import sys, re, collections
cat = collections.Counter(); n = collections.Counter()
for line in open(sys.argv[1]):
    pid, start, c, first, last = (line.rstrip('\n').split('\t') + ['', ''])[:5]
    t = last or first
    if 'initdb' in t or '--boot' in t or '--single' in t or 'pg_ctl' in t: k = 'initdb/pg_ctl'
    elif re.search(r'bin/postgres -D', t): k = 'postmaster'
    elif t.startswith('postgres: '):
        m = re.match(r'postgres: (\S+) (\S+) (\S+)', t)
        rest = t[len('postgres: '):]
        if m and m.group(3).startswith(('127.0.0.1', '[local]', 'localhost', '::1')):
            db = m.group(2)
            k = 'backend: postgres db (create/drop)' if db == 'postgres' else ('backend: template' if db == 'dossier_template' else 'backend: test databases')
        else:
            k = re.sub(r'\s+\S*$', '', rest) if rest.startswith('autovacuum worker') else rest.split('  ')[0]
            k = 'autovacuum worker' if rest.startswith('autovacuum worker') else k
    elif t == '': k = '(never seen with a title)'
    else: k = t[:40]
    cat[k] += float(c); n[k] += 1
tot = sum(cat.values())
for k, v in cat.most_common():
    print(f'{v:8.1f} s  {n[k]:6d} processes  {k}')
print(f'{tot:8.1f} s  {sum(n.values()):6d} processes  observed in all')
