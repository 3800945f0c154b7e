import ParallaxCore

/// Test double for GStreamer's `rawvideoparse`, for its fraction-typed `framerate` and `pixel-aspect-ratio`
/// (the array-typed `plane-strides`/`plane-offsets` and the `format` enumeration are left out).
struct RawVideoParseFixture: Transform {
    typealias Input = ByteStream
    typealias Output = AnyMedia

    static let descriptor = ElementDescriptor<Self>(
        factory: "rawvideoparse", longName: "rawvideoparse", klass: "Codec/Parser/Video",
        description: "Converts unformatted data streams into timestamped raw video frames",
        properties: [
            .uint("frame-size", \.frameSize, range: 0...4_294_967_295,
                  "Size of a frame (0 = frames are tightly packed together)"),
            .fraction("framerate", \.framerate, range: Fraction(0, 1)...Fraction(2_147_483_647, 1),
                      "Rate of frames in raw stream"),
            .int("height", \.height, range: 0...2_147_483_647, "Height of frames in raw stream"),
            .fraction("pixel-aspect-ratio", \.pixelAspectRatio, range: Fraction(1, 100)...Fraction(100, 1),
                      "Pixel aspect ratio of frames in raw stream"),
            .bool("top-field-first", \.topFieldFirst,
                  "True if top field in frames in raw stream come first (not used if frames aren't interlaced)"),
            .bool("use-sink-caps", \.useSinkCaps, "Use the sink caps for defining the output format"),
            .int("width", \.width, range: 0...2_147_483_647, "Width of frames in raw stream"),
        ])

    static var padTemplates: [PadTemplate] {
        [
            PadTemplate(name: "sink", direction: .sink, caps: Caps("video/x-unaligned-raw")),
            PadTemplate(name: "src", direction: .src, caps: Caps("video/x-raw")),
        ]
    }

    var frameSize: UInt64 = 0
    var framerate = Fraction(25, 1)
    var height = 240
    var pixelAspectRatio = Fraction(1, 1)
    var topFieldFirst = false
    var useSinkCaps = false
    var width = 320

    mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus { .ok }
}
