#!/usr/bin/env python3
"""Isolation and IPC benchmarks, side by side in one invocation.

Usage: bench/isolation.py [--quick] [--runs N] [--launch PATH] [--only passthrough|startup|ipc]

1. A 1080p RGBA stream through one pass-through element (identity) in-process vs in a sandboxed element
   host (`--isolate identity*`): steady-state frames/s and per-frame time (each mode's 1-frame run
   subtracted, so the hosts' start-up is not counted twice; 4000 frames a run, 1200 with --quick, the modes
   alternating), reported as isolated / in-process.
2. Start-up of an isolated three-element pipeline to its first buffer (fakesrc num-buffers=1, every
   element isolated), against the same pipeline in-process: wall time of the whole run, and the CPU time of
   all its processes (which says more than wall time on a busy machine).
3. `ipc_sink`/`ipc_src` against GStreamer's `shmsink`/`shmsrc` on 4 KiB buffers and on 1080p RGBA frames:
   two processes per tool, sources that do not touch the bytes, explicit caps, buffers/s received
   (from starting the receiver to its exit), reported as Parallax / GStreamer.

The parallax-launch binary is a release build (build it with
`swift build -c release --product parallax-launch`, which builds the stock `parallax-element-host` its
element hosts run beside it). Medians of --runs runs, tools alternating; --only runs one case.
"""
import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FRAME = 1920 * 1080 * 4
CAPS_1080P = "video/x-raw,format=RGBA,width=1920,height=1080,framerate=30/1"


def timed(argv, env=None, cpu=None):
    """Runs `argv` to its end; returns seconds of wall time. With a list `cpu`, appends the CPU seconds (user +
    system) it and its children (element hosts) used."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"failed ({proc.returncode}): {' '.join(argv)}\n{proc.stderr.decode(errors='replace')}")
    if cpu is not None:
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return wall


def pair(sender, receiver, socket_path):
    """Starts `sender`, waits for its socket, then times `receiver` until it exits; returns seconds."""
    if os.path.exists(socket_path):
        os.unlink(socket_path)
    sending = subprocess.Popen(sender, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 10
    while not os.path.exists(socket_path):
        if time.time() > deadline or sending.poll() is not None:
            sending.kill()
            sys.exit(f"sender did not create {socket_path}: {' '.join(sender)}\n"
                     f"{sending.stderr.read().decode(errors='replace')}")
        time.sleep(0.002)
    start = time.perf_counter()
    proc = subprocess.run(receiver, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    try:
        sending.wait(timeout=2)
    except subprocess.TimeoutExpired:  # shmsink keeps serving after its peer leaves: the receive is timed
        sending.kill()
        sending.wait()
    if proc.returncode not in (0, 1):
        sys.exit(f"receiver failed ({proc.returncode}): {' '.join(receiver)}\n{proc.stderr.decode(errors='replace')}")
    return wall


def median(values):
    return statistics.median(values)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--launch", default=os.path.join(ROOT, ".build", "release", "parallax-launch"))
    parser.add_argument("--only", choices=["passthrough", "startup", "ipc"], help="run one case only")
    args = parser.parse_args()
    launch = args.launch
    if not os.access(launch, os.X_OK):
        sys.exit(f"no release parallax-launch at {launch}: swift build -c release --product parallax-launch")
    gst = shutil.which("gst-launch-1.0")
    frames = 300 if args.quick else 1000
    small = 100_000 if args.quick else 400_000
    big = 300 if args.quick else 1000
    work = tempfile.mkdtemp(prefix="parallax-bench-")
    sock = os.path.join(work, "s")

    print(f"parallax-launch: {launch}")
    print(f"runs: {args.runs}, medians\n")

    def runs(case):
        return args.only is None or args.only == case

    # 1. Isolated pass-through: steady-state throughput, each run's start-up (a 1-frame run) subtracted.
    def passthrough(count, isolate):
        source = f"videotestsrc num-buffers={count} pattern=black ! {CAPS_1080P}"
        return [launch, "-q"] + (["--isolate", "identity*"] if isolate else []) + f"{source} ! identity ! fakesink".split()
    # Long runs (a run of 1000 frames lasts about 0.3 s, which start-up noise of a few ms already moves by
    # several per cent), the two modes alternating so that both see the same state of the machine.
    long_run = 4 * frames
    net = {}
    if runs("passthrough"):
        full, single = {False: [], True: []}, {False: [], True: []}
        for _ in range(args.runs):
            for isolate in (False, True):
                full[isolate].append(timed(passthrough(long_run, isolate)))
                single[isolate].append(timed(passthrough(1, isolate)))
        net = {isolate: (median(full[isolate]) - median(single[isolate])) / (long_run - 1) for isolate in (False, True)}
    if net:
        print("1080p RGBA through one pass-through element (identity), net of start-up")
        print(f"  in-process  {1 / net[False]:9.1f} frames/s  {net[False] * 1e6:8.1f} us/frame")
        print(f"  isolated    {1 / net[True]:9.1f} frames/s  {net[True] * 1e6:8.1f} us/frame")
        print(f"  ratio isolated/in-process: {net[False] / net[True]:.3f}\n")

    # 2. Start-up to the first buffer, three isolated elements.
    one = "fakesrc num-buffers=1 ! identity ! fakesink".split()
    starts = {"in-process": [], "isolated": []}
    cpu = {"in-process": [], "isolated": []}
    for _ in range(args.runs if runs("startup") else 0):
        starts["in-process"].append(timed([launch, "-q"] + one, cpu=cpu["in-process"]))
        starts["isolated"].append(timed([launch, "-q", "--isolated"] + one, cpu=cpu["isolated"]))
    if starts["isolated"]:
        inproc, isolated = median(starts["in-process"]), median(starts["isolated"])
        print("start-up to first buffer, fakesrc ! identity ! fakesink (whole run, 1 buffer; CPU of all processes)")
        print(f"  in-process  {inproc * 1000:7.1f} ms  cpu {median(cpu['in-process']) * 1000:6.1f} ms")
        print(f"  isolated    {isolated * 1000:7.1f} ms  cpu {median(cpu['isolated']) * 1000:6.1f} ms"
              "  (3 sandboxed element hosts)")
        print(f"  isolated - in-process: {(isolated - inproc) * 1000:.1f} ms\n")

    # 3. ipc_sink/ipc_src vs shmsink/shmsrc.
    if not runs("ipc"):
        return
    if gst is None:
        print("gst-launch-1.0 not found: skipping the shmsink/shmsrc comparison")
        return
    for label, count, size, caps in [("4 KiB buffers", small, 4096, None), ("1080p RGBA frames", big, FRAME, CAPS_1080P)]:
        def source(n):
            return f"fakesrc num-buffers={n} sizetype=fixed sizemax={size}" + (f" ! {caps}" if caps else "")
        src = source(count)
        ours_send = [launch, "-q"] + f"{src} ! ipc_sink path={sock}".split()
        ours_recv = [launch, "-q"] + f"ipc_src path={sock} ! fakesink".split()
        shm_size = max(size * 32, 1 << 20)
        # shmsrc does not end when shmsink's stream does: the receiver counts the buffers itself.
        gst_send = [gst, "-q"] + f"{source(count * 2)} ! shmsink socket-path={sock} wait-for-connection=true shm-size={shm_size} sync=false".split()
        recv_caps = caps or "application/octet-stream"
        gst_recv = [gst, "-q"] + f"shmsrc socket-path={sock} is-live=false num-buffers={count} ! {recv_caps} ! fakesink sync=false".split()
        results = {"parallax": [], "gstreamer": []}
        for _ in range(args.runs):
            results["parallax"].append(pair(ours_send, ours_recv, sock))
            results["gstreamer"].append(pair(gst_send, gst_recv, sock))
        ours, theirs = median(results["parallax"]), median(results["gstreamer"])
        print(f"ipc_sink/ipc_src vs shmsink/shmsrc, {label} ({count} buffers)")
        print(f"  parallax   {count / ours:12.1f} buffers/s")
        print(f"  gstreamer  {count / theirs:12.1f} buffers/s")
        print(f"  ratio parallax/gstreamer: {theirs / ours:.2f}\n")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
