#!/usr/bin/env python3
"""Where a process's CPU goes, from `perf script` output, in samples and in µs per connection.

Usage (a workload JVM started with -XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit -XX:+PreserveFramePointer,
then after its warm-up):
  perf record -F 999 -g -p PID -o out.perf -- sleep 4
  perf script -i out.perf | bench/tools/cpu-split.py CONNECTIONS_IN_THOSE_4_S
A sample is the agent's when a dev.tcpflight frame is on its stack; of those, the JFR stack walk, the event
commit, system calls the agent made, and the rest (tracking). The load generator (wrk) is left out.
"""
import collections
import sys

PERIOD_US = 1e6 / 999


def classify(comm, frames):
    if comm.startswith(('C2 Compiler', 'C1 Compiler')):
        return 'JIT compiler'
    if any('dev.tcpflight.' in f for f in frames):
        if any('JfrStackTrace' in f or 'jfr_stacktrace' in f or 'getStackTraceId' in f for f in frames):
            return 'agent: JFR stack walk'
        if any('EventHandler' in f or 'jdk.jfr' in f for f in frames):
            return 'agent: event commit'
        if any('[kernel' in f for f in frames):
            return 'agent: system calls'
        return 'agent: tracking'
    if any('[kernel' in f for f in frames):
        return 'JDK: kernel (system calls, TCP)'
    if any('jdk.jfr' in f or 'Jfr' in f for f in frames):
        return 'JDK: JFR'
    return 'JDK: user space'


def main():
    counts = collections.Counter()
    comm, frames = None, []
    for line in list(sys.stdin) + ['']:
        if not line.strip():
            if comm is not None and comm != 'wrk':
                counts[classify(comm, frames)] += 1
            comm, frames = None, []
        elif line[0] in ' \t':
            frames.append(line.strip())
        else:
            comm = line.split('  ')[0].strip()
    total = sum(counts.values()) or 1
    connections = float(sys.argv[1]) if len(sys.argv) > 1 else 0
    for name, n in sorted(counts.items()):
        per = f'  {n * PERIOD_US / connections:7.2f} µs/conn' if connections else ''
        print(f'{name:34s} {n:6d} {100 * n / total:5.1f}%{per}')


main()
