#!/usr/bin/env bash
# Checks "no allocation, lock or system call per buffer" on an in-process segment from outside the process:
# runs the same pipeline with two buffer counts and divides the difference in heap allocation calls
# (counted by an LD_PRELOAD shim, bench/malloc-count.c, in every thread) and in system calls (strace, all
# threads) by the difference in buffers. A per-buffer cost shows as >= 1. A lock that ever waits would
# show as futex calls in the strace counts; the executor takes no lock on this path at all.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v strace >/dev/null || { sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo; $sudo apt-get install -y -qq strace; }
shim=$(mktemp -d)/malloc-count.so
gcc -O2 -shared -fPIC -o "$shim" bench/malloc-count.c -ldl
# A dynamically linked release build: the allocation counter is an LD_PRELOAD library, which a fully static
# executable (what bench/run.py measures) does not load. The executor code is the same.
launch=${LAUNCH:-.build-hotpath/release/parallax-launch}
[ -x "$launch" ] || swift build -c release --scratch-path .build-hotpath --product parallax-launch
small=1000
large=${LARGE:-51000}
pipeline() { echo "fakesrc num-buffers=$1 sizetype=fixed sizemax=1024 filltype=zero ! identity ! identity ! fakesink"; }

allocs() {
    LD_PRELOAD="$shim" "$launch" -q $(pipeline "$1") 2>&1 >/dev/null | sed -n 's/^malloc-count: //p' | tail -1
}
syscalls() {
    local out; out=$(mktemp)
    strace -f -c -o "$out" "$launch" -q $(pipeline "$1") >/dev/null 2>&1
    awk '$NF=="total"{print $4}' "$out"
    grep -E ' futex$' "$out" | awk '{print "  futex calls:", $4}' >&2 || true
    rm -f "$out"
}

a1=$(allocs $small); a2=$(allocs $large)
echo "heap allocations: $a1 for $small buffers, $a2 for $large buffers" \
     "-> $(python3 -c "print(f'{($a2-$a1)/($large-$small):.4f}')") per buffer"
s1=$(syscalls $small); s2=$(syscalls $large)
echo "system calls (all threads): $s1 for $small buffers, $s2 for $large buffers" \
     "-> $(python3 -c "print(f'{($s2-$s1)/($large-$small):.4f}')") per buffer"
