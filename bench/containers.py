#!/usr/bin/env python3
"""Side-by-side benchmark of the Matroska elements: parallax-launch (release) and gst-launch-1.0 in one invocation.

Usage: bench/containers.py [--quick] [--runs N] [--launch PATH]

Cases (the same description for both tools, caps written out so both move the same bytes):
  matroskamux, I420 1280x720 raw video to fakesink
  matroskamux, I420 1280x720 raw video to filesink (the seekable path: Cues, sizes and Duration corrected at EOS)
  matroskademux, a 1280x720 I420 Matroska file (written once by gst-launch-1.0) to fakesink, read in 64 KiB
    blocks (GStreamer's demuxer pulls whole frames from filesrc instead; its source-only run reads 64 KiB blocks)

Each case runs both tools alternately, `--runs` times each (default 5); each tool also runs the same source
alone (videotestsrc ! fakesink, or filesrc ! fakesink for the demuxer), and the element's net cost per frame is
(case - source) / frames, from median wall times. The ratio is Parallax / GStreamer of that net time: below 1
means Parallax is faster. CPU time (user + sys) is reported too, as the machines are shared and wall time is
noisy. The files go to a temporary directory, removed at the end.
"""
import atexit
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sidebyside  # noqa: E402  (bench/sidebyside.py: the side-by-side loop)

SCRATCH = tempfile.mkdtemp(prefix="parallax-bench-containers-")
atexit.register(shutil.rmtree, SCRATCH, ignore_errors=True)


def cases(quick):
    frames = 60 if quick else 300
    i420 = "video/x-raw,format=I420,width=1280,height=720,framerate=30/1"
    src = f"videotestsrc num-buffers={frames}"
    written = os.path.join(SCRATCH, "out.mkv")
    source_file = os.path.join(SCRATCH, "in.mkv")
    subprocess.run(["gst-launch-1.0", "-q"] + sidebyside.words(
        f"{src} ! {i420} ! matroskamux ! filesink location={source_file}"), check=True)
    return [
        ("matroskamux I420 720p -> fakesink", frames, f"{src} ! {i420} ! fakesink",
         f"{src} ! {i420} ! matroskamux ! fakesink"),
        ("matroskamux I420 720p -> filesink", frames, f"{src} ! {i420} ! filesink location={written}",
         f"{src} ! {i420} ! matroskamux ! filesink location={written}"),
        ("matroskademux I420 720p file", frames, f"filesrc location={source_file} blocksize=65536 ! fakesink",
         f"filesrc location={source_file} blocksize=65536 ! matroskademux ! fakesink"),
    ]


if __name__ == "__main__":
    sidebyside.main(cases, unit="frame")
