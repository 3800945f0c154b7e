import Parallax

/// A source of `width × height` 8-bit grey frames: a diagonal ramp that moves one step per frame.
struct GrayRamp: Source {
    typealias Output = RawVideo<GRAY8>
    static let descriptor = ElementDescriptor<Self>(
        factory: "grayramp", longName: "Grey ramp", klass: "Source/Video",
        description: "Makes GRAY8 frames of a moving diagonal ramp",
        properties: [
            .int("num-buffers", \.numBuffers, range: -1...100_000, "Frames before EOS (-1 = unlimited)"),
            .int("width", \.width, range: 1...4096, "Frame width in pixels"),
            .int("height", \.height, range: 1...4096, "Frame height in pixels"),
        ])
    var numBuffers = 10
    var width = 64
    var height = 48
    private var produced = 0

    /// Fixes the caps to this source's frame size at 30 frames per second.
    func fixate(_ caps: Caps, on direction: PadDirection) -> Caps {
        caps.intersection(VideoInfo(format: .gray8, width: width, height: height).caps).fixated()
    }

    /// One frame.
    func outputSize(for caps: Caps) -> Int? { width * height }

    mutating func start() throws(ElementError) { produced = 0 }

    mutating func produce(_ ctx: inout ProcessContext<NoMedia, Output>) throws(ElementError) -> FlowStatus {
        if numBuffers >= 0, produced >= numBuffers { return .eos }
        let (width, height, frame) = (width, height, produced)
        var output = ctx.output
        for y in 0..<height {
            for x in 0..<width {
                output.storeBytes(of: UInt8(truncatingIfNeeded: x + y + frame), toByteOffset: y * width + x,
                                  as: UInt8.self)
            }
        }
        ctx.outputLength = width * height
        ctx.metadata.pts = .scale(UInt64(frame), 1_000_000_000, 30)
        ctx.metadata.duration = .scale(1, 1_000_000_000, 30)
        produced += 1
        return .ok
    }
}

/// Inverts every pixel of 8-bit grey video (`255 - value`), in place when it can.
struct Invert: Transform {
    typealias Input = RawVideo<GRAY8>
    typealias Output = RawVideo<GRAY8>
    static let descriptor = ElementDescriptor<Self>(
        factory: "invert", longName: "Invert", klass: "Filter/Effect/Video",
        description: "Inverts GRAY8 video")
    var canProcessInPlace: Bool { true }

    mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        let input = ctx.input
        var output = ctx.output
        for i in 0..<ctx.inputLength {
            output.storeBytes(of: 255 &- input.unsafeLoad(fromByteOffset: i, as: UInt8.self), toByteOffset: i,
                              as: UInt8.self)
        }
        return .ok
    }
}
