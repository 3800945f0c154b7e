import ParallaxCore

/// `videoscale`: resizes raw video to any size, keeping the pixel format and framerate — GStreamer's
/// videoscale with its `nearest-neighbour` and `bilinear` methods.
///
/// Every plane is scaled at its own size (4:2:0 chroma at ⌈w/2⌉×⌈h/2⌉); packed 4:2:2 (YUY2, UYVY) scales
/// luma and chroma samples separately and keeps the packing. Bilinear is GStreamer 1.22's own arithmetic
/// (`VideoScaleFilter`): its accumulator for columns of one-byte planes and 4-byte pixels, its 2-tap
/// linear resampler with 6-bit taps for other columns and 8-bit taps for rows, pair averaging for 2:1 planes,
/// and its choice of filtering rows or columns first; the output is byte-identical to GStreamer's
/// (`VideoConverterReferenceTests`). Equal sizes copy the frame.
///
/// ```
/// parallax-launch videotestsrc ! videoscale method=nearest-neighbour ! video/x-raw,width=640 ! fakesink
/// ```
/// Negotiation: the src side offers the input caps with width and height freed to [1, 2147483647]; fixation
/// prefers the input size, and keeps the aspect ratio when downstream fixes only the width or the height.
/// Thread: `process` runs on the streaming thread of the element's segment.
public struct VideoScale: RawVideoFilter, Converter {
    /// Any raw video format.
    public typealias Input = RawVideo<AnyPixelFormat>
    /// The same format as the input, at another size.
    public typealias Output = RawVideo<AnyPixelFormat>

    /// The scaling method (`method`, GStreamer's `GstVideoScaleMethod`, with GStreamer's values).
    public enum Method: Int, PropertyEnum {
        /// Nearest neighbour.
        case nearestNeighbour = 0
        /// Bilinear (2-tap).
        case bilinear = 1

        /// The nick written in launch strings, as GStreamer spells it.
        public var nick: String {
            switch self {
            case .nearestNeighbour: "nearest-neighbour"
            case .bilinear: "bilinear"
            }
        }

        /// The description `--inspect` shows, as GStreamer's.
        public var blurb: String {
            switch self {
            case .nearestNeighbour: "Nearest Neighbour"
            case .bilinear: "Bilinear (2-tap)"
            }
        }
    }

    /// The scaling method; GStreamer 1.22's default is bilinear.
    public var method: Method = .bilinear

    /// A copy plus the scaling taps per pixel (`ConversionCost`).
    public static var conversionCost: Int { ConversionCost.copy + ConversionCost.pixelMath }

    private var inputInfo: VideoInfo?
    private var outputInfo: VideoInfo?
    private var channels: [VideoScaleChannel] = []

    /// The largest width or height offered (GStreamer's `G_MAXINT`).
    static let maximumDimension = Int(Int32.max)

    /// A scaler with GStreamer's defaults (bilinear).
    public init() {}

    /// The factory name, documentation and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "videoscale", longName: "Video scaler", klass: "Filter/Converter/Video/Scaler",
        description: "Resizes video",
        properties: [
            .enumeration("method", \.method, typeName: "GstVideoScaleMethod", "method"),
        ])

    /// The other side keeps every field but width and height, which become [1, 2147483647]: the format is
    /// kept, the size is free (in both directions).
    public func transformCaps(_ caps: Caps, from direction: PadDirection) -> Caps {
        if caps.isAny { return caps }
        var structures: [CapsStructure] = []
        let template = direction == .sink ? Output.caps : Input.caps
        for var structure in caps.structures where structure.name == "video/x-raw" {
            structure["width"] = .intRange(1...Self.maximumDimension, step: 1)
            structure["height"] = .intRange(1...Self.maximumDimension, step: 1)
            // A missing format stays missing (any): the template's order is no preference.
            if structure["format"] != nil {
                guard let allowed = Caps([structure]).intersection(template).structures.first else { continue }
                structure = allowed
            }
            if !structures.contains(structure) { structures.append(structure) }
        }
        return Caps(structures)
    }

    /// Prefers the size on the other side (`otherSide`, the fixed input when fixing the src pad); when
    /// downstream fixes only one dimension, the other keeps the aspect ratio.
    public func fixate(_ caps: Caps, on direction: PadDirection, otherSide: Caps) -> Caps {
        guard !caps.isAny, var structure = caps.structures.first else { return caps.fixated() }
        if let other = otherSide.structures.first, otherSide.isFixed, let w = other.int("width"),
            let h = other.int("height"), w > 0, h > 0
        {
            Self.fixateSize(&structure, from: (w, h))
        }
        return Caps([structure.fixated()])
    }

    static func fixateSize(_ s: inout CapsStructure, from source: (width: Int, height: Int)) {
        func scaled(_ v: Int, _ num: Int, _ den: Int) -> Int { Swift.max(1, (v * num + den / 2) / den) }
        func allows(_ field: String, _ value: Int) -> Bool { s[field]?.canIntersect(.int(value)) ?? true }
        let widthFixed = s["width"]?.isFixed ?? false, heightFixed = s["height"]?.isFixed ?? false
        switch (widthFixed, heightFixed) {
        case (true, true):
            return
        case (true, false):
            if case .int(let w)? = s["width"] { s.fixateField("height", nearestInt: scaled(w, source.height, source.width)) }
        case (false, true):
            if case .int(let h)? = s["height"] { s.fixateField("width", nearestInt: scaled(h, source.width, source.height)) }
        case (false, false):
            if allows("width", source.width), allows("height", source.height) {
                s.fixateField("width", nearestInt: source.width)
                s.fixateField("height", nearestInt: source.height)
                return
            }
            // Keep the height first (as GStreamer does), then the width; take the first exact ratio.
            var byHeight = s
            byHeight.fixateField("height", nearestInt: source.height)
            if case .int(let h)? = byHeight["height"] {
                byHeight.fixateField("width", nearestInt: scaled(h, source.width, source.height))
            }
            var byWidth = s
            byWidth.fixateField("width", nearestInt: source.width)
            if case .int(let w)? = byWidth["width"] {
                byWidth.fixateField("height", nearestInt: scaled(w, source.height, source.width))
            }
            func exact(_ c: CapsStructure) -> Bool {
                guard case .int(let w)? = c["width"], case .int(let h)? = c["height"] else { return false }
                return w == scaled(h, source.width, source.height) || h == scaled(w, source.height, source.width)
            }
            s = exact(byHeight) || !exact(byWidth) ? byHeight : byWidth
        }
    }

    /// Decodes both sides; the format must be the same.
    public mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        guard let input, let output, let inInfo = VideoInfo(caps: input), let outInfo = VideoInfo(caps: output),
            inInfo.format == outInfo.format
        else {
            throw ElementError("videoscale cannot scale between these formats.",
                               debug: "input: \(input.map(\.description) ?? "none"), output: \(output.map(\.description) ?? "none")")
        }
        inputInfo = inInfo
        outputInfo = outInfo
        channels = inInfo.width == outInfo.width && inInfo.height == outInfo.height
            ? [] : VideoScaleChannel.channels(from: inInfo, to: outInfo, method: method)
    }

    /// One output frame.
    public func outputSize(for caps: Caps) -> Int? { VideoInfo(caps: caps)?.size }

    /// Scales one frame (or copies it when the sizes are equal).
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        guard let inputInfo, let outputInfo else { throw ElementError("videoscale was not negotiated.") }
        guard ctx.inputLength >= inputInfo.size, ctx.outputCapacity >= outputInfo.size else {
            throw ElementError("videoscale got a buffer too small for its format.",
                               debug: "input \(ctx.inputLength) bytes, expected \(inputInfo.size)")
        }
        let channels = self.channels
        let copyLength = inputInfo.size
        let input = ctx.withUnsafeInput { $0 }  // valid for the whole call
        ctx.withUnsafeOutput { output in
            if channels.isEmpty {
                if let source = input.baseAddress { output.baseAddress?.copyMemory(from: source, byteCount: copyLength) }
            } else {
                for channel in channels { channel.scale(input, into: output) }
            }
        }
        ctx.outputLength = outputInfo.size
        return .ok
    }
}
