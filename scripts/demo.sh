#!/usr/bin/env bash
# The main job: builds parallax-launch (release) and runs a real pipeline — 90 frames of a moving ball,
# converted to I420 by negotiation, written to ball.yuv — then has ffmpeg read the file back.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
echo "Building parallax-launch (release, Swift runtime linked in) ..."
# The static link prints glibc's notes about user/group lookups in FoundationEssentials (unused here);
# the log keeps them, the terminal shows the result.
swift build -c release -Xswiftc -static-stdlib --product parallax-launch > .build-demo.log 2>&1 \
    || { cat .build-demo.log; exit 1; }
launch=.build/release/parallax-launch
"$launch" -v videotestsrc pattern=ball num-buffers=90 \
    '!' video/x-raw,format=I420,width=320,height=240,framerate=30/1 '!' filesink location=ball.yuv
echo
echo "ffmpeg reads ball.yuv back:"
ffprobe -v error -f rawvideo -pixel_format yuv420p -video_size 320x240 -framerate 30 -i ball.yuv \
    -count_frames -show_entries stream=codec_name,width,height,nb_read_frames -of default=noprint_wrappers=1
echo "Play it with: ffplay -f rawvideo -pixel_format yuv420p -video_size 320x240 ball.yuv"
