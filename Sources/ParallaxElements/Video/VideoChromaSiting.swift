/// Chroma subsampling at GStreamer's co-sited siting, which its general conversion path uses for video taller than
/// 576 lines: each kept sample sits on an even pixel and is filtered with its neighbours.
///
/// ```
/// x = 0:                 (3·c[0] + c[1] + 2) >> 2
/// even x inside:         (c[x−1] + 2·c[x] + c[x+1] + 2) >> 2
/// the last even x:       (c[x−1] + 3·c[x] + 2) >> 2
/// ```
/// (The "last even x" is the first even x from `width − 2` on; a row of one pixel keeps its sample.)
/// Pure functions; any thread.
enum VideoChromaSiting {
    /// The subsampled chroma value for even pixel `x` of a row of `width` pixels whose full-resolution chroma is
    /// `sample(i)`.
    @inline(__always)
    static func cosited(_ x: Int, width: Int, _ sample: (Int) -> Int) -> UInt8 {
        guard width >= 2 else { return UInt8(truncatingIfNeeded: sample(0)) }
        if x == 0 { return UInt8(truncatingIfNeeded: (3 * sample(0) + sample(1) + 2) >> 2) }
        if x < lastEven(width) {
            return UInt8(truncatingIfNeeded: (sample(x - 1) + 2 * sample(x) + sample(x + 1) + 2) >> 2)
        }
        return UInt8(truncatingIfNeeded: (sample(x - 1) + 3 * sample(x) + 2) >> 2)
    }

    /// The even pixel at which the inner [1 2 1] filter stops: the first even x ≥ width − 2, at least 2.
    @inline(__always)
    static func lastEven(_ width: Int) -> Int { Swift.max(2, (width - 1) & ~1) }
}
