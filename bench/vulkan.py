#!/usr/bin/env python3
"""The Vulkan path against the CPU elements, both in parallax-launch (release).

Usage: bench/vulkan.py [--quick] [--runs N] [--launch PATH]

Cases, each against the same source alone (same caps, nothing else), as net milliseconds per frame from median
wall times:
  RGBA -> I420 at 1920x1080: videoconvert, and vulkanupload ! vulkanconvert ! vulkandownload
  RGBA 1920x1080 -> 1280x720 bilinear: videoscale, and vulkanupload ! vulkanscale ! vulkandownload

On Mesa's lavapipe (a CPU Vulkan driver) the GPU path is expected to be slower: the shaders run on the CPU.
CPU time (user + sys) is reported too, as the machines are shared and wall time is noisy.
"""
import argparse
import os
import resource
import statistics
import subprocess
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(launch, description):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([launch, "-q", *description.split()], check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--launch", default=os.path.join(ROOT, ".build-release/release/parallax-launch"))
    args = parser.parse_args()
    frames = 20 if args.quick else 100
    rgba = "video/x-raw,format=RGBA,width=1920,height=1080,framerate=30/1"
    src = f"videotestsrc num-buffers={frames} ! {rgba}"
    gpu_i420 = "video/x-raw(memory:GPUMemory),format=I420"
    cases = [
        ("source alone", f"{src} ! fakesink"),
        ("videoconvert RGBA->I420", f"{src} ! videoconvert ! video/x-raw,format=I420 ! fakesink"),
        ("vulkan upload+convert+download RGBA->I420",
         f"{src} ! vulkanupload ! vulkanconvert ! {gpu_i420} ! vulkandownload ! fakesink"),
        ("videoscale 1080p->720p", f"{src} ! videoscale ! video/x-raw,width=1280,height=720 ! fakesink"),
        ("vulkan upload+scale+download 1080p->720p",
         f"{src} ! vulkanupload ! vulkanscale ! video/x-raw(memory:GPUMemory),width=1280,height=720 ! vulkandownload ! fakesink"),
    ]
    walls = {name: [] for name, _ in cases}
    cpus = {name: [] for name, _ in cases}
    for _ in range(args.runs):
        for name, description in cases:
            wall, cpu = run(args.launch, description)
            walls[name].append(wall)
            cpus[name].append(cpu)
    base = statistics.median(walls["source alone"])
    base_cpu = statistics.median(cpus["source alone"])
    print(f"{frames} frames, {args.runs} runs, median; net = case - source alone, per frame")
    for name, _ in cases:
        wall, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
        net = (wall - base) / frames * 1000
        net_cpu = (cpu - base_cpu) / frames * 1000
        print(f"{name:45s} wall {wall:7.3f} s  net {net:8.2f} ms/frame  cpu net {net_cpu:8.2f} ms/frame")


if __name__ == "__main__":
    main()
