import ParallaxCore

/// `fakesrc`: pushes buffers of configurable size and contents — GStreamer's fake source, for testing
/// pipelines and measuring per-buffer overhead.
///
/// By default it sends empty buffers forever without timestamps (`sizetype=empty`). With `datarate` set,
/// buffers are timestamped as if the bytes flowed at that rate: `pts = bytes sent × 1 s / datarate`.
/// Offsets count bytes. As GStreamer's base source does, an untimestamped buffer at byte offset 0 gets a
/// DTS of 0 (with the default empty buffers: every buffer), and the first buffer carries the `discont` flag.
///
/// ```
/// parallax-launch fakesrc num-buffers=3 sizetype=fixed sizemax=16 filltype=pattern ! fakesink dump=true
/// ```
/// ```swift
/// var source = FakeSource()
/// source.sizeType = .fixed
/// source.sizeMax = 1024
/// ```
/// Thread: `produce` runs on the source's streaming thread.
public struct FakeSource: Source {
    /// Any media: the element passes on or produces every format.
    public typealias Output = AnyMedia

    /// How buffer sizes are chosen (`sizetype`, GStreamer's `GstFakeSrcSizeType`).
    public enum SizeType: Int, PropertyEnum {
        /// Empty buffers.
        case empty = 1
        /// `sizemax` bytes.
        case fixed = 2
        /// A random size with `sizemin <= size < sizemax`.
        case random = 3

        /// The nick written in launch strings, as GStreamer spells it.
        public var nick: String {
            switch self {
            case .empty: "empty"
            case .fixed: "fixed"
            case .random: "random"
            }
        }

        /// The description `--inspect` shows for this value.
        public var blurb: String {
            switch self {
            case .empty: "Send empty buffers"
            case .fixed: "Fixed size buffers (sizemax sized)"
            case .random: "Random sized buffers (sizemin <= size <= sizemax)"
            }
        }
    }

    /// What goes into the bytes (`filltype`, GStreamer's `GstFakeSrcFillType`).
    public enum FillType: Int, PropertyEnum {
        /// Leave the bytes as they are in the pre-allocated buffer.
        case nothing = 1
        /// Zeros.
        case zero = 2
        /// Random bytes.
        case random = 3
        /// 0x00, 0x01, … 0xff, 0x00, … restarting in every buffer.
        case pattern = 4
        /// Like `pattern`, continuing from one buffer to the next.
        case patternSpan = 5

        /// The nick written in launch strings, as GStreamer spells it.
        public var nick: String {
            switch self {
            case .nothing: "nothing"
            case .zero: "zero"
            case .random: "random"
            case .pattern: "pattern"
            case .patternSpan: "pattern-span"
            }
        }

        /// The description `--inspect` shows for this value.
        public var blurb: String {
            switch self {
            case .nothing: "Leave data as allocated"
            case .zero: "Fill buffers with zeros"
            case .random: "Fill buffers with random data"
            case .pattern: "Fill buffers with pattern 0x00 -> 0xff"
            case .patternSpan: "Fill buffers with pattern 0x00 -> 0xff that spans buffers"
            }
        }
    }

    /// The factory name, documentation and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "fakesrc", longName: "Fake Source", klass: "Source",
        description: "Pushes buffers of configurable size and contents, for testing",
        properties: [
            .int("num-buffers", \.numBuffers, range: -1...Int64(Int32.max),
                 "Number of buffers to output before sending EOS (-1 = unlimited)"),
            .enumeration("sizetype", \.sizeType, typeName: "GstFakeSrcSizeType", "How to determine buffer sizes"),
            .int("sizemin", \.sizeMin, range: 0...Int64(Int32.max), "Minimum buffer size"),
            .int("sizemax", \.sizeMax, range: 0...Int64(Int32.max), "Maximum buffer size"),
            .enumeration("filltype", \.fillType, typeName: "GstFakeSrcFillType", "How to fill the buffer, if at all"),
            .int("datarate", \.dataRate, range: 0...Int64(Int32.max),
                 "Timestamps buffers with number of bytes per second (0 = none)"),
            .bool("is-live", \.isLiveSource, "True if the element cannot produce data in PAUSED"),
            .bool("silent", \.silent, "Don't print a line for every buffer made"),
            .bool("dump", \.dump, "Dump buffer contents to stdout"),
        ])

    /// Buffers to send before EOS; -1 for no limit.
    public var numBuffers = -1
    /// How sizes are chosen.
    public var sizeType = SizeType.empty
    /// The smallest random size.
    public var sizeMin = 0
    /// The fixed size, and the bound for random sizes.
    public var sizeMax = 4096
    /// What the bytes hold.
    public var fillType = FillType.nothing
    /// Bytes per second for timestamps; 0 leaves buffers untimestamped.
    public var dataRate = 0
    /// Whether the source is live (the pipeline paces it by timestamps).
    public var isLiveSource = false
    /// When false, prints GStreamer's `last-message` line for every buffer to standard output.
    public var silent = true
    /// Whether to hex-dump every buffer to standard output.
    public var dump = false

    private var produced = 0
    private var bytesSent: UInt64 = 0
    private var patternByte: UInt8 = 0
    private var random = FastRandom()

    /// A source with GStreamer's defaults.
    public init() {}

    /// Whether the pipeline paces this source by its timestamps (`is-live`).
    public var isLive: Bool { isLiveSource }

    /// The largest buffer this source makes: `sizemax`.
    public func outputSize(for caps: Caps) -> Int? { sizeMax }

    /// Resets the stream state (READY → PAUSED).
    public mutating func start() throws(ElementError) {
        produced = 0
        bytesSent = 0
        patternByte = 0
    }

    /// Fills the pre-allocated output with the next buffer; `.eos` when the stream ends.
    public mutating func produce(_ ctx: inout ProcessContext<NoMedia, Output>) throws(ElementError) -> FlowStatus {
        if numBuffers >= 0, produced >= numBuffers { return .eos }
        let size = Swift.min(nextSize(), ctx.outputCapacity)
        ctx.outputLength = size
        let fill = fillType
        ctx.withUnsafeOutput { output in
            let bytes = UnsafeMutableRawBufferPointer(rebasing: output[0..<size])
            switch fill {
            case .nothing: break
            case .zero: bytes.initializeMemory(as: UInt8.self, repeating: 0)
            case .random: random.fill(bytes)
            case .pattern, .patternSpan:
                if fill == .pattern { patternByte = 0 }
                for i in 0..<size {
                    bytes[i] = patternByte
                    patternByte &+= 1
                }
            }
        }
        ctx.metadata.offset = bytesSent
        if dataRate > 0 {
            let time = ClockTime.scale(bytesSent, 1_000_000_000, UInt64(dataRate))
            ctx.metadata.pts = time
            ctx.metadata.dts = time
            ctx.metadata.duration = ClockTime.scale(UInt64(size), 1_000_000_000, UInt64(dataRate))
        }
        if dump { ctx.withUnsafeOutput { HexDump.write(UnsafeRawBufferPointer(rebasing: $0[0..<size])) } }
        if !silent {
            print(BufferMessage.create(element: Self.factoryName, pad: "src", length: size, metadata: ctx.metadata))
        }
        // What GStreamer's base source adds after `create`: DTS 0 on an untimestamped first buffer, discont.
        if bytesSent == 0, ctx.metadata.dts == nil, !isLiveSource { ctx.metadata.dts = .zero }
        if produced == 0 { ctx.metadata.flags.insert(.discont) }
        produced += 1
        bytesSent += UInt64(size)
        return .ok
    }

    /// The size of the next buffer, as `sizetype` says.
    private mutating func nextSize() -> Int {
        switch sizeType {
        case .empty: return 0
        case .fixed: return sizeMax
        case .random:
            guard sizeMax > sizeMin else { return sizeMin }
            return Int.random(in: sizeMin..<sizeMax, using: &random)
        }
    }
}
