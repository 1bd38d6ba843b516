#!/usr/bin/env python3
"""Two conflictctl binaries on the race's workloads, whole process against whole process:
a change to lib/engine or lib/dataflow must not make the engine slower.

    python3 bench/race/workloads.py /tmp/wl
    python3 bench/race/before_after.py /tmp/wl OLD_BINARY NEW_BINARY [--pairs N]

Runs N alternating pairs per workload (default 9) and prints each side's median and the
change. The workloads' meta.json gives the workflow type; outputs are not compared here
(race.py checks them against the peer)."""
import argparse
import json
import os
import statistics
import subprocess
import time


def command(binary, folder, name):
    meta = json.load(open(os.path.join(folder, "meta.json")))
    return [binary, "execute", "--definition", os.path.join(folder, "definition.asl.json"),
            "--input", "@" + os.path.join(folder, "input.json"),
            "--mock-config", os.path.join(folder, "mocks.json"), "--test-case", "Race",
            "--state-machine", name, "--type", meta["type"], "--output", "json", "--no-record"]


def seconds(cmd):
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


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
                times[binary].append(seconds(command(binary, folder, name)))
        before = statistics.median(times[args.before]) * 1000
        after = statistics.median(times[args.after]) * 1000
        print(f"| {name} | {before:.1f} ms | {after:.1f} ms | {(after / before - 1) * 100:+.0f} % |")


if __name__ == "__main__":
    main()
