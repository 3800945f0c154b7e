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
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sidebyside  # noqa: E402  (bench/sidebyside.py: the side-by-side loop)


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


if __name__ == "__main__":
    sidebyside.main(cases, unit="buf")
