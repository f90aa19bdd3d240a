#!/usr/bin/env python3
"""Measures samverkan against the performance targets, next to Taskwarrior doing the same work.

Usage: Scripts/benchmark.py [--binary PATH] [--rows N] [--runs N]
       (Scripts/benchmark.sh builds the release binary and runs this.)

Every figure is the median of several runs of a whole process (start to exit), measured in
this run on this machine; peak memory is the child's maximum resident set. The data is built
from Skatteverket's test personnummer (Scripts/benchmark-data.py). Taskwarrior 2.6 gets the
same 100,000 items as tasks; without `task` on the PATH its column says so.
"""
import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)


def run(command, env=None, stdin=None, stdout=subprocess.DEVNULL):
    """Runs a command; returns (seconds, peak KB, exit code)."""
    start = time.perf_counter()
    with open(stdin, "rb") if stdin else open(os.devnull, "rb") as input_file:
        process = subprocess.Popen(command, env=env, stdin=input_file, stdout=stdout,
                                   stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    return elapsed, usage.ru_maxrss, os.waitstatus_to_exitcode(status)


def measure(label, commands, check=True):
    """Runs each command (a list of (argv, env, stdin)) and returns the median seconds and
    the largest peak memory."""
    times, peaks = [], []
    for argv, env, stdin in commands:
        seconds, peak, code = run(argv, env, stdin)
        if check and code != 0:
            sys.exit(f"{label}: {' '.join(argv)} exited with {code}")
        times.append(seconds)
        peaks.append(peak)
    return statistics.median(times), max(peaks)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(root, ".build", "release", "samverkan"))
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    if not os.access(binary, os.X_OK):
        sys.exit(f"no samverkan binary at {binary}; run Scripts/benchmark.sh (it builds one)")
    work = tempfile.mkdtemp(prefix="samverkan-bench-")
    rng = random.Random(7)
    try:
        data = os.path.join(work, "consents.ndjson")
        small = os.path.join(work, "small.ndjson")
        tasks = os.path.join(work, "tasks.json")
        generator = os.path.join(here, "benchmark-data.py")
        with open(data, "w") as out:
            subprocess.run([sys.executable, generator, "samverkan", str(args.rows)], stdout=out, check=True)
        with open(small, "w") as out:
            subprocess.run([sys.executable, generator, "samverkan", "100"], stdout=out, check=True)
        env = dict(os.environ, SAMVERKAN_TODAY="2026-11-25", SAMVERKAN_USER="benchmark")
        env.pop("SAMVERKAN_STORE", None)

        def sv(store, *arguments):
            return [binary, "--store", store, *arguments]

        results = []  # (what, samverkan, target, taskwarrior)

        # Import into an empty store: each run a new store. (New directories, not deleted in
        # between: deleting thousands of files just before makes ext4 slower to create them.)
        stores = [os.path.join(work, f"import-{n}") for n in range(max(3, args.runs // 2))]
        seconds, peak = measure(
            "import", [(sv(store, "consent", "import", data), env, None) for store in stores])
        results.append((f"import {args.rows:,} NDJSON rows", f"{seconds:.2f} s", "≤ 2 s", None))
        results.append(("  peak memory of that import", f"{peak / 1024:.0f} MB", "≤ 150 MB", None))
        big = stores[0]
        for store in stores[1:]:
            shutil.rmtree(store)
        small_store = os.path.join(work, "small")
        measure("small import", [(sv(small_store, "consent", "import", small), env, None)])

        seconds, _ = measure(
            "list", [(sv(big, "consent", "list", "--format", "ndjson"), env, None)] * args.runs)
        results.append((f"consent list --format ndjson ({args.rows:,})", f"{seconds:.2f} s", "≤ 1 s", None))
        seconds, _ = measure("export", [(sv(big, "consent", "export"), env, None)] * args.runs)
        results.append((f"consent export ({args.rows:,})", f"{seconds:.2f} s", "≤ 1 s", None))

        # Point operations: a whole process each, on the big and on the small store.
        point_runs = max(15, args.runs * 6)
        with open(data) as f:
            people = [line.split('"person": "')[1].split('"')[0] for line, _ in zip(f, range(2000))]
        def show(store, count):
            return [(sv(store, "consent", "show", f"CON-{rng.randint(1, count)}"), env, None)
                    for _ in range(point_runs)]
        def check(store, count):
            return [(sv(store, "consent", "check", "--person", people[rng.randrange(min(count, len(people)))],
                        "--between", "SF-NORDOST,FFS", "--purpose", "sp"), env, None)
                    for _ in range(point_runs)]
        show_big, _ = measure("show", show(big, args.rows))
        show_small, _ = measure("show", show(small_store, 100))
        check_big, _ = measure("check", check(big, args.rows), check=False)
        check_small, _ = measure("check", check(small_store, 100), check=False)
        results.append(("consent show ID", f"{show_big * 1000:.1f} ms", "≤ 20 ms", None))
        results.append(("  same on a store of 100", f"{show_small * 1000:.1f} ms (×{show_big / show_small:.2f})", "≤ ×1.5", None))
        results.append(("consent check --person P …", f"{check_big * 1000:.1f} ms", "≤ 20 ms", None))
        results.append(("  same on a store of 100", f"{check_small * 1000:.1f} ms (×{check_big / check_small:.2f})", "≤ ×1.5", None))
        grants = [(sv(big, "consent", "grant", "--person", people[n % len(people)], "--parties",
                      "SF-NORDOST,FFS", "--purpose", "sp", "--form", "written", "--until", "+1y",
                      "--informed"), env, None) for n in range(point_runs)]
        seconds, _ = measure("grant", grants)
        results.append(("one consent grant on that store", f"{seconds * 1000:.1f} ms", "≤ 30 ms", None))

        # Taskwarrior 2.6 doing the same work.
        task = shutil.which("task")
        if task:
            with open(tasks, "w") as out:
                subprocess.run([sys.executable, generator, "taskwarrior", str(args.rows)], stdout=out, check=True)
            taskdata = os.path.join(work, "task")
            os.makedirs(taskdata)
            taskrc = os.path.join(work, "taskrc")
            with open(taskrc, "w") as rc:
                rc.write(f"data.location={taskdata}\nconfirmation=off\nverbose=nothing\n"
                         "json.array=on\nhooks=off\ngc=off\nrecurrence=off\n")
            tenv = dict(os.environ, TASKRC=taskrc, TASKDATA=taskdata)
            seconds, peak = measure("task import", [([task, "import", tasks], tenv, None)])
            tw = {0: f"{seconds:.2f} s", 1: f"{peak / 1024:.0f} MB"}
            seconds, _ = measure("task export", [([task, "export"], tenv, None)] * max(3, args.runs // 2))
            tw[3] = f"{seconds:.2f} s"
            tw[2] = f"{seconds:.2f} s (export)"
            seconds, _ = measure(
                "task info",
                [([task, f"00000000-0000-4000-8000-{rng.randrange(args.rows):012d}", "info"], tenv, None)
                 for _ in range(5)])
            tw[4] = f"{seconds * 1000:.0f} ms (info)"
            tw[6] = tw[4]
            results = [(what, ours, target, tw.get(n)) for n, (what, ours, target, _) in enumerate(results)]
            note = "Taskwarrior: task 2.6 with the same items as tasks, in this run."
        else:
            note = "Taskwarrior column empty: `task` is not installed (apt-get install taskwarrior)."

        width = max(len(r[0]) for r in results)
        print(f"{'':{width}}  {'samverkan':>22}  {'target':>9}  {'Taskwarrior':>16}")
        for what, ours, target, theirs in results:
            print(f"{what:{width}}  {ours:>22}  {target:>9}  {theirs or '':>16}")
        print(f"\nMedians of whole processes on {os.cpu_count()} cores; {note}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
