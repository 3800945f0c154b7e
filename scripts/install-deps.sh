#!/usr/bin/env bash
# Installs the Debian packages Parallax's demo and tests use: GStreamer's and ffmpeg's command-line tools
# (gst-launch-1.0, gst-discoverer-1.0, ffprobe: interop checks and side-by-side benchmarks), libseccomp's headers for the sandbox, zlib's for pngenc, libdav1d's for av1dec and librav1e's for av1enc.
# Swift packages are fetched by SwiftPM.
set -euo pipefail
packages=(gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-base-apps gstreamer1.0-plugins-good gstreamer1.0-plugins-bad ffmpeg time pkg-config libseccomp-dev zlib1g-dev libdav1d-dev librav1e-dev)
missing=()
for p in "${packages[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi
