#!/usr/bin/env python3
"""Side-by-side benchmark of the converters: parallax-launch (release) and gst-launch-1.0 in one invocation.

Usage: bench/converters.py [--quick] [--runs N] [--launch PATH]

Cases (the same description for both tools, caps written out so both move the same bytes):
  videoconvert RGBA -> I420 at 1920x1080
  videoconvert I420 -> RGBA at 1920x1080
  videoscale 1920x1080 -> 1280x720, bilinear, RGBA
  audioconvert + audioresample, F32LE stereo 48 kHz -> S16LE stereo 44.1 kHz

Each case runs both tools alternately, `--runs` times each (default 5); each tool also runs the same source
alone (same caps, no converter), and the converter's net cost per buffer is (case - source) / buffers, from
median wall times. The ratio is Parallax / GStreamer of that net time: below 1 means Parallax is faster.
CPU time (user + sys) is reported too, as the machines are shared and wall time is noisy.
"""
import argparse
import os
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import run as run_with_rss  # noqa: E402  (bench/run.py: wall, CPU and peak RSS of one command)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(cmd):
    """Runs cmd (argv list); returns (wall seconds, cpu seconds), measured as bench/run.py does."""
    wall, cpu, _ = run_with_rss(cmd)
    return wall, cpu


def words(description):
    return description.replace(" ! ", " ! ").split(" ")


def cases(quick):
    frames = 30 if quick else 100
    buffers = 200 if quick else 1000
    rgba = "video/x-raw,format=RGBA,width=1920,height=1080,framerate=30/1"
    i420 = "video/x-raw,format=I420,width=1920,height=1080,framerate=30/1"
    audio_in = "audio/x-raw,format=F32LE,rate=48000,channels=2,layout=interleaved"
    audio_out = "audio/x-raw,format=S16LE,rate=44100,channels=2,layout=interleaved"
    src = f"videotestsrc num-buffers={frames}"
    asrc = f"audiotestsrc num-buffers={buffers} samplesperbuffer=1024"
    return [
        ("videoconvert RGBA->I420 1080p", frames, f"{src} ! {rgba} ! fakesink",
         f"{src} ! {rgba} ! videoconvert ! video/x-raw,format=I420 ! fakesink"),
        ("videoconvert I420->RGBA 1080p", frames, f"{src} ! {i420} ! fakesink",
         f"{src} ! {i420} ! videoconvert ! video/x-raw,format=RGBA ! fakesink"),
        ("videoscale 1080p->720p bilinear", frames, f"{src} ! {rgba} ! fakesink",
         f"{src} ! {rgba} ! videoscale method=bilinear ! video/x-raw,width=1280,height=720 ! fakesink"),
        ("audioconvert+audioresample 48k->44.1k", buffers, f"{asrc} ! {audio_in} ! fakesink",
         f"{asrc} ! {audio_in} ! audioconvert ! audioresample ! {audio_out} ! fakesink"),
    ]


def main():
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

    print(f"{'case':40} {'tool':10} {'wall s':>8} {'cpu s':>7} {'net ms/buf':>11} {'net cpu ms':>11}")
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
            net[name] = (net_wall, net_cpu)
            print(f"{label:40} {name:10} {wall:8.3f} {cpu:7.3f} {net_wall:11.3f} {net_cpu:11.3f}")
        ratio = net["parallax"][0] / net["gstreamer"][0] if net["gstreamer"][0] > 0 else float("nan")
        cpu_ratio = net["parallax"][1] / net["gstreamer"][1] if net["gstreamer"][1] > 0 else float("nan")
        ratios.append((label, ratio, cpu_ratio))
    print()
    print(f"{'case':40} {'net wall ratio P/G':>19} {'net cpu ratio P/G':>18}  (below 1: Parallax faster)")
    for label, ratio, cpu_ratio in ratios:
        print(f"{label:40} {ratio:19.2f} {cpu_ratio:18.2f}")


if __name__ == "__main__":
    main()
