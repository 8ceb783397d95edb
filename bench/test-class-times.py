#!/usr/bin/env python3
"""Per-class times of a surefire run, both halves, longest first, and the sum per package:
python3 bench/test-class-times.py TARGET_DIR [--md] (surefire's TEST-*.xml, each class's own time)."""
import sys, glob, os, xml.etree.ElementTree as ET
from collections import defaultdict
target = sys.argv[1]
md = '--md' in sys.argv
def read(d):
    out = {}
    for f in glob.glob(os.path.join(target, d, 'TEST-*.xml')):
        r = ET.parse(f).getroot()
        name = r.get('name')
        out[name] = (float(r.get('time')), int(r.get('tests')), int(r.get('failures')) + int(r.get('errors')), int(r.get('skipped')))
    return out
s = read('surefire-reports'); p = read('surefire-reports-postgresql')
names = sorted(set(s) | set(p), key=lambda n: -(s.get(n, (0,))[0] + p.get(n, (0,))[0]))
def fmt(v): return f"{v:.1f}" if v is not None else ""
print("| class | package | SQLite s | tests | PostgreSQL s | tests | both s |" if md else f"{'class':45} {'pkg':10} {'sqlite':>8} {'n':>4} {'pg':>8} {'n':>4} {'both':>8}")
if md: print("|---|---|---:|---:|---:|---:|---:|")
pk = defaultdict(lambda: [0.0, 0.0, 0, 0])
for n in names:
    a = s.get(n); b = p.get(n)
    pkg = n.split('.')[2]; cls = n.split('.')[-1]
    ta = a[0] if a else 0.0; tb = b[0] if b else 0.0
    pk[pkg][0] += ta; pk[pkg][1] += tb; pk[pkg][2] += a[1] if a else 0; pk[pkg][3] += b[1] if b else 0
    if md:
        print(f"| `{cls}` | {pkg} | {fmt(a[0]) if a else '—'} | {a[1] if a else ''} | {fmt(b[0]) if b else '—'} | {b[1] if b else ''} | {ta+tb:.1f} |")
    else:
        print(f"{cls:45} {pkg:10} {ta:8.1f} {a[1] if a else 0:4} {tb:8.1f} {b[1] if b else 0:4} {ta+tb:8.1f}" + (f"  FAIL {a[2] if a else 0}/{b[2] if b else 0}" if (a and a[2]) or (b and b[2]) else ""))
print()
print("| package | SQLite s | tests | PostgreSQL s | tests | both s |" if md else "per package:")
if md: print("|---|---:|---:|---:|---:|---:|")
for k, v in sorted(pk.items(), key=lambda kv: -(kv[1][0]+kv[1][1])):
    print(f"| {k} | {v[0]:.1f} | {v[2]} | {v[1]:.1f} | {v[3]} | {v[0]+v[1]:.1f} |" if md else f"{k:12} {v[0]:8.1f} {v[2]:5} {v[1]:8.1f} {v[3]:5} {v[0]+v[1]:8.1f}")
ts = sum(v[0] for v in s.values()); tp = sum(v[0] for v in p.values())
print(f"\ntotal class time: SQLite {ts:.1f} s ({len(s)} classes, {sum(v[1] for v in s.values())} tests), PostgreSQL {tp:.1f} s ({len(p)} classes, {sum(v[1] for v in p.values())} tests)")
