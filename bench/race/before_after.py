#!/usr/bin/env python3
"""Two conflictctl binaries on the race's workloads, whole process against whole process:
a change to lib/engine or lib/dataflow must not make the engine slower.

    python3 bench/race/workloads.py /tmp/wl
    python3 bench/race/before_after.py /tmp/wl OLD_BINARY NEW_BINARY [--pairs N]

Runs N alternating pairs per workload (default 9) and prints each side's median and the
change. The workloads' meta.json gives the workflow type; outputs are not compared here
(race.py checks them against the peer)."""
import argparse
import os
import statistics
import sys

from race import ours, timed  # the race's own command line and timer


def seconds(binary, folder, name):
    took, _, err, code = timed(ours(binary, folder, name))
    if code != 0:
        sys.exit(f"before_after.py: {binary} failed on {name} (exit {code}): {err.decode()}")
    return took


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("workloads")
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--pairs", type=int, default=9)
    args = parser.parse_args()
    print("| workload | before | after | change |\n|---|---:|---:|---:|")
    for name in sorted(os.listdir(args.workloads)):
        folder = os.path.join(args.workloads, name)
        times = {args.before: [], args.after: []}
        for _ in range(args.pairs):
            for binary in (args.before, args.after):
                times[binary].append(seconds(binary, folder, name))
        before = statistics.median(times[args.before]) * 1000
        after = statistics.median(times[args.after]) * 1000
        print(f"| {name} | {before:.1f} ms | {after:.1f} ms | {(after / before - 1) * 100:+.0f} % |")


if __name__ == "__main__":
    main()
