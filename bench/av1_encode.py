#!/usr/bin/env python3
"""AV1 encoding throughput: parallax-launch's av1enc against ffmpeg's librav1e wrapper, both on the system rav1e.

Usage: bench/av1_encode.py [--quick] [--runs N] [--launch PATH] [--size WxH] [--frames N]
                           [--speed S] [--quantizer Q] [--tiles T] [--threads N]

One raw I420 file (ffmpeg's testsrc2, moving content, default 1280x720, 60 frames at 30/1) is made once in a
temporary directory, then encoded alternately, `--runs` times each (default 5), by

  ffmpeg -f rawvideo -pix_fmt yuv420p -s WxH -framerate 30 -i raw.yuv -c:v librav1e -speed S -qp Q -tiles T
         -threads N -f null -
  parallax-launch filesrc location=raw.yuv ! rawvideoparse format=i420 width=W height=H framerate=30/1
         ! av1enc speed-preset=S quantizer=Q tiles=T threads=N ! fakesink

Equal settings: ffmpeg's wrapper leaves rav1e's key-frame intervals (240/12), low-latency and RDO lookahead at
rav1e's defaults (its "g" and "keyint_min" defaults are 0, meaning "not set"), as av1enc's defaults do; tiles 0
and threads 0 are passed by neither, so rav1e chooses both. To prove it, both first encode the file to IVF and
the script compares the temporal units byte for byte ("bitstreams identical"); a difference is reported and the
timing still runs. Reported: median wall and CPU seconds, frames per second, and the throughput ratio
Parallax / ffmpeg (above 1: Parallax faster). The machines are shared: run it with nothing else building.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import run as run_with_rss  # noqa: E402  (bench/run.py: wall, CPU and peak RSS of one command)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def ivf_frames(path):
    """The frame payloads of an IVF file."""
    with open(path, "rb") as f:
        data = f.read()
    frames, at = [], 32
    while at + 12 <= len(data):
        size = int.from_bytes(data[at:at + 4], "little")
        frames.append(data[at + 12:at + 12 + size])
        at += 12 + size
    return frames


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="640x360, 30 frames, 3 runs")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--launch", default=os.path.join(ROOT, ".build-release/release/parallax-launch"))
    parser.add_argument("--size", default="1280x720")
    parser.add_argument("--frames", type=int, default=60)
    parser.add_argument("--speed", type=int, default=10)
    parser.add_argument("--quantizer", type=int, default=100)
    parser.add_argument("--tiles", type=int, default=0)
    parser.add_argument("--threads", type=int, default=0)
    args = parser.parse_args()
    if args.quick:
        args.size, args.frames, args.runs = "640x360", 30, 3
    if not os.path.exists(args.launch):
        sys.exit(f"no release build at {args.launch}: swift build -c release --product parallax-launch "
                 "--scratch-path .build-release")
    width, height = (int(v) for v in args.size.split("x"))
    scratch = tempfile.mkdtemp(prefix="parallax-bench-av1-")
    try:
        raw = os.path.join(scratch, "raw.yuv")
        subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i",
                        f"testsrc2=size={args.size}:rate=30", "-frames:v", str(args.frames), "-pix_fmt", "yuv420p",
                        "-f", "rawvideo", raw], check=True)

        def ffmpeg(output):
            return ["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "yuv420p", "-s",
                    args.size, "-framerate", "30", "-i", raw, "-c:v", "librav1e", "-speed", str(args.speed), "-qp",
                    str(args.quantizer), "-tiles", str(args.tiles), "-threads", str(args.threads)] + output

        def parallax(sink):
            return [args.launch, "-q", "filesrc", f"location={raw}", "!", "rawvideoparse", "format=i420",
                    f"width={width}", f"height={height}", "framerate=30/1", "!", "av1enc",
                    f"speed-preset={args.speed}", f"quantizer={args.quantizer}", f"tiles={args.tiles}",
                    f"threads={args.threads}", "!"] + sink

        theirs, ours = os.path.join(scratch, "ffmpeg.ivf"), os.path.join(scratch, "parallax.ivf")
        subprocess.run(ffmpeg(["-f", "ivf", theirs]), check=True)
        subprocess.run(parallax(["ivfmux", "!", "filesink", f"location={ours}"]), check=True,
                       stdout=subprocess.DEVNULL)
        a, b = ivf_frames(theirs), ivf_frames(ours)
        if a == b:
            print(f"bitstreams identical: {len(a)} temporal units, {sum(map(len, a))} bytes")
        else:
            print(f"bitstreams DIFFER: ffmpeg {len(a)} units / {sum(map(len, a))} bytes, "
                  f"parallax {len(b)} units / {sum(map(len, b))} bytes")

        tools = {"ffmpeg": ffmpeg(["-f", "null", "-"]), "parallax": parallax(["fakesink"])}
        results = {name: ([], []) for name in tools}
        for _ in range(args.runs):
            for name, cmd in tools.items():
                wall, cpu, _ = run_with_rss(cmd)
                results[name][0].append(wall)
                results[name][1].append(cpu)
        print(f"{args.size} I420, {args.frames} frames, speed {args.speed}, quantizer {args.quantizer}, "
              f"tiles {args.tiles}, threads {args.threads}, {args.runs} runs, {os.cpu_count()} cores")
        print(f"{'tool':10} {'wall s':>8} {'cpu s':>8} {'fps':>8}")
        fps = {}
        for name, (walls, cpus) in results.items():
            wall, cpu = statistics.median(walls), statistics.median(cpus)
            fps[name] = args.frames / wall
            print(f"{name:10} {wall:8.3f} {cpu:8.3f} {fps[name]:8.2f}")
        print(f"throughput ratio parallax/ffmpeg: {fps['parallax'] / fps['ffmpeg']:.3f}  (above 1: Parallax faster)")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
