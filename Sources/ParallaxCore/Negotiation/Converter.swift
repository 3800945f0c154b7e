/// A transform that negotiation may insert on its own where two elements cannot agree on a format:
/// `videoconvert`, `videoscale`, `audioconvert`, `audioresample`.
///
/// A converter states what one pass through it costs; the global negotiator looks for the cheapest chain of
/// converters (Dijkstra over caps) whose transfer functions (`transformCaps`) turn what upstream produces
/// into what downstream accepts. Costs are small integers on the scale of `ConversionCost`.
///
/// ```swift
/// extension VideoConvert: Converter {
///     static var conversionCost: Int { ConversionCost.copy + ConversionCost.pixelMath }
/// }
/// ```
/// Thread: read on the control thread during negotiation.
public protocol Converter: Transform {
    /// What inserting one of these costs (a copy of every buffer plus the work per sample).
    static var conversionCost: Int { get }
}

/// The cost model of automatic conversion: integer weights that add up along a chain.
///
/// | step | cost |
/// |---|---|
/// | CPU → CPU inside one process | 0 |
/// | CPU → CPU across a process boundary (memfd passed by descriptor) | 1 |
/// | one copy of every buffer (what any inserted converter does) | 1 |
/// | per-sample arithmetic of a video converter (colour matrix, scaling taps) | 2 |
/// | per-sample arithmetic of an audio converter | 1 |
/// | band-limited resampling | 3 |
/// | sending buffers over the network | 50 |
///
/// A chain's cost is the sum of its converters' `conversionCost`; ties go to the shorter chain, then to the
/// factory names in alphabetical order, so the result is deterministic.
public enum ConversionCost {
    /// Passing CPU memory to another element of the same process: nothing to do.
    public static let sameProcess = 0
    /// Passing CPU memory across a process boundary: a descriptor, once per arena, and a slot reference.
    public static let crossProcess = 1
    /// Sending buffers over the network.
    public static let network = 50
    /// One copy of every buffer into a new output.
    public static let copy = 1
    /// Per-sample arithmetic on video (a colour matrix, scaling taps).
    public static let pixelMath = 2
    /// Per-sample arithmetic on audio (format change, channel mixing).
    public static let sampleMath = 1
    /// A windowed-sinc filter per output sample.
    public static let resampling = 3
}
