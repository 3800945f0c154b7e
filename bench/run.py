#!/usr/bin/env python3
"""Side-by-side benchmark: the same pipelines through parallax-launch (release) and gst-launch-1.0.

Usage: bench/run.py [--quick] [--runs N] [--launch PATH]

Each case runs both tools alternately, `--runs` times each (default 5), and reports the median wall time,
the throughput (buffers/s, after subtracting each tool's own start-up time), CPU time and peak RSS, then
the ratio Parallax / GStreamer (higher is better for rates, lower is better for times and memory).
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(cmd):
    """Runs cmd (argv list); returns (wall seconds, cpu seconds, peak RSS KiB).

    Peak RSS comes from GNU time: a child forked from Python inherits Python's high-water mark across
    exec, so the rusage of a direct child would report Python's size, not the tool's.
    """
    with tempfile.NamedTemporaryFile("r") as report:
        start = time.perf_counter()
        proc = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", report.name] + cmd,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        err = proc.stderr.read().decode(errors="replace")
        proc.stderr.close()
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"failed: {' '.join(cmd)}\n{err}")
        rss = int(report.read().strip().splitlines()[-1])
    return wall, usage.ru_utime + usage.ru_stime, rss


def chain(words):
    return " ! ".join(words).split(" ")


def cases(quick):
    n1 = 200_000 if quick else 1_000_000
    n2 = 50_000 if quick else 200_000
    n3 = 20_000 if quick else 100_000
    return [
        ("fakesrc ! fakesink", n1, chain([f"fakesrc num-buffers={n1}", "fakesink"])),
        ("fakesrc ! identity x10 ! fakesink", n2, chain([f"fakesrc num-buffers={n2}"] + ["identity"] * 10 + ["fakesink"])),
        ("fakesrc ! (queue ! identity) x10 ! fakesink", n3,
         chain([f"fakesrc num-buffers={n3}"] + ["queue ! identity"] * 10 + ["fakesink"])),
    ]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="smaller buffer counts")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--launch", default=os.path.join(ROOT, ".build/release/parallax-launch"))
    args = parser.parse_args()
    if not os.path.exists(args.launch):
        subprocess.check_call(["swift", "build", "-c", "release", "-Xswiftc", "-static-stdlib", "--product", "parallax-launch"], cwd=ROOT)
    tools = {"parallax": [args.launch], "gstreamer": ["gst-launch-1.0", "-q"]}
    run(tools["gstreamer"] + chain(["fakesrc num-buffers=1", "fakesink"]))  # warm GStreamer's registry

    startup_words = chain(["fakesrc num-buffers=1", "fakesink"])
    startup = {}
    rss_startup = {}
    for _ in range(args.runs * 2):
        for name, cmd in tools.items():
            wall, _, rss = run(cmd + startup_words)
            startup.setdefault(name, []).append(wall)
            rss_startup.setdefault(name, []).append(rss)
    startup = {k: statistics.median(v) for k, v in startup.items()}

    print(f"{'case':45} {'tool':10} {'wall s':>8} {'cpu s':>7} {'buffers/s':>12} {'peak RSS':>9}")
    results = []
    for label, n, words in cases(args.quick):
        samples = {name: [] for name in tools}
        for _ in range(args.runs):
            for name, cmd in tools.items():
                samples[name].append(run(cmd + words))
        row = {}
        for name in tools:
            wall = statistics.median(s[0] for s in samples[name])
            cpu = statistics.median(s[1] for s in samples[name])
            rss = max(s[2] for s in samples[name])
            rate = n / max(wall - startup[name], 1e-6)
            row[name] = (wall, cpu, rate, rss)
            print(f"{label:45} {name:10} {wall:8.3f} {cpu:7.3f} {rate:12,.0f} {rss / 1024:7.1f}Mi")
        results.append((label, row))

    print()
    print("ratios (Parallax / GStreamer):")
    for label, row in results:
        p, g = row["parallax"], row["gstreamer"]
        print(f"  {label:45} throughput x{p[2] / g[2]:.2f}   cpu time x{p[1] / g[1]:.2f}   peak RSS x{p[3] / g[3]:.2f}")
    print(f"  {'start-up to first buffer (num-buffers=1)':45} time x{startup['parallax'] / startup['gstreamer']:.2f}"
          f"   ({startup['parallax'] * 1000:.1f} ms vs {startup['gstreamer'] * 1000:.1f} ms)")
    rp, rg = statistics.median(rss_startup["parallax"]), statistics.median(rss_startup["gstreamer"])
    print(f"  {'peak RSS of fakesrc num-buffers=1 ! fakesink':45} x{rp / rg:.2f}   ({rp / 1024:.1f} MiB vs {rg / 1024:.1f} MiB)")


if __name__ == "__main__":
    main()
