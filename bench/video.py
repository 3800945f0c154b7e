#!/usr/bin/env python3
"""Side-by-side benchmark of the video effects: parallax-launch (release) and gst-launch-1.0 in one invocation.

Usage: bench/video.py [--quick] [--runs N] [--launch PATH]

Cases (the same description for both tools, caps written out so both move the same bytes):
  videoflip video-direction=90r (method=clockwise), RGBA 1920x1080 (rotate by 90 degrees: 1080x1920 out)
  videoflip video-direction=90r, I420 1920x1080
  videoflip video-direction=horiz (method=horizontal-flip), RGBA 1920x1080

The cases set `video-direction`, not the deprecated `method`: GStreamer 1.22's gst-launch-1.0 ignores `method`
(`videoflip method=clockwise` negotiates 1920x1080 and passes frames through unrotated), so a side-by-side run
with `method` would time GStreamer doing nothing. In Parallax the two properties are one setting.

Each case runs both tools alternately, `--runs` times each (default 5); each tool also runs the same source
alone (same caps, no effect), and the effect's net cost per frame is (case - source) / frames, from median
wall times. The ratio is Parallax / GStreamer of that net time: below 1 means Parallax is faster. CPU time
(user + sys) is reported too, as the machines are shared and wall time is noisy.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sidebyside  # noqa: E402  (bench/sidebyside.py: the side-by-side loop)


def cases(quick):
    frames = 30 if quick else 100
    rgba = "video/x-raw,format=RGBA,width=1920,height=1080,framerate=30/1"
    i420 = "video/x-raw,format=I420,width=1920,height=1080,framerate=30/1"
    src = f"videotestsrc num-buffers={frames}"
    return [
        ("videoflip 90r RGBA 1080p", frames, f"{src} ! {rgba} ! fakesink",
         f"{src} ! {rgba} ! videoflip video-direction=90r ! fakesink"),
        ("videoflip 90r I420 1080p", frames, f"{src} ! {i420} ! fakesink",
         f"{src} ! {i420} ! videoflip video-direction=90r ! fakesink"),
        ("videoflip horiz RGBA 1080p", frames, f"{src} ! {rgba} ! fakesink",
         f"{src} ! {rgba} ! videoflip video-direction=horiz ! fakesink"),
    ]


if __name__ == "__main__":
    sidebyside.main(cases, unit="frame")
