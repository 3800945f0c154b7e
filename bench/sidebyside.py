"""The side-by-side loop shared by bench/converters.py and bench/video.py.

`main(cases, unit)` parses `--quick`, `--runs N` and `--launch PATH`, then for each case (label, buffers,
source-only description, full description) runs parallax-launch and gst-launch-1.0 alternately, `--runs`
times each, and prints median wall and CPU times, the net cost per buffer ((case - source) / buffers) and the
Parallax / GStreamer ratios (below 1: Parallax faster), and the ratio of the whole runs' wall times (sources
included: what a user waits for; the fairer wall figure where the sources run in parallel, as a compositor's do).
"""
import argparse
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import run as run_with_rss  # noqa: E402  (bench/run.py: wall, CPU and peak RSS of one command)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(cmd):
    """Runs cmd (argv list); returns (wall seconds, cpu seconds), measured as bench/run.py does."""
    wall, cpu, _ = run_with_rss(cmd)
    return wall, cpu


def words(description):
    return description.split(" ")


def main(cases, unit="buf"):
    """cases(quick) -> [(label, buffers, source-only description, case description)]."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="fewer buffers")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--launch", default=os.path.join(ROOT, ".build-release/release/parallax-launch"))
    args = parser.parse_args()
    if not os.path.exists(args.launch):
        sys.exit(f"no release build at {args.launch}: swift build -c release --product parallax-launch "
                 "--scratch-path .build-release")
    tools = {"parallax": [args.launch, "-q"], "gstreamer": ["gst-launch-1.0", "-q"]}
    run(tools["gstreamer"] + ["fakesrc", "num-buffers=1", "!", "fakesink"])  # warm GStreamer's registry

    net_label = f"net ms/{unit}"
    print(f"{'case':40} {'tool':10} {'wall s':>8} {'cpu s':>7} {net_label:>13} {'net cpu ms':>11}")
    ratios = []
    for label, n, base, case in cases(args.quick):
        net = {}
        for name, tool in tools.items():
            walls, cpus, base_walls, base_cpus = [], [], [], []
            for _ in range(args.runs):
                w, c = run(tool + words(base))
                base_walls.append(w)
                base_cpus.append(c)
                w, c = run(tool + words(case))
                walls.append(w)
                cpus.append(c)
            wall, cpu = statistics.median(walls), statistics.median(cpus)
            net_wall = (wall - statistics.median(base_walls)) / n * 1000
            net_cpu = (cpu - statistics.median(base_cpus)) / n * 1000
            net[name] = (net_wall, net_cpu, wall)
            print(f"{label:40} {name:10} {wall:8.3f} {cpu:7.3f} {net_wall:13.3f} {net_cpu:11.3f}")
        ratio = net["parallax"][0] / net["gstreamer"][0] if net["gstreamer"][0] > 0 else float("nan")
        cpu_ratio = net["parallax"][1] / net["gstreamer"][1] if net["gstreamer"][1] > 0 else float("nan")
        whole = net["parallax"][2] / net["gstreamer"][2] if net["gstreamer"][2] > 0 else float("nan")
        ratios.append((label, ratio, cpu_ratio, whole))
    print()
    print(f"{'case':40} {'net wall ratio P/G':>19} {'net cpu ratio P/G':>18} {'whole run wall P/G':>19}"
          "  (below 1: Parallax faster)")
    for label, ratio, cpu_ratio, whole in ratios:
        print(f"{label:40} {ratio:19.2f} {cpu_ratio:18.2f} {whole:19.2f}")
