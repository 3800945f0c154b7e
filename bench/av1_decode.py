#!/usr/bin/env python3
"""AV1 decoding throughput: parallax-launch's av1dec against ffmpeg's libdav1d, in one invocation.

Usage: bench/av1_decode.py [--quick] [--runs N] [--threads 1,2] [--ten-bit] [--launch PATH]

A 1920x1080 AV1 IVF file (testsrc2 with temporal noise, so decoding is real work: about 110 kB a frame; 4 s at
30 fps, 8-bit 4:2:0, or 10-bit with --ten-bit; 2 s with --quick) is encoded once by ffmpeg (libsvtav1 preset 12 CRF 30, or libaom-av1
cpu-used 8) into a temporary directory. For each thread count N, both tools
decode the same file alternately, `--runs` times each (default 5):

  ffmpeg -threads N -c:v libdav1d -i f.ivf -f null -
  parallax-launch filesrc location=f.ivf ! ivfparse ! av1dec n-threads=N ! fakesink

and the median wall time gives the throughput in frames per second (start-up included for both). The ratio is
Parallax / ffmpeg throughput: 1 means equal, above 1 Parallax faster. Both use libdav1d with N threads and
dav1d's default frame delay (ffmpeg passes -threads as n_threads; av1dec's max-frame-delay=0 is dav1d's default
too). CPU time (user + sys) is reported as well: the machines are shared, so wall times are noisy.
"""
import argparse
import atexit
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import run as run_with_rss  # noqa: E402  (bench/run.py: wall, CPU and peak RSS of one command)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCRATCH = tempfile.mkdtemp(prefix="parallax-bench-av1-")
atexit.register(shutil.rmtree, SCRATCH, ignore_errors=True)


def encode(seconds, pixel_format):
    """Writes the 1080p test file; returns (path, frames, encoder)."""
    path = os.path.join(SCRATCH, "in.ivf")
    frames = seconds * 30
    source = ["-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=30", "-vf", "noise=alls=12:allf=t",
              "-frames:v", str(frames), "-pix_fmt", pixel_format]
    for encoder in (["-c:v", "libsvtav1", "-preset", "12", "-crf", "30"],
                    ["-c:v", "libaom-av1", "-cpu-used", "8", "-row-mt", "1", "-crf", "30", "-b:v", "0"]):
        result = subprocess.run(["ffmpeg", "-v", "error", "-y"] + source + encoder + [path], capture_output=True)
        if result.returncode == 0:
            return path, frames, encoder[1]
    sys.exit(f"ffmpeg could not encode AV1: {result.stderr.decode(errors='replace')}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="a 2-second file")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--threads", default="1,2", help="comma-separated thread counts")
    parser.add_argument("--ten-bit", action="store_true", help="a 10-bit file (I420_10LE output)")
    parser.add_argument("--launch", default=os.path.join(ROOT, ".build-release/release/parallax-launch"))
    args = parser.parse_args()
    if not os.path.exists(args.launch):
        sys.exit(f"no release build at {args.launch}: swift build -c release --product parallax-launch "
                 "--scratch-path .build-release")
    depth = 10 if args.ten_bit else 8
    path, frames, encoder = encode(2 if args.quick else 4, "yuv420p10le" if args.ten_bit else "yuv420p")
    print(f"file: 1920x1080 {depth}-bit, {frames} frames, {os.path.getsize(path)} bytes ({encoder}); {args.runs} runs each")
    print(f"{'threads':>7} {'tool':9} {'wall s':>8} {'cpu s':>7} {'fps':>8}")
    rows = []
    for threads in [int(t) for t in args.threads.split(",")]:
        commands = {
            "ffmpeg": ["ffmpeg", "-v", "error", "-threads", str(threads), "-c:v", "libdav1d", "-i", path,
                       "-f", "null", "-"],
            "parallax": [args.launch, "-q", "filesrc", f"location={path}", "!", "ivfparse", "!", "av1dec",
                         f"n-threads={threads}", "!", "fakesink"],
        }
        times = {name: ([], []) for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                wall, cpu, _ = run_with_rss(command)
                times[name][0].append(wall)
                times[name][1].append(cpu)
        fps = {}
        for name, (walls, cpus) in times.items():
            wall, cpu = statistics.median(walls), statistics.median(cpus)
            fps[name] = frames / wall
            print(f"{threads:7} {name:9} {wall:8.3f} {cpu:7.3f} {fps[name]:8.1f}")
        rows.append((threads, fps["parallax"] / fps["ffmpeg"]))
    print()
    print(f"{'threads':>7} {'throughput ratio Parallax/ffmpeg':>33}  (1 = equal, above 1: Parallax faster)")
    for threads, ratio in rows:
        print(f"{threads:7} {ratio:33.3f}")


if __name__ == "__main__":
    main()
