import ParallaxCore

/// How one axis of a `VideoScaleChannel` is resampled, following GStreamer 1.22's video scaler
/// (`GstVideoConverter` with `GstVideoScaler`) so that results match it.
///
/// ```
/// position of output sample j (source samples)     used by
/// ───────────────────────────────────────────────  ─────────────────────────────────────────────
/// copy      j                                      equal sizes
/// halve     average of 2j and 2j + 1, rounding up  bilinear 2:1 on one-byte planes
/// nearest   ⌊(j + ½)·in/out⌋                       nearest-neighbour
/// stepped   j·⌊(in − 1)·2¹⁶/(out − 1) − 1⌋ / 2¹⁶   bilinear, horizontal, 1- and 4-byte pixels
/// taps      (j + ½)·in/out − ½, clamped            bilinear otherwise (two integer taps)
/// ```
/// `stepped` is GStreamer's accumulator path (`ldreslinb`/`ldreslinl`): first and last samples are
/// aligned, the 8-bit fraction is truncated and the result is `(a·(256 − f) + b·f) >> 8`. `taps` comes from
/// GStreamer's linear resampler (pixel centres aligned, edges folded), its weights rounded to `precision`
/// bits: 6 for horizontal filtering, `(a·t0 + b·t1 + 32) >> 6`, and 8 for vertical filtering,
/// `(a·(256 − t1) + b·t1 + 128) >> 8`.
/// Thread: built in `setCaps`, read on the streaming thread.
enum VideoScaleFilter: Sendable, Hashable {
    /// Same size: samples are copied.
    case copy
    /// Exactly half the size: sample pairs are averaged, rounding up.
    case halve
    /// One source sample per output sample.
    case nearest(index: [Int32])
    /// Two neighbouring samples from a 16.16 accumulator: `index[j]` and the next, weighted by the 8-bit
    /// `fraction[j]` of the second.
    case stepped(index: [Int32], fraction: [UInt16])
    /// Two neighbouring samples `index[j]` and the next, weighted `first[j]` and `second[j]`
    /// (summing to `1 << precision`).
    case taps(index: [Int32], first: [Int16], second: [Int16], precision: Int)

    /// The filter GStreamer uses along an axis of `source` samples scaled to `destination`.
    ///
    /// - Parameters:
    ///   - bilinear: the method is bilinear (else nearest neighbour).
    ///   - horizontal: the axis is horizontal (vertical filtering is always `taps` with 8 bits).
    ///   - stepped: horizontal bilinear takes GStreamer's accumulator path (one-byte planes and 4-byte pixels).
    ///   - halves: a 2:1 reduction may average pairs (one-byte planes, the other axis unscaled or halved too).
    init(source: Int, destination: Int, bilinear: Bool, horizontal: Bool, stepped: Bool, halves: Bool) {
        if source == destination {
            self = .copy
        } else if !bilinear || source == 1 {
            // One source sample leaves one tap, which GStreamer samples like nearest neighbour.
            self = .nearest(index: (0..<destination).map {
                Int32(Swift.min((2 * $0 + 1) * source / (2 * destination), source - 1))
            })
        } else if halves && source == 2 * destination {
            self = .halve
        } else if horizontal && stepped {
            let increment = destination == 1 ? 0 : ((source - 1) << 16) / (destination - 1) - 1
            self = .stepped(index: (0..<destination).map { Int32(($0 * increment) >> 16) },
                            fraction: (0..<destination).map { UInt16(($0 * increment) >> 8 & 0xFF) })
        } else {
            let precision = horizontal ? 6 : 8
            var index: [Int32] = [], first: [Int16] = [], second: [Int16] = []
            for j in 0..<destination {
                let (i, taps) = Self.linearTaps(j, source: source, destination: destination)
                let (a, b) = Self.integerTaps(taps, precision: precision)
                index.append(Int32(i))
                first.append(a)
                second.append(b)
            }
            self = .taps(index: index, first: first, second: second, precision: precision)
        }
    }

    /// GStreamer's 2-tap linear resampler for output sample `j`: the first source sample and the weights
    /// of it and the next, in double precision. The position is clamped to the source; at the last
    /// sample the taps move one sample back (weights 0 and 1).
    static func linearTaps(_ j: Int, source: Int, destination: Int) -> (Int, (Double, Double)) {
        let centre = (0.5 + Double(j)) / Double(destination)
        let x = Swift.min(Swift.max(centre * Double(source) - 0.5, 0), Double(source - 1))
        let i = Int(x.rounded(.down))
        func tap(_ l: Int) -> Double {
            let a = abs(x - Double(i + l))
            return a < 1 ? 1 - a : 0
        }
        var t0 = tap(0), t1 = tap(1)
        let weight = t0 + t1
        t0 /= weight
        t1 /= weight
        if i > source - 2 { return (i - 1, (0, t0 + t1)) }
        return (i, (t0, t1))
    }

    /// Rounds two taps to integers summing to `1 << precision`, as GStreamer does: `⌊t·2ᵖ + o⌋` with the
    /// offset `o` starting at ½ and bisected until the sum is exact.
    static func integerTaps(_ taps: (Double, Double), precision: Int) -> (Int16, Int16) {
        let one = 1 << precision, multiplier = Double(one)
        var low = 0.0, high = 1.0, offset = 0.5
        var result: (Int16, Int16) = (0, 0)
        for _ in 0..<64 {
            result = (Int16((offset + taps.0 * multiplier).rounded(.down)),
                      Int16((offset + taps.1 * multiplier).rounded(.down)))
            let sum = Int(result.0) + Int(result.1)
            if sum == one || low == high { break }
            if sum < one {
                low = Swift.max(low, offset)
                offset += (high - low) / 2
            } else {
                high = Swift.min(high, offset)
                offset -= (high - low) / 2
            }
        }
        return result
    }

    /// The first source sample read for the last of `destination` output samples (GStreamer compares it
    /// with the output height to choose which direction to filter first).
    func lastIndex(destination: Int) -> Int {
        switch self {
        case .copy: destination - 1
        case .halve: 2 * destination - 2
        case .nearest(let index), .stepped(let index, _), .taps(let index, _, _, _): Int(index.last ?? 0)
        }
    }
}
