#!/usr/bin/env python3
"""How busy the cores are through a bin/test run, second by second.

Usage: setsid bash -c 'echo $$ > SIDFILE; exec bin/test ...' & bench/test-suite-busy.py SIDFILE STOPFILE > samples.tsv
       (touch STOPFILE when the run has ended), then bench/test-suite-busy.py --report samples.tsv LOG

Each second: the machine's busy and idle share of its cores (/proc/stat), and the CPU of the run's own
processes (those in the run's session, which the setsid above gives it: Maven, the test JVMs, Chromium,
embedded PostgreSQL, the tests' SolrCloud), by kind. The report splits the run into its two halves (the
two test JVMs), says each half's idle share, and with LOG (bin/test's output, each line prefixed with
HH:MM:SS) which classes were running in the seconds where a core stood idle."""
import os, sys, time, collections, re
from datetime import datetime

TCK = os.sysconf('SC_CLK_TCK')


def machine():
    f = open('/proc/stat').readline().split()[1:]
    v = [int(x) for x in f]
    idle = v[3] + v[4]          # idle + iowait
    return sum(v[:8]), idle     # steal counted, guest already in user


def kind(cmd):
    exe = cmd.split(' ')[0]
    if 'postgres' in exe: return 'postgres'
    if 'chrom' in exe: return 'chromium'
    if 'org.dossier.app.Main' in cmd: return 'other'      # a test's own child JVM (its class path names surefire's jar)
    if exe.endswith('java') and 'surefirebooter' in cmd and ' -jar ' in cmd: return 'testjvm'
    if 'LocalSolrCloud' in cmd or 'solr' in cmd.lower(): return 'solr'
    if 'classworlds' in cmd: return 'maven'
    return 'other'


def sample(sidfile, stop):
    while not os.path.exists(sidfile): time.sleep(0.1)
    sid = open(sidfile).read().strip()
    seen = {}       # pid -> (kind, last cpu)
    sched = {}      # (pid, tid) -> (ns on a core, ns waiting for one), from /proc/PID/task/TID/schedstat
    jvms = []       # test JVMs' pids in the order they appeared: the SQLite half, then PostgreSQL
    last_tot, last_idle = machine()
    last = time.monotonic()
    ncpu = os.cpu_count()
    print('t\tmachine_busy\tmachine_idle\tours\ttestjvm\tchromium\tpostgres\tsolr\tmaven\tother\thalf\ton_core\twaiting_for_core\tinterval', flush=True)
    while not os.path.exists(stop):
        time.sleep(1)
        now = time.monotonic(); interval, last = now - last, now   # over a second: reading every thread takes time
        tot, idle = machine()
        dt, di = tot - last_tot, idle - last_idle
        last_tot, last_idle = tot, idle
        delta = collections.Counter()
        for pid in os.listdir('/proc'):
            if not pid.isdigit(): continue
            try:
                st = open(f'/proc/{pid}/stat').read()
                rest = st[st.rfind(')') + 2:].split()
                if rest[3] != sid and pid not in seen: continue
                cpu = (int(rest[11]) + int(rest[12])) / TCK
                if pid not in seen:
                    cmd = open(f'/proc/{pid}/cmdline').read().replace('\0', ' ')
                    k = kind(cmd)
                    if k == 'testjvm': jvms.append(pid)
                    seen[pid] = [k, 0.0]
                delta[seen[pid][0]] += cpu - seen[pid][1]
                seen[pid][1] = cpu
                for tid in os.listdir(f'/proc/{pid}/task'):
                    try:
                        on, wait = (int(x) for x in open(f'/proc/{pid}/task/{tid}/schedstat').read().split()[:2])
                    except (OSError, ValueError):
                        continue
                    was = sched.get((pid, tid), (0, 0))
                    if on < was[0] or wait < was[1]: was = (0, 0)   # a thread id used again
                    delta['on'] += (on - was[0]) / 1e9; delta['wait'] += (wait - was[1]) / 1e9
                    sched[(pid, tid)] = (on, wait)
            except (OSError, IndexError):
                continue
        alive = [p for p in jvms if os.path.exists(f'/proc/{p}')]
        half = '+'.join(str(jvms.index(p)) for p in alive) or '-'
        ours = sum(v for k, v in delta.items() if k not in ('on', 'wait'))
        secs = dt / TCK / ncpu if dt else 1
        print(f"{time.strftime('%H:%M:%S')}\t{(dt - di) / TCK:.2f}\t{di / TCK:.2f}\t{ours:.2f}\t"
              + '\t'.join(f"{delta[k]:.2f}" for k in ('testjvm', 'chromium', 'postgres', 'solr', 'maven', 'other'))
              + f"\t{half}\t{delta['on']:.2f}\t{delta['wait']:.2f}\t{interval:.2f}", flush=True)


def report(samples, log):
    rows = [l.rstrip('\n').split('\t') for l in open(samples)][1:]
    running = {}    # (half, class) -> [start, end] from the log
    if log:
        half = -1
        for line in open(log, errors='replace'):
            if 'maven-surefire-plugin' in line: half += 1
            m = re.match(r'(\d\d:\d\d:\d\d) .*?(Running|Time elapsed: [\d.]+ s.*?-- in) org\.dossier\.([\w.]+)', line)
            if not m: continue
            name = (half, m.group(3).split('.')[-1])
            if m.group(2) == 'Running': running.setdefault(name, [m.group(1), None])
            else: running.setdefault(name, [None, None])[1] = m.group(1)
    ncpu = os.cpu_count()
    interval = lambda r: float(r[13]) if len(r) > 13 else 1.0
    by_half = collections.defaultdict(list)
    for r in rows: by_half[r[10]].append(r)
    for h, rs in by_half.items():
        wall = sum(interval(r) for r in rs)
        busy = sum(float(r[1]) for r in rs); idle = sum(float(r[2]) for r in rs)
        ours = sum(float(r[3]) for r in rs)
        kinds = [sum(float(r[i]) for r in rs) for i in range(4, 10)]
        print(f"test JVMs alive {h}: {wall:.0f} s wall, machine busy {busy:.0f} s, idle {idle:.0f} s "
              f"({100 * idle / (busy + idle):.0f} % idle); the run's own CPU {ours:.0f} s ({ours / wall:.2f} cores: "
              f"test JVMs {kinds[0]:.0f}, Chromium {kinds[1]:.0f}, postgres {kinds[2]:.0f}, solr {kinds[3]:.0f}, "
              f"maven {kinds[4]:.0f}, other {kinds[5]:.0f})")
        demand = len(rs[0]) > 12
        if demand:
            # What the run asked of the cores, whatever else ran: its threads' time on a core plus their
            # time waiting for one (schedstat). Under two cores' worth, a quiet machine would have left
            # the rest idle.
            want = [(float(r[11]) + float(r[12]), interval(r)) for r in rs]
            short = sum(max(0.0, ncpu * i - w) for w, i in want)
            print(f"  runnable threads on average {sum(w for w, _ in want) / wall:.2f} (on a core "
                  f"{sum(float(r[11]) for r in rs) / wall:.2f}); samples asking less than one core "
                  f"{sum(1 for w, i in want if w < i)}, less than two {sum(1 for w, i in want if w < ncpu * i)} of {len(rs)}; "
                  f"core-seconds a quiet machine would have left idle {short:.0f} of {ncpu * wall:.0f} "
                  f"({100 * short / (ncpu * wall):.0f} %)")
        if not log or h == '-': continue
        unused_by_class = collections.Counter(); secs_by_class = collections.Counter()
        for r in rs:
            unused = max(0.0, ncpu * interval(r) - float(r[11]) - float(r[12])) if demand else float(r[2])
            for (ch, name), (a, b) in running.items():
                if str(ch) in h.split('+') and a and b and a <= r[0] < b:
                    unused_by_class[name] += unused; secs_by_class[name] += 1
        print("  the classes running while cores were " + ("left unasked" if demand else "idle") + " (core-seconds, samples running):")
        for name, v in unused_by_class.most_common(15):
            print(f"    {v:6.1f} ({secs_by_class[name]}): {name}")


if __name__ == '__main__':
    if sys.argv[1] == '--report':
        report(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
    else:
        sample(sys.argv[1], sys.argv[2])
