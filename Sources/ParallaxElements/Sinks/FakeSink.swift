import ParallaxCore

/// `fakesink`: accepts any buffers and discards them — GStreamer's fake sink, the end of test pipelines.
///
/// With `num-buffers=N` it takes N buffers and answers the next one with EOS, as GStreamer does.
/// `dump=true` prints every buffer as hex to standard output; `silent=false` prints GStreamer's
/// `last-message` line for every buffer.
///
/// ```
/// parallax-launch videotestsrc num-buffers=100 ! fakesink sync=true
/// ```
/// Thread: `render` runs on the streaming thread of the sink's segment.
public struct FakeSink: Sink {
    /// Any media: the element accepts every format.
    public typealias Input = AnyMedia

    /// The factory name, documentation and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "fakesink", longName: "Fake Sink", klass: "Sink",
        description: "Discards every buffer it receives, for testing",
        properties: [
            .int("num-buffers", \.numBuffers, range: -1...Int64(Int32.max),
                 "Number of buffers to accept going EOS"),
            .bool("sync", \.syncToClock, "Sync on the clock"),
            .bool("silent", \.silent, "Don't print a line for every buffer received"),
            .bool("dump", \.dump, "Dump buffer contents to stdout"),
        ])

    /// Buffers to accept before answering with EOS; -1 for no limit.
    public var numBuffers = -1
    /// Whether buffers are rendered at their running time on the pipeline clock.
    public var syncToClock = false
    /// When false, prints GStreamer's `last-message` line for every buffer to standard output.
    public var silent = true
    /// Whether to hex-dump every buffer to standard output.
    public var dump = false

    /// Buffers rendered since `start()`.
    public private(set) var renderedCount = 0

    /// A sink with GStreamer's defaults.
    public init() {}

    /// Whether buffers are rendered at their running time (`sync`).
    public var sync: Bool { syncToClock }

    /// Resets the stream state (READY → PAUSED).
    public mutating func start() throws(ElementError) { renderedCount = 0 }

    /// Consumes one buffer.
    public mutating func render(_ ctx: inout ProcessContext<Input, NoMedia>) throws(ElementError) -> FlowStatus {
        if numBuffers >= 0, renderedCount >= numBuffers { return .eos }
        renderedCount += 1
        if !silent {
            print(BufferMessage.chain("chain", element: Self.factoryName, pad: "sink", length: ctx.inputLength,
                                      metadata: ctx.metadata))
        }
        if dump { ctx.withUnsafeInput { HexDump.write($0) } }
        return .ok
    }
}
