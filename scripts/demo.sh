#!/usr/bin/env bash
# The main job: builds parallax-launch (release) and runs a real pipeline — 90 frames of a moving ball,
# encoded to AV1 with rav1e and written as an IVF file — then has ffmpeg (libdav1d) decode the file back.
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
    '!' video/x-raw,format=I420,width=320,height=240,framerate=30/1 \
    '!' av1enc speed-preset=10 '!' ivfmux '!' filesink location=ball.ivf
echo
echo "ffmpeg decodes ball.ivf:"
ffprobe -v error -count_frames -show_entries stream=codec_name,width,height,nb_read_frames \
    -of default=noprint_wrappers=1 ball.ivf
echo "Play it with: ffplay ball.ivf"
