#!/usr/bin/env python3
"""Where the two cores go while processor/bench.sh runs: CPU seconds per wall second of each thread group of the
processor's JVM and of the benchmark's JVM (which holds the in-process broker), between two points of the run.

Start it just before the benchmark, with the benchmark's number of hits (runs x 159,616 for Run000591):
    processor/thread-cpu.py 122585088 0.6 0.9 & ./processor/bench.sh 768
It follows the processor's metrics lines and samples /proc/<pid>/task/*/stat when 60 % and 90 % of the hits are in.
Linux only. Figures: docs/benchmarks.md.
"""
import collections
import glob
import os
import re
import sys
import time

GROUPS = [('C2 compiler', r'^C2'), ('C1 compiler', r'^C1'), ('GC', r'^(GC|G1|VM Periodic)'), ('stream thread', r'-StreamThre|^bench-'),
          ('producer I/O', r'kafka-producer'), ('broker request handlers + network', r'data-plane'), ('main', r'^java$')]


def group(thread_name):
    return next((g for g, pattern in GROUPS if re.search(pattern, thread_name)), 'other')


def jvms():
    found = {}
    for cmdline in glob.glob('/proc/[0-9]*/cmdline'):
        try:
            c = open(cmdline, 'rb').read().decode(errors='ignore')
        except OSError:
            continue
        pid = int(cmdline.split('/')[2])
        if 'ProcessorMain' in c and 'minidt-bench' in c:
            found['processor JVM'] = pid
        elif 'ProcessorBenchmark' in c:
            found['benchmark JVM (broker)'] = pid
    return found


def cpu_ticks(pid):
    ticks = collections.Counter()
    for task in glob.glob(f'/proc/{pid}/task/*'):
        try:
            name = open(task + '/comm').read().strip()
            fields = open(task + '/stat').read().rsplit(')', 1)[1].split()
        except OSError:
            continue
        ticks[group(name)] += int(fields[11]) + int(fields[12])  # utime + stime
    return ticks


def hits_so_far(started):
    logs = [p for p in glob.glob('/tmp/minidt-bench-*/processor.log') if os.path.getctime(os.path.dirname(p)) > started]
    if not logs:
        return -1
    found = re.findall(r'metrics: hits (\d+)', open(max(logs, key=os.path.getmtime)).read())
    return int(found[-1]) if found else -1


def main():
    total = int(sys.argv[1])
    start, end = (float(sys.argv[2]), float(sys.argv[3])) if len(sys.argv) > 3 else (0.6, 0.9)
    started = time.time()
    while hits_so_far(started) < total * start:
        time.sleep(0.05)
    t0, h0, pids = time.time(), hits_so_far(started), jvms()
    before = {name: cpu_ticks(pid) for name, pid in pids.items()}
    while hits_so_far(started) < total * end:
        time.sleep(0.05)
    t1, h1 = time.time(), hits_so_far(started)
    after = {name: cpu_ticks(pid) for name, pid in pids.items()}
    wall, hz = t1 - t0, os.sysconf('SC_CLK_TCK')
    print(f'{h1 - h0} hits in {wall:.2f} s = {(h1 - h0) / wall / 1e6:.2f} M hits/s; CPU seconds per wall second (2 cores = 2.0):')
    for name in after:
        share = {g: (after[name][g] - before[name].get(g, 0)) / hz / wall for g in after[name]}
        print(f'  {name}: ' + ', '.join(f'{g} {v:.2f}' for g, v in sorted(share.items(), key=lambda x: -x[1]) if v >= 0.01)
              + f' (total {sum(share.values()):.2f})')


if __name__ == '__main__':
    main()
