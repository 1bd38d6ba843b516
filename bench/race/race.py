#!/usr/bin/env python3
"""The speed race: conflictctl against aws-local-stepfunctions, whole process against whole
process, on the workloads of workloads.py, in one run on one machine.

race.py --conflictctl BIN --peer-dir DIR --out DIR [--pairs N] [--skip-peer]

For every workload: both runtimes run it once and their outputs must be equal (else the
workload is reported as a mismatch and the script exits 1); then N alternating pairs are
timed (wall time of the process, from fork to exit, and its peak RSS). It prints, per
workload, each side's median (min–max) and the ratio of the medians. Then the scaling of an
EXPRESS inline Map (conflictctl alone) from 10,000 to 100,000 items.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def timed(command, env=None):
    """Runs `command`; returns (seconds, stdout, stderr, exit status)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    out, err = process.communicate()
    return time.perf_counter() - start, out, err, process.returncode


def timed_rss(command, env=None):
    """Runs `command` with its output discarded; returns (seconds, peak RSS in MiB, status)."""
    start = time.perf_counter()
    pid = os.posix_spawnp(command[0], command, env if env is not None else os.environ,
                          file_actions=[(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)])
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - start
    return seconds, usage.ru_maxrss / 1024.0, os.waitstatus_to_exitcode(status)


def ours(binary, folder, name):
    meta = json.load(open(os.path.join(folder, "meta.json")))
    return [binary, "execute", "--definition", os.path.join(folder, "definition.asl.json"),
            "--input", "@" + os.path.join(folder, "input.json"),
            "--mock-config", os.path.join(folder, "mocks.json"), "--test-case", "Race",
            "--state-machine", name, "--type", meta["type"], "--output", "json", "--no-record"]


def peer(folder):
    return ["node", os.path.join(HERE, "peer.mjs"), folder]


def output_of(command, env, side):
    seconds, out, err, code = timed(command, env)
    if code != 0:
        raise RuntimeError(f"{side} exited {code}: {err.decode(errors='replace')[-2000:]}")
    value = json.loads(out)
    if side == "conflictctl":
        if value["status"] != "SUCCEEDED":
            raise RuntimeError(f"conflictctl: {value['status']} {value['error']}: {value['cause']}")
        value = value["output"]
    return value


def summary(values):
    return statistics.median(values), min(values), max(values)


def cell(seconds):
    median, low, high = summary(seconds)
    def unit(s):
        return f"{s * 1000:.1f} ms" if s < 10 else f"{s:.2f} s"
    return f"{unit(median)} ({unit(low)}–{unit(high)})"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--conflictctl", required=True)
    parser.add_argument("--peer-dir", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--skip-peer", action="store_true")
    args = parser.parse_args()
    env = dict(os.environ, PEER_DIR=args.peer_dir)

    names = subprocess.run([sys.executable, os.path.join(HERE, "workloads.py"), args.out],
                           check=True, capture_output=True, text=True).stdout.split()
    rows, failed = [], False
    for name in names:
        folder = os.path.join(args.out, name)
        ours_cmd = ours(args.conflictctl, folder, name)
        try:
            mine = output_of(ours_cmd, env, "conflictctl")
            if not args.skip_peer:
                theirs = output_of(peer(folder), env, "aws-local-stepfunctions")
                if mine != theirs:
                    raise RuntimeError("the outputs differ: conflictctl "
                                       f"{json.dumps(mine)[:200]} … peer {json.dumps(theirs)[:200]} …")
        except (RuntimeError, json.JSONDecodeError, KeyError) as problem:
            print(f"{name}: {problem}", flush=True)
            failed = True
            continue
        ours_times, peer_times, ours_rss, peer_rss = [], [], [], []
        for _ in range(args.pairs):
            seconds, rss, code = timed_rss(ours_cmd, env)
            ours_times.append(seconds)
            ours_rss.append(rss)
            if not args.skip_peer:
                seconds, rss, code = timed_rss(peer(folder), env)
                peer_times.append(seconds)
                peer_rss.append(rss)
        rows.append((name, ours_times, peer_times, max(ours_rss), max(peer_rss) if peer_rss else 0))
        ratio = (f"{statistics.median(peer_times) / statistics.median(ours_times):.0f}×"
                 if peer_times else "–")
        print(f"{name}: conflictctl {cell(ours_times)}, peer "
              f"{cell(peer_times) if peer_times else '–'}, {ratio}", flush=True)

    print()
    print(f"Whole process, median of {args.pairs} alternating runs (min–max), same machine, same run:")
    print()
    print("| workload | conflictctl | aws-local-stepfunctions | ratio | peak RSS (ours / peer) |")
    print("|---|---:|---:|---:|---:|")
    for name, mine, theirs, rss, peer_peak in rows:
        ratio = f"{statistics.median(theirs) / statistics.median(mine):.0f}×" if theirs else "–"
        print(f"| {name} | {cell(mine)} | {cell(theirs) if theirs else '–'} | {ratio} | "
              f"{rss:.0f} / {peer_peak:.0f} MiB |")

    print()
    print("EXPRESS inline Map (3 states per item, MaxConcurrency 0), conflictctl alone:")
    print()
    print("| items | wall | peak RSS |")
    print("|---:|---:|---:|")
    scaling = {}
    for items in (10000, 100000):
        folder = os.path.join(args.out, f"scale_{items}")
        subprocess.run([sys.executable, os.path.join(HERE, "workloads.py"), folder,
                        "--map-items", str(items), "--scale"], check=True, capture_output=True)
        name = f"map_{items}_c0"
        command = ours(args.conflictctl, os.path.join(folder, name), name)
        output_of(command, env, "conflictctl")
        results = [timed_rss(command, env) for _ in range(args.pairs)]
        times = [r[0] for r in results]
        scaling[items] = statistics.median(times)
        print(f"| {items:,} | {cell(times)} | {max(r[1] for r in results):.0f} MiB |")
    print()
    print(f"100,000 items cost {scaling[100000] / scaling[10000]:.1f}× the time of 10,000 "
          "(linear growth: 10×).")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
