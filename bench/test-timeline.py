#!/usr/bin/env python3
"""Reads a bin/test log with HH:MM:SS on each line: per half, when each class started and ended,
and how many classes ran at each 5 s. python3 bench/test-timeline.py LOG (bin/test's output
with a time on each line: bin/test 2>&1 | while IFS= read -r l; do printf '%(%H:%M:%S)T %s\\n' -1 "$l"; done)"""
import sys, re
from datetime import datetime
halves = []; cur = None
for line in open(sys.argv[1], errors='replace'):
    m = re.match(r'(\d\d:\d\d:\d\d) .*?(Running|Time elapsed: ([\d.]+) s.*?-- in) org\.dossier\.([\w.]+)', line)
    if 'maven-surefire-plugin' in line:
        cur = {}; halves.append(cur)
    if not m or cur is None: continue
    t = datetime.strptime(m.group(1), '%H:%M:%S')
    name = m.group(4).split('.')[-1]
    if m.group(2) == 'Running':
        cur.setdefault(name, [t, None, None])
    else:
        cur.setdefault(name, [None, None, None]); cur[name][1] = t; cur[name][2] = float(m.group(3))
for i, h in enumerate(halves):
    if not h: continue
    t0 = min(v[0] for v in h.values() if v[0]); t1 = max(v[1] for v in h.values() if v[1])
    print(f"half {i}: {t0.time()} - {t1.time()}  {(t1-t0).seconds} s, {len(h)} classes")
    # classes running at each 10 s
    secs = (t1 - t0).seconds
    line = ''
    for s in range(0, secs + 1, 5):
        n = sum(1 for v in h.values() if v[0] and v[1] and (v[0]-t0).seconds <= s < (v[1]-t0).seconds)
        line += str(n)
    print("running per 5 s:", line)
    for name, v in sorted(h.items(), key=lambda kv: kv[1][0] or t0):
        if v[2] and v[2] > 8:
            print(f"  {(v[0]-t0).seconds:4d} -> {(v[1]-t0).seconds:4d}  {v[2]:6.1f}  {name}")
