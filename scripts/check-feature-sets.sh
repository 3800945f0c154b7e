#!/usr/bin/env bash
# Builds parallax-launch with no package traits (no AV1 codecs, no network elements) and checks what that
# build has and lacks: the element list, the libraries it links, a pipeline, and the error for a left-out element.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=.build-minimal
swift build --disable-default-traits --product parallax-launch --scratch-path "$scratch"
launch="$(swift build --disable-default-traits --product parallax-launch --scratch-path "$scratch" --show-bin-path)/parallax-launch"
fail() { echo "feature sets: $*" >&2; exit 1; }

elements="$("$launch" --list-elements)"
for absent in av1dec av1enc udpsrc udpsink tcpserversink rtpvrawpay rtpjitterbuffer zenoh_pub zenoh_sub vulkanupload vulkanconvert; do
    if grep -qw -- "$absent" <<<"$elements"; then fail "a build without traits lists $absent"; fi
done
for present in videotestsrc av1parse ivfparse matroskamux ipc_sink videoconvert; do
    grep -qw -- "$present" <<<"$elements" || fail "a build without traits lacks $present"
done
if ldd "$launch" | grep -Eq 'libdav1d|librav1e'; then fail "a build without AV1 links a codec library"; fi
if ldd "$launch" | grep -q 'libvulkan'; then fail "a build without Vulkan links libvulkan"; fi

"$launch" -q videotestsrc num-buffers=3 ! fakesink || fail "a pipeline did not run"

set +e
message="$("$launch" videotestsrc num-buffers=1 ! av1dec ! fakesink 2>&1)"
status=$?
set -e
[ "$status" -ne 0 ] || fail "naming av1dec did not fail"
grep -qF 'help: this build of Parallax leaves it out; build with the package trait "AV1" to have it' <<<"$message" \
    || fail "naming av1dec gave: $message"
echo "feature sets: a build without traits has $(grep -c . <<<"$elements") lines of elements, no AV1, no Network, no Vulkan, no Zenoh"
