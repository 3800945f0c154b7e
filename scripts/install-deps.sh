#!/usr/bin/env bash
# Installs the Debian packages Parallax's demo and tests use: GStreamer's and ffmpeg's command-line tools
# (gst-launch-1.0, gst-discoverer-1.0, ffprobe: interop checks and side-by-side benchmarks), libseccomp's headers for the sandbox, zlib's for pngenc, libdav1d's for av1dec and librav1e's for av1enc;
# the Vulkan loader's headers, Mesa's CPU Vulkan driver (lavapipe), glslc and libdrm's headers for the Vulkan elements;
# python3-venv for the environment that holds the Zenoh runtime the interop tests talk to; iproute2's ip for the
# Zenoh test across simulated machines (network namespaces; not in a bare Debian 12 container image); systemd
# for systemd-analyze, which checks the units `parallax-launch deploy --emit-systemd` writes.
# Swift packages are fetched by SwiftPM.
set -euo pipefail
packages=(gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-base-apps gstreamer1.0-plugins-good gstreamer1.0-plugins-bad ffmpeg time pkg-config libseccomp-dev zlib1g-dev libdav1d-dev librav1e-dev libvulkan-dev mesa-vulkan-drivers glslc libdrm-dev python3-venv iproute2 systemd)
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

# The real Zenoh runtime the Zenoh interop tests talk to (eclipse-zenoh from PyPI, pinned), in .venv-zenoh.
zenoh_version=1.10.2
cd "$(dirname "$0")/.."
if ! .venv-zenoh/bin/python -c "import importlib.metadata as m, sys; sys.exit(m.version('eclipse-zenoh') != '$zenoh_version')" 2>/dev/null; then
    python3 -m venv .venv-zenoh
    .venv-zenoh/bin/pip install -q "eclipse-zenoh==$zenoh_version"
fi
