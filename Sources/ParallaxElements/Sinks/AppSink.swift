import ParallaxCore

/// `appsink`: hands the pipeline's buffers to application code — GStreamer's app sink, as a Swift
/// `AsyncSequence`.
///
/// ```swift
/// var sink = AppSink()
/// sink.maxBuffers = 4                 // back-pressure: the pipeline waits for the reader
/// let buffers = sink.buffers
/// // … build and run a pipeline with `sink` …
/// for await buffer in buffers { consume(buffer) }
/// ```
/// `render` keeps the pipeline's buffer (a reference, no copy of the bytes) and hands it to a waiting reader
/// or queues it. With `max-buffers=N` (0 = no limit) and `drop=false`, the streaming thread waits until a
/// reader takes a buffer; with `drop=true` the oldest queued buffer is discarded instead. End-of-stream ends
/// the sequence after the queued buffers; so does stopping the pipeline, which also wakes a waiting
/// streaming thread. `sync=true` (the default, as in GStreamer) renders buffers at their running time.
/// `caps` restricts what the sink accepts: other negotiated caps fail in `setCaps`.
///
/// Copies of the element share one channel (made in `init()`), so `buffers` of any copy reads what the
/// pipeline's copy receives.
/// Thread: `render` on the sink's streaming thread; `buffers` from any task.
public struct AppSink: Sink {
    /// Any media: the element accepts every format.
    public typealias Input = AnyMedia

    /// The factory name, documentation and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "appsink", longName: "AppSink", klass: "Generic/Sink",
        description: "Hands every buffer to the application as an asynchronous sequence",
        properties: [
            .caps("caps", \.caps, "The allowed caps for the sink pad"),
            .bool("sync", \.syncToClock, "Sync on the clock"),
            .uint("max-buffers", \.maxBuffers, range: 0...UInt64(UInt32.max),
                  "The maximum number of buffers to queue internally (0 = unlimited)"),
            .bool("drop", \.drop, "Drop old buffers when the buffer queue is filled"),
        ])

    /// The formats accepted; ANY accepts everything.
    public var caps = Caps.any
    /// Whether buffers are rendered at their running time on the pipeline clock.
    public var syncToClock = true
    /// The most buffers queued for readers (0 = no limit).
    public var maxBuffers: UInt64 = 0
    /// Whether a full queue drops its oldest buffer instead of holding back the pipeline.
    public var drop = false

    private let channel = AppSinkChannel()

    /// A sink with GStreamer's defaults.
    public init() {}

    /// The buffers this sink receives, ending at end-of-stream.
    public var buffers: AppSinkBuffers { AppSinkBuffers(channel: channel) }

    /// Buffers received and not yet read.
    public var queuedBuffers: Int { channel.queuedBuffers }

    /// Whether buffers are rendered at their running time (`sync`).
    public var sync: Bool { syncToClock }

    /// Takes the negotiated caps before the first buffer.
    public mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        guard let input else { return }
        if !caps.isAny, !input.isSubset(of: caps) {
            throw ElementError("appsink cannot accept this format.", debug: "caps \(input) are not within \(caps)")
        }
        channel.caps = input
    }

    /// The caps negotiated for the sink's pad, shared by every copy of the element; nil until the pipeline
    /// has negotiated. Typed readers (`videoFrames`, `audioFrames(_:)`) use it to lay out each buffer.
    public var negotiatedCaps: Caps? { channel.caps }

    /// Resets the stream state (READY → PAUSED).
    public mutating func start() throws(ElementError) { channel.start() }

    /// Releases resources (PAUSED → READY).
    public mutating func stop() { channel.close() }

    /// Wakes the streaming thread if it waits for a reader; `render` then ends the stream.
    public func unlock() { channel.unlock() }

    /// Consumes one buffer.
    public mutating func render(_ ctx: inout ProcessContext<Input, NoMedia>) throws(ElementError) -> FlowStatus {
        let buffer = ctx.inputBuffer ?? ctx.withUnsafeInput { bytes in
            var copy = Buffer(capacity: bytes.count)
            copy.withUnsafeMutableBytes { $0.copyMemory(from: bytes) }
            return copy
        }
        var delivered = buffer
        delivered.metadata = ctx.metadata
        return channel.deliver(delivered, maxBuffers: maxBuffers, drop: drop) ? .ok : .eos
    }

    /// End-of-stream: readers get the queued buffers, then the sequence ends.
    public mutating func finish() throws(ElementError) { channel.end() }
}
