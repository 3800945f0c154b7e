import ParallaxCore

/// `compositor`: draws N raw video inputs into one picture — GStreamer's compositor.
///
/// Sink pads are requested by links; each has pad properties `xpos`, `ypos`, `alpha`, `zorder`, `width`,
/// `height` (`sink_1::xpos=640 sink_1::width=320 sink_1::height=180`). The output is as large as the pictures
/// placed on it (the largest `xpos + width`, `ypos + height`) unless downstream fixes a size, runs at the highest input frame rate, and
/// starts at time 0. For each output frame at time t, every pad shows its latest buffer that starts at or before
/// t and has not ended; pads are drawn in `zorder` order (the pad number unless set) over `background`, each at its
/// position, clipped, blended with its alpha. A pad that ended no longer shows; the output ends when every pad
/// has ended. All inputs share the output's format (I420, BGRA or RGBA; negotiation inserts `videoconvert` where
/// an input differs). A pad `width`/`height` that differs from the input's size scales its pictures bilinearly (as
/// `videoscale method=bilinear`, once per picture); 0 keeps the input's size.
///
/// ```
/// parallax-launch compositor name=c sink_1::xpos=320 ! videoconvert ! autovideosink \
///     videotestsrc ! video/x-raw,width=320,height=240 ! c.  videotestsrc pattern=ball ! video/x-raw,width=320,height=240 ! c.
/// ```
/// Thread: the compositor's own streaming thread (`Aggregator`).
public struct Compositor: Aggregator {
    /// Raw video in the compositor's formats.
    public typealias Input = RawVideo<AnyPixelFormat>
    /// Raw video in the inputs' format.
    public typealias Output = RawVideo<AnyPixelFormat>

    private static let maximumPosition = Int64(Int32.max)

    /// The factory name, documentation, properties and pad properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "compositor", longName: "Compositor", klass: "Filter/Editor/Video/Compositor",
        description: "Composite multiple video streams",
        properties: [
            .enumeration("background", \.background, typeName: "GstCompositorBackground", "Background type"),
        ],
        padProperties: [
            pad("xpos", .int(-maximumPosition...maximumPosition), "X position of the picture", \.xpos),
            pad("ypos", .int(-maximumPosition...maximumPosition), "Y position of the picture", \.ypos),
            pad("width", .int(-maximumPosition...maximumPosition),
                "Width of the picture (0 or less: its own; else scaled bilinearly)", \.width),
            pad("height", .int(-maximumPosition...maximumPosition),
                "Height of the picture (0 or less: its own; else scaled bilinearly)", \.height),
            PadProperty(
                "alpha", type: .double(0...1), "Alpha of the picture", default: .double(1),
                get: { .double($0.settings(for: $1).alpha) },
                set: { element, pad, value in if case .double(let v) = value { element.padSettings[pad, default: .init()].alpha = v } }),
            PadProperty(
                "zorder", type: .uint(0...UInt64(UInt32.max)), "Z Order of the picture (default: the pad's number)",
                default: .uint(0),
                get: { element, pad in .uint(element.settings(for: pad).zorder ?? Compositor.number(of: pad)) },
                set: { element, pad, value in if case .uint(let v) = value { element.padSettings[pad, default: .init()].zorder = v } }),
        ])

    private static func pad(
        _ name: String, _ type: PropertyType, _ blurb: String, _ path: any WritableKeyPath<CompositorPadSettings, Int> & Sendable
    ) -> PadProperty<Self> {
        PadProperty(
            name, type: type, blurb, default: .int(0), get: { .int(Int64($0.settings(for: $1)[keyPath: path])) },
            set: { element, pad, value in
                if case .int(let v) = value { element.padSettings[pad, default: .init()][keyPath: path] = Int(v) }
            })
    }

    /// `sink_%u` (request) and `src`: `video/x-raw` in I420, BGRA or RGBA.
    public static var padTemplates: [PadTemplate] {
        let caps = Caps("video/x-raw", [("format", .list(CompositorPainter.formats.map { .string($0.rawValue) }))])
        return [
            PadTemplate(name: "sink_%u", direction: .sink, presence: .request, caps: caps),
            PadTemplate(name: "src", direction: .src, caps: caps),
        ]
    }

    /// What is drawn where no picture covers the output.
    public var background = CompositorBackground.checker
    /// Pad properties by pad name; pads without an entry use the defaults.
    public var padSettings: [String: CompositorPadSettings] = [:]

    private var output: VideoInfo?
    private var inputs: [VideoInfo] = []
    private var pads: [String] = []
    /// Pad indices in drawing order.
    private var drawingOrder: [Int] = []
    /// The buffer each pad shows now.
    private var current: [Buffer?] = []
    /// Per pad, the scaler of a pad drawn at another size than its input's.
    private var scalers: [CompositorPadScaler?] = []
    private var frame: UInt64 = 0

    /// A compositor with GStreamer's defaults.
    public init() {}

    /// The settings of the pad called `pad`.
    public func settings(for pad: String) -> CompositorPadSettings { padSettings[pad] ?? CompositorPadSettings() }

    static func number(of pad: String) -> UInt64 {
        UInt64(String(pad.reversed().prefix { $0.isNumber }.reversed())) ?? 0
    }

    /// Inputs and output keep the format; sizes and frame rates are free on both sides.
    public func transformCaps(_ caps: Caps, from direction: PadDirection) -> Caps {
        if caps.isAny { return Self.padTemplates[1].caps }
        var structures: [CapsStructure] = []
        for structure in caps.intersection(Self.padTemplates[1].caps).structures {
            var free = CapsStructure("video/x-raw", features: structure.features)
            if let format = structure["format"] { free["format"] = format }
            if !structures.contains(free) { structures.append(free) }
        }
        return Caps(structures)
    }

    /// The size covering every placed picture, the highest input frame rate, square pixels.
    public func fixateOutput(_ caps: Caps, inputs: [Caps], pads: [String]) -> Caps {
        var width = 1, height = 1
        var rate = Fraction(0, 1)
        for (caps, pad) in zip(inputs, pads) {
            guard let info = VideoInfo(caps: caps) else { continue }
            let settings = settings(for: pad)
            let drawn = settings.drawnSize(of: info)
            width = max(width, settings.xpos + drawn.width)
            height = max(height, settings.ypos + drawn.height)
            if info.framerate > rate { rate = info.framerate }
        }
        if rate.numerator == 0 { rate = Fraction(25, 1) }
        let wanted = Caps("video/x-raw", [
            ("width", .int(width)), ("height", .int(height)), ("framerate", .fraction(rate)),
            ("pixel-aspect-ratio", .fraction(Fraction(1, 1))),
        ])
        let chosen = caps.intersection(wanted)
        return (chosen.isEmpty ? caps : chosen).fixated()
    }

    /// The output frame size.
    public func outputSize(for caps: Caps) -> Int? { VideoInfo(caps: caps)?.size }

    /// Reads the output format.
    public mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        guard let output, let info = VideoInfo(caps: output), CompositorPainter.formats.contains(info.format) else {
            throw ElementError("compositor cannot produce \(output?.description ?? "no caps")")
        }
        self.output = info
    }

    /// Reads every input's format and checks the pad settings against it.
    public mutating func setInputCaps(_ caps: [Caps], pads: [String]) throws(ElementError) {
        var infos: [VideoInfo] = []
        for (caps, pad) in zip(caps, pads) {
            guard let info = VideoInfo(caps: caps), info.format == output?.format else {
                throw ElementError("compositor's \(pad) carries \(caps), not the output's format")
            }
            infos.append(info)
        }
        inputs = infos
        self.pads = pads
        try arrange()
        current = Array(repeating: nil, count: pads.count)
    }

    /// Takes pad positions, sizes, alphas and z-order changed while playing; the next frame shows them. The
    /// output size stays what was negotiated: pictures moved or grown beyond it are clipped.
    public mutating func propertiesDidChange() throws(ElementError) { try arrange() }

    /// Checks the pad settings against the linked pads and derives the scalers and the drawing order.
    private mutating func arrange() throws(ElementError) {
        for name in padSettings.keys where !pads.contains(name) {
            throw ElementError("compositor has pad properties for \(name), which is not linked (linked: \(pads.joined(separator: ", ")))")
        }
        scalers = zip(inputs, pads).map { info, pad in
            let drawn = settings(for: pad).drawnSize(of: info)
            return CompositorPadScaler(from: info, width: drawn.width, height: drawn.height)
        }
        let pads = self.pads
        drawingOrder = pads.indices.sorted { a, b in
            let za = settings(for: pads[a]).zorder ?? Self.number(of: pads[a])
            let zb = settings(for: pads[b]).zorder ?? Self.number(of: pads[b])
            return za == zb ? a < b : za < zb
        }
    }

    /// Releases the pictures still shown.
    public mutating func stop() {
        for index in current.indices { current[index]?.release() }
        current = current.map { _ in nil }
        frame = 0
    }

    /// Brings every pad up to the next output time, then draws the frame; waits for pads whose picture for that
    /// time is not known yet; ends when no pad has anything left to show.
    public mutating func aggregate(_ queued: any AggregatorInputs, _ ctx: inout ProcessContext<Input, Output>)
        throws(ElementError) -> AggregateStep
    {
        guard let output else { throw ElementError("compositor was not configured") }
        let rate = output.framerate.numerator > 0 ? output.framerate : Fraction(25, 1)
        let start = ClockTime(nanoseconds: frame * 1_000_000_000 * UInt64(rate.denominator) / UInt64(rate.numerator))
        let end = ClockTime(nanoseconds: (frame + 1) * 1_000_000_000 * UInt64(rate.denominator) / UInt64(rate.numerator))
        var showing = false
        for pad in 0..<queued.count {
            while let head = queued.peek(pad), (head.pts ?? start) <= start {
                current[pad]?.release()
                current[pad] = queued.take(pad)
            }
            if covers(current[pad], start) {
                showing = true
                continue
            }
            // The pad's picture has ended: wait for its next one unless it is queued (starting later) or none comes.
            if queued.peek(pad) == nil, !queued.isFinished(pad) { return .needData(pad: pad) }
            current[pad]?.release()
            current[pad] = nil
        }
        if !showing, queued.allFinished { return .endOfStream }
        try draw(into: &ctx, output)
        ctx.outputLength = output.size
        ctx.metadata = BufferMetadata(pts: start, duration: end - start, offset: frame, offsetEnd: frame + 1)
        frame += 1
        return .output
    }

    /// Whether `buffer` is still showing at `time` (a buffer without timing shows until the next one).
    private func covers(_ buffer: Buffer?, _ time: ClockTime) -> Bool {
        guard let buffer else { return false }
        guard let pts = buffer.pts, let duration = buffer.duration else { return true }
        return pts + duration > time
    }

    private mutating func draw(into ctx: inout ProcessContext<Input, Output>, _ output: VideoInfo) throws(ElementError) {
        let background = self.background
        let order = drawingOrder
        let settings = pads.map { self.settings(for: $0) }
        let drawn = inputs.indices.map { scalers[$0]?.drawn ?? inputs[$0] }
        var pictures: [UnsafeRawPointer?] = inputs.indices.map { pad in
            guard let buffer = current[pad], buffer.length >= inputs[pad].size else { return nil }
            return buffer.storage.base.map(UnsafeRawPointer.init)
        }
        for pad in inputs.indices where pictures[pad] != nil {
            if let buffer = current[pad], scalers[pad] != nil { pictures[pad] = scalers[pad]!.scaled(buffer) }
        }
        ctx.withUnsafeOutput { frame in
            guard let base = frame.baseAddress else { return }
            // The background is hidden when the lowest picture is opaque, has no alpha of its own and covers the frame.
            let hidden = order.first.map { pad in
                output.format == .i420 && pictures[pad] != nil
                    && settings[pad].alpha >= 1 && settings[pad].xpos <= 0
                    && settings[pad].ypos <= 0 && settings[pad].xpos + drawn[pad].width >= output.width
                    && settings[pad].ypos + drawn[pad].height >= output.height
            } ?? false
            if !hidden { CompositorPainter.fill(background, base, output) }
            for pad in order {
                guard let picture = pictures[pad] else { continue }
                CompositorPainter.blend(
                    picture, drawn[pad], at: settings[pad].xpos, settings[pad].ypos,
                    alpha: settings[pad].alpha, onto: base, output, keepingAlpha: background == .transparent)
            }
        }
    }
}
