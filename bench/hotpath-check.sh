#!/usr/bin/env bash
# Checks "no allocation, lock or system call per buffer" on an in-process segment from outside the process:
# runs the same pipeline with two buffer counts and divides the difference in heap allocations (valgrind)
# and in system calls (strace, all threads) by the difference in buffers. A per-buffer cost shows as >= 1.
# Locks would show as futex calls in the strace counts.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v strace >/dev/null || { sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo; $sudo apt-get install -y -qq strace; }
command -v valgrind >/dev/null || { sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo; $sudo apt-get install -y -qq valgrind; }
launch=${LAUNCH:-.build/release/parallax-launch}
[ -x "$launch" ] || swift build -c release --static-swift-stdlib --product parallax-launch
small=1000
large=${LARGE:-51000}
pipeline() { echo "fakesrc num-buffers=$1 sizetype=fixed sizemax=1024 filltype=zero ! identity ! identity ! fakesink"; }

allocs() {
    valgrind --tool=memcheck --leak-check=no "$launch" $(pipeline "$1") 2>&1 >/dev/null \
        | sed -n 's/.*total heap usage: \([0-9,]*\) allocs.*/\1/p' | tr -d ,
}
syscalls() {
    local out; out=$(mktemp)
    strace -f -c -o "$out" "$launch" $(pipeline "$1") >/dev/null 2>&1
    awk '/^-+ /{s++} s==1 && $NF=="total"{print $(NF-1)}' "$out"
    grep -E ' futex$' "$out" | awk '{print "  futex calls:", $4}' >&2 || true
    rm -f "$out"
}

a1=$(allocs $small); a2=$(allocs $large)
echo "heap allocations: $a1 for $small buffers, $a2 for $large buffers" \
     "-> $(python3 -c "print(f'{($a2-$a1)/($large-$small):.4f}')") per buffer"
s1=$(syscalls $small); s2=$(syscalls $large)
echo "system calls (all threads): $s1 for $small buffers, $s2 for $large buffers" \
     "-> $(python3 -c "print(f'{($s2-$s1)/($large-$small):.4f}')") per buffer"
