#!/usr/bin/env python3
"""Side-by-side benchmark of the video effects: parallax-launch (release) and gst-launch-1.0 in one invocation.

Usage: bench/video.py [--quick] [--runs N] [--launch PATH]

Cases (the same description for both tools, caps written out so both move the same bytes):
  videoflip method=clockwise, RGBA 1920x1080 (rotate by 90 degrees: 1080x1920 out)
  videoflip method=clockwise, I420 1920x1080
  videoflip method=horizontal-flip, RGBA 1920x1080

Each case runs both tools alternately, `--runs` times each (default 5); each tool also runs the same source
alone (same caps, no effect), and the effect's net cost per frame is (case - source) / frames, from median
wall times. The ratio is Parallax / GStreamer of that net time: below 1 means Parallax is faster. CPU time
(user + sys) is reported too, as the machines are shared and wall time is noisy.
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


def cases(quick):
    frames = 30 if quick else 100
    rgba = "video/x-raw,format=RGBA,width=1920,height=1080,framerate=30/1"
    i420 = "video/x-raw,format=I420,width=1920,height=1080,framerate=30/1"
    src = f"videotestsrc num-buffers={frames}"
    return [
        ("videoflip clockwise RGBA 1080p", frames, f"{src} ! {rgba} ! fakesink",
         f"{src} ! {rgba} ! videoflip method=clockwise ! fakesink"),
        ("videoflip clockwise I420 1080p", frames, f"{src} ! {i420} ! fakesink",
         f"{src} ! {i420} ! videoflip method=clockwise ! fakesink"),
        ("videoflip horizontal-flip RGBA 1080p", frames, f"{src} ! {rgba} ! fakesink",
         f"{src} ! {rgba} ! videoflip method=horizontal-flip ! fakesink"),
    ]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="fewer frames")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--launch", default=os.path.join(ROOT, ".build-release/release/parallax-launch"))
    args = parser.parse_args()
    if not os.path.exists(args.launch):
        sys.exit(f"no release build at {args.launch}: swift build -c release --product parallax-launch "
                 "--scratch-path .build-release")
    tools = {"parallax": [args.launch, "-q"], "gstreamer": ["gst-launch-1.0", "-q"]}
    run(tools["gstreamer"] + ["fakesrc", "num-buffers=1", "!", "fakesink"])  # warm GStreamer's registry

    print(f"{'case':40} {'tool':10} {'wall s':>8} {'cpu s':>7} {'net ms/frame':>13} {'net cpu ms':>11}")
    ratios = []
    for label, n, base, case in cases(args.quick):
        net = {}
        for name, tool in tools.items():
            walls, cpus, base_walls, base_cpus = [], [], [], []
            for _ in range(args.runs):
                w, c = run(tool + base.split(" "))
                base_walls.append(w)
                base_cpus.append(c)
                w, c = run(tool + case.split(" "))
                walls.append(w)
                cpus.append(c)
            wall, cpu = statistics.median(walls), statistics.median(cpus)
            net_wall = (wall - statistics.median(base_walls)) / n * 1000
            net_cpu = (cpu - statistics.median(base_cpus)) / n * 1000
            net[name] = (net_wall, net_cpu)
            print(f"{label:40} {name:10} {wall:8.3f} {cpu:7.3f} {net_wall:13.3f} {net_cpu:11.3f}")
        ratio = net["parallax"][0] / net["gstreamer"][0] if net["gstreamer"][0] > 0 else float("nan")
        cpu_ratio = net["parallax"][1] / net["gstreamer"][1] if net["gstreamer"][1] > 0 else float("nan")
        ratios.append((label, ratio, cpu_ratio))
    print()
    print(f"{'case':40} {'net wall ratio P/G':>19} {'net cpu ratio P/G':>18}  (below 1: Parallax faster)")
    for label, ratio, cpu_ratio in ratios:
        print(f"{label:40} {ratio:19.2f} {cpu_ratio:18.2f}")


if __name__ == "__main__":
    main()
