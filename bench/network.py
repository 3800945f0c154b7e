#!/usr/bin/env python3
"""Side-by-side benchmark of RTP raw video over UDP on loopback: parallax-launch (release) and gst-launch-1.0
in one invocation.

Usage: bench/network.py [--quick] [--runs N] [--launch PATH]

For each tool, a receiver and a sender of that same tool run together:
  receiver: udpsrc port=P buffer-size=4194304 caps=<RFC 4175 UYVY 1920x1080> ! rtpvrawdepay ! fakesink
  sender:   videotestsrc num-buffers=N ! video/x-raw,format=UYVY,width=1920,height=1080 ! rtpvrawpay
            ! udpsink host=127.0.0.1 port=P sync=false
The receiver is started first and is ready once its socket is bound (seen in /proc/net/udp). The clock runs
from the sender's start until the receiver's socket queue is empty after the sender has ended, so a receiver
that falls behind costs time, and one that cannot keep up loses datagrams: the kernel counts them in the
socket's `drops` (the only loss on loopback). Packets/s = (packets sent - dropped) / that time, where
packets sent is N times the packets per frame (counted once with a plain socket as receiver).

Medians over `--runs` (default 5) alternating the tools; the ratio is Parallax / GStreamer packets/s (above 1:
Parallax faster). Each receiver is stopped with SIGINT after its queue drained.
"""
import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CAPS = ("application/x-rtp,media=video,clock-rate=90000,encoding-name=RAW,sampling=YCbCr-4:2:2,"
        "depth=(string)8,width=(string)1920,height=(string)1080,payload=96")
RAW = "video/x-raw,format=UYVY,width=1920,height=1080,framerate=30/1"


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def udp_socket_state(port):
    """(rx_queue bytes, drops) of the UDP socket bound to port, from /proc/net/udp; None if none is bound."""
    with open("/proc/net/udp") as table:
        for line in table.readlines()[1:]:
            fields = line.split()
            if int(fields[1].split(":")[1], 16) == port:
                return int(fields[4].split(":")[1], 16), int(fields[-1])
    return None


def wait_for(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            sys.exit(f"timed out waiting for {what}")
        time.sleep(0.001)


def sender(tool, frames, port):
    return tool + ["videotestsrc", f"num-buffers={frames}", "!", RAW, "!", "rtpvrawpay", "!", "udpsink",
                   "host=127.0.0.1", f"port={port}", "sync=false"]


def packets_per_frame(tool):
    """Datagrams one frame makes, counted by a plain socket receiving one frame."""
    port = free_port()
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
        s.bind(("127.0.0.1", port))
        s.settimeout(1.0)
        count = [0]

        def drain():
            try:
                while True:
                    s.recv(65536)
                    count[0] += 1
            except OSError:
                pass

        thread = threading.Thread(target=drain)
        thread.start()
        subprocess.run(sender(tool, 1, port), check=True, stdout=subprocess.DEVNULL)
        thread.join()
        return count[0]


def one_run(tool, frames, sent):
    """(packets/s, dropped) for one sender/receiver pair of one tool."""
    port = free_port()
    receiver = subprocess.Popen(tool + ["udpsrc", f"port={port}", "buffer-size=4194304", f"caps={CAPS}", "!",
                                        "rtpvrawdepay", "!", "fakesink"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wait_for(lambda: udp_socket_state(port) is not None, 10, "the receiver to bind")
    start = time.perf_counter()
    subprocess.run(sender(tool, frames, port), check=True, stdout=subprocess.DEVNULL)
    wait_for(lambda: udp_socket_state(port)[0] == 0, 30, "the receiver to drain its queue")
    wall = time.perf_counter() - start
    _, drops = udp_socket_state(port)
    receiver.send_signal(signal.SIGINT)
    try:
        receiver.wait(timeout=10)
    except subprocess.TimeoutExpired:
        receiver.kill()
        receiver.wait()
    return (sent - drops) / wall, drops


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
    subprocess.run(tools["gstreamer"] + ["fakesrc", "num-buffers=1", "!", "fakesink"], check=True)  # warm registry
    frames = 30 if args.quick else 100
    per_frame = {name: packets_per_frame(tool) for name, tool in tools.items()}
    results = {name: [] for name in tools}
    for _ in range(args.runs):
        for name, tool in tools.items():
            results[name].append(one_run(tool, frames, per_frame[name] * frames))
    print(f"RTP raw video UYVY 1920x1080, {frames} frames, udpsink -> udpsrc on loopback, {args.runs} runs")
    print(f"{'tool':10} {'packets/frame':>13} {'packets/s':>12} {'dropped (median)':>17}")
    rates = {}
    for name in tools:
        rates[name] = statistics.median(rate for rate, _ in results[name])
        drops = statistics.median(drop for _, drop in results[name])
        print(f"{name:10} {per_frame[name]:13d} {rates[name]:12.0f} {drops:17.0f}")
    print(f"\npackets/s ratio Parallax / GStreamer: {rates['parallax'] / rates['gstreamer']:.2f} (above 1: Parallax faster)")


if __name__ == "__main__":
    main()
