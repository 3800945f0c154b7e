import ParallaxCore

/// AV1 in the low-overhead bitstream format, one temporal unit per buffer: what `av1enc`, `av1parse`,
/// `ivfparse`, `matroskademux` and `rtpav1depay` hand on and `av1dec` and `rtpav1pay` take.
enum AV1StreamCaps {
    /// `stream-format=obu-stream, alignment=tu`.
    static let temporalUnitFields: [(String, CapsValue)] = [
        ("stream-format", .string("obu-stream")), ("alignment", .string("tu")),
    ]

    /// `video/x-av1, stream-format=obu-stream, alignment=tu`.
    static var temporalUnits: Caps { Caps("video/x-av1", temporalUnitFields) }
}
