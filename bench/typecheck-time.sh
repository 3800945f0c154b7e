#!/usr/bin/env bash
# Type-checking time of a typed pipeline of N elements (default 40): a realistic mix of typed elements,
# raw-video filters of any format, converters to a named format, pass-throughs, modifiers, an optional
# element and a tee at the end. Prints, for one block, for `let` segments of at most 10 elements and for one
# block with a format mismatch near the end (the compile-error path), the time
# swiftc spends on the function holding the pipeline (-debug-time-function-bodies, best of 3) and the wall
# time of `swiftc -typecheck` on the whole file (which includes about 0.1-0.3 s of fixed start-up).
#   bench/typecheck-time.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-40}
build=$(swift build --show-bin-path)
[ -f "$build/Modules/Parallax.swiftmodule" ] || swift build --target Parallax >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

prelude() {
    cat <<'SWIFT'
import Parallax

struct I420Only: Transform {
    typealias Input = RawVideo<I420>
    typealias Output = RawVideo<I420>
    static let descriptor = ElementDescriptor<Self>(
        factory: "i420only", longName: "I420 only", klass: "Filter", description: "Does nothing",
        properties: [.double("strength", \.strength, range: 0...10, "How much")])
    var strength = 1.0
    mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus { .ok }
}

struct RGBAOnly: Transform {
    typealias Input = RawVideo<RGBA>
    typealias Output = RawVideo<RGBA>
    static let descriptor = ElementDescriptor<Self>(
        factory: "rgbaonly", longName: "RGBA only", klass: "Filter", description: "Does nothing")
    mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus { .ok }
}

struct Dim: RawVideoFilter {
    static let descriptor = ElementDescriptor<Self>(
        factory: "dim", longName: "Dim", klass: "Filter", description: "Does nothing")
    mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus { .ok }
}

let hdr = CommandLine.arguments.count > 1
SWIFT
}

# Element number i (1-based) of the middle of the pipeline; the stream is I420 before and after each.
element() {
    case $(( $1 % 10 )) in
        0) echo "I420Only().with(\\.strength, 2)" ;;
        1) echo "VideoScale()" ;;
        2) echo "Queue()" ;;
        3) echo "Identity().named(\"id$1\")" ;;
        4) echo "VideoConvert.to(RGBA.self)" ;;
        5) echo "RGBAOnly()" ;;
        6) echo "VideoConvert.to(I420.self)" ;;
        7) echo "Dim().queued()" ;;
        8) echo "hdr ? I420Only() : nil" ;;
        9) echo "Dim()" ;;
    esac
}

middle=$(( n - 6 ))   # source, a last converter, tee and three branch elements are the other six
tail='VideoConvert.to(I420.self); Tee.branches(of: RawVideo<I420>.self) { Branch { I420Only(); FakeSink() }; Branch { FakeSink() } }'
{
    prelude
    echo "func oneBlock() -> Graph {"
    echo "    Pipeline.graph {"
    echo "        VideoTestSource.producing(I420.self, width: 320, height: 240)"
    for i in $(seq 1 "$middle"); do echo "        $(element "$i")"; done
    echo "        $tail"
    echo "    }"
    echo "}"
} > "$work/one-block.swift"

{
    prelude
    echo "func segments() -> Graph {"
    echo "    let head = Pipeline.segment { VideoTestSource.producing(I420.self, width: 320, height: 240) }"
    last=head
    i=1
    s=0
    while [ "$i" -le "$middle" ]; do
        s=$(( s + 1 ))
        echo "    let part$s = Pipeline.segment {"
        echo "        $last"
        for _ in $(seq 1 10); do
            [ "$i" -le "$middle" ] || break
            echo "        $(element "$i")"
            i=$(( i + 1 ))
        done
        echo "    }"
        last=part$s
    done
    echo "    return Pipeline.graph {"
    echo "        $last"
    echo "        $tail"
    echo "    }"
    echo "}"
} > "$work/segments.swift"

measure() {
    local file=$1 function=$2 expect_error=${4:-no} best_body="" best_wall=""
    for _ in 1 2 3; do
        local start end out body wall
        start=$(date +%s%N)
        out=$(swiftc -typecheck -swift-version 6 -module-cache-path "$work/cache" -I "$build/Modules" \
            -Xcc -fmodule-map-file="$build/CParallaxLinux.build/module.modulemap" \
            -Xcc -fmodule-map-file=Sources/CZlib/module.modulemap -Xcc -fmodule-map-file=Sources/CDav1d/module.modulemap \
            -Xcc -fmodule-map-file=Sources/CRav1e/module.modulemap -Xcc -I/usr/include/rav1e \
            -Xcc -fmodule-map-file=Sources/CVulkan/module.modulemap \
            -Xfrontend -debug-time-function-bodies "$file" 2>&1 || true)
        end=$(date +%s%N)
        if [ "$expect_error" = no ] && echo "$out" | grep -q "error:"; then echo "$out" >&2; exit 1; fi
        if [ "$expect_error" = yes ] && ! echo "$out" | grep -q "error: cannot convert parent type"; then
            echo "$out" >&2
            exit 1
        fi
        body=$(echo "$out" | grep "$function" | awk '{ sub("ms", "", $1); print $1 }' | head -1)
        wall=$(( (end - start) / 1000000 ))
        if [ -z "$best_body" ] || awk "BEGIN { exit !($body < $best_body) }"; then best_body=$body; fi
        if [ -z "$best_wall" ] || [ "$wall" -lt "$best_wall" ]; then best_wall=$wall; fi
    done
    printf '%-26s %4d elements: %8.1f ms type-checking the pipeline, %5d ms wall for swiftc -typecheck\n' \
        "$3" "$n" "$best_body" "$best_wall"
}

# The same block with its last typed element wrong (an RGBA filter where I420 flows): the error path.
sed 's/^        VideoConvert.to(I420.self); Tee.branches/        RGBAOnly(); Tee.branches/' "$work/one-block.swift" \
    > "$work/mismatch.swift"

measure "$work/one-block.swift" "oneBlock()" "one block"
measure "$work/segments.swift" "segments()" "let segments of <= 10"
measure "$work/mismatch.swift" "oneBlock()" "one block, mismatch at end" yes
