import Glibc
import ParallaxCore

/// `videobalance`: adjusts brightness, contrast, hue and saturation of raw video — GStreamer's videobalance,
/// with its lookup tables and rounding, so the bytes are GStreamer's.
///
/// Luma goes through `Y' = rint(clamp(16 + (Y - 16)·contrast + brightness·255))`; chroma pairs through
/// `U' = rint(clamp(128 + (u·cos πh + v·sin πh)·saturation))` and
/// `V' = rint(clamp(128 + (v·cos πh - u·sin πh)·saturation))` with `u = U - 128`, `v = V - 128` (two 256×256 tables). RGB formats are taken to 8-bit BT.601 Y′CbCr and
/// back with GStreamer's integer matrices. Supported: I420, YV12, Y444, NV12, NV21, YUY2, UYVY, RGBA, BGRA,
/// RGBx, BGRx, RGB, BGR — GStreamer's list less the formats Parallax lacks; GRAY8 is not supported (nor by
/// GStreamer).
///
/// ```
/// parallax-launch videotestsrc ! video/x-raw,format=I420 ! videobalance saturation=0 ! fakesink
/// ```
/// Negotiation: the format and size pass through. At the defaults (contrast 1, brightness 0, hue 0,
/// saturation 1) buffers pass through unchanged. Thread: `process` runs on the streaming thread of the
/// element's segment.
public struct VideoBalance: RawVideoFilter {
    /// Raw video in the formats above.
    public typealias Input = RawVideo<AnyPixelFormat>
    /// The same format and size.
    public typealias Output = RawVideo<AnyPixelFormat>

    /// The formats the element processes (GStreamer's order, less those Parallax lacks).
    public static let formats: [VideoFormat] = [
        .bgra, .rgba, .y444, .rgbx, .bgrx, .rgb, .bgr, .yuy2, .uyvy, .i420, .yv12, .nv12, .nv21,
    ]

    /// Contrast, 0…2 (default 1).
    public var contrast = 1.0
    /// Brightness, -1…1 (default 0).
    public var brightness = 0.0
    /// Hue rotation, -1…1 as a fraction of π (default 0).
    public var hue = 0.0
    /// Saturation, 0…2 (default 1).
    public var saturation = 1.0

    private var info: VideoInfo?
    private var tables = VideoBalanceTables.identity

    /// A balance that changes nothing (GStreamer's defaults).
    public init() {}

    /// The factory name, documentation and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "videobalance", longName: "Video balance", klass: "Filter/Effect/Video",
        description: "Adjusts brightness, contrast, hue, saturation on a video stream",
        properties: [
            .double("brightness", \.brightness, range: -1...1, "brightness"),
            .double("contrast", \.contrast, range: 0...2, "contrast"),
            .double("hue", \.hue, range: -1...1, "hue"),
            .double("saturation", \.saturation, range: 0...2, "saturation"),
        ])

    /// `sink` and `src`: `video/x-raw` in `formats`.
    public static var padTemplates: [PadTemplate] {
        let caps = Caps("video/x-raw", [("format", .list(formats.map { .string($0.name) }))])
        return [
            PadTemplate(name: "sink", direction: .sink, caps: caps),
            PadTemplate(name: "src", direction: .src, caps: caps),
        ]
    }

    /// Whether every setting is at its neutral value.
    public var isPassthrough: Bool { contrast == 1 && brightness == 0 && hue == 0 && saturation == 1 }

    /// Works in place.
    public var canProcessInPlace: Bool { true }

    /// Decodes the format and builds the tables.
    public mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        guard let input, let inInfo = VideoInfo(caps: input), Self.formats.contains(inInfo.format) else {
            throw ElementError(
                "videobalance cannot process this format.", debug: "input: \(input.map(\.description) ?? "none")")
        }
        info = inInfo
        tables = VideoBalanceTables(contrast: contrast, brightness: brightness, hue: hue, saturation: saturation)
    }

    /// Adjusts one frame.
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        if isPassthrough { return .ok }  // the buffer goes on as it is
        guard let info else { throw ElementError("videobalance was not negotiated.") }
        guard ctx.inputLength >= info.size, ctx.outputCapacity >= info.size else {
            throw ElementError(
                "videobalance got a buffer too small for its format.",
                debug: "input \(ctx.inputLength) bytes, expected \(info.size)")
        }
        let tables = self.tables, inPlace = ctx.isInPlace, size = info.size
        let input = ctx.withUnsafeInput { $0 }  // valid for the whole call
        ctx.withUnsafeOutput { output in
            guard let destination = output.baseAddress else { return }
            if !inPlace, let source = input.baseAddress { destination.copyMemory(from: source, byteCount: size) }
            tables.apply(to: destination.assumingMemoryBound(to: UInt8.self), info)
        }
        ctx.outputLength = info.size
        return .ok
    }
}
