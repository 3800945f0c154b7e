#!/usr/bin/env python3
"""Side-by-side benchmark of compositor: parallax-launch (release) and gst-launch-1.0 in one invocation.

Usage: bench/mixing.py [--quick] [--runs N] [--launch PATH]

Cases (the same description for both tools): two 1920x1080 inputs composited into one 1920x1080 output, the
second input placed at (960, 540) and clipped by the output size that the caps filter after the compositor
fixes:
  compositor I420 2x1080p -> 1080p, both inputs opaque
  compositor BGRA 2x1080p -> 1080p, the second input at alpha 0.5 (blended)

The source-only run sends the same two inputs into two fakesinks; the compositor's net cost per output frame is
(case - source) / frames, from median wall times (see bench/sidebyside.py). GStreamer 1.22's compositor blends
on several threads (`max-threads`, 0 = one per core); Parallax's runs on one streaming thread, so the CPU-time
ratio is the fairer comparison of the work done, and the wall-time ratio what a user sees on this machine.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sidebyside  # noqa: E402  (bench/sidebyside.py: the side-by-side loop)


def cases(quick):
    frames = 30 if quick else 100
    out = []
    for fmt, settings in (("I420", ""), ("BGRA", "sink_1::alpha=0.5")):
        caps = f"video/x-raw,format={fmt},width=1920,height=1080,framerate=30/1"
        a = f"videotestsrc num-buffers={frames} ! {caps}"
        b = f"videotestsrc num-buffers={frames} pattern=ball ! {caps}"
        base = f"{a} ! fakesink {b} ! fakesink"
        case = (f"compositor name=c sink_1::xpos=960 sink_1::ypos=540 {settings} ! {caps} ! fakesink "
                f"{a} ! c. {b} ! c.").replace("  ", " ")
        label = f"compositor {fmt} 2x1080p -> 1080p" + (" alpha" if settings else "")
        out.append((label, frames, base, case))
    return out


if __name__ == "__main__":
    sidebyside.main(cases, unit="frame")
