import ParallaxCore

/// `appsrc`: feeds buffers from application code into a pipeline — GStreamer's app source, bridged to
/// Swift concurrency.
///
/// The element holds a reference to an `AppSourceFeed` made in `init()`; copies of the element share it,
/// so the application pushes into the same feed the pipeline reads from:
/// ```swift
/// var source = AppSource()
/// source.caps = try Caps(parsing: "video/x-raw,format=I420,width=320,height=240,framerate=30/1")
/// let feed = source.feed
/// // … build and run a pipeline with `source` …
/// await feed.push(frame)
/// feed.endOfStream()
/// ```
/// The streaming thread waits in `produce` until a buffer or end-of-stream arrives, then copies the
/// buffer's bytes and metadata (timestamps, offsets, flags) into the pipeline's pre-allocated output. A
/// pushed buffer larger than that output (`maxBufferSize`, or one frame of raw video caps if larger) is an
/// error. `caps` fixes the format: negotiation picks from what downstream accepts within `caps`.
/// `feed.changeCaps(to:)` changes it mid-stream, in order with the pushed buffers: the pipeline renegotiates
/// before the first buffer pushed after it.
///
/// The queue limits (`max-buffers`, `max-bytes`, `block`, `leaky-type`) live in the shared feed, so setting
/// them on any copy applies to all copies. `unlock()` wakes a streaming thread waiting for data (the
/// pipeline calls it when stopping); `stop()` drops queued buffers and refuses further pushes until the
/// next `start()`. Buffers pushed before the pipeline starts are kept.
///
/// Thread: `produce` on the source's streaming thread; the feed from any thread or task.
public struct AppSource: Source {
    /// Any media: the element passes on or produces every format.
    public typealias Output = AnyMedia

    /// The factory name, documentation and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "appsrc", longName: "AppSrc", klass: "Generic/Source",
        description: "Feeds buffers pushed by the application into the pipeline",
        properties: [
            .caps("caps", \.caps, "The allowed caps for the src pad"),
            .bool("is-live", \.isLiveSource, "Whether to act as a live source"),
            .uint("max-buffers", \.maxBuffers, range: 0...UInt64.max,
                  "The maximum number of buffers to queue internally (0 = unlimited)"),
            .uint("max-bytes", \.maxBytes, range: 0...UInt64.max,
                  "The maximum number of bytes to queue internally (0 = unlimited)"),
            .bool("block", \.block, "Block push-buffer when max-bytes are queued"),
            .enumeration("leaky-type", \.leakyType, typeName: "GstAppLeakyType",
                         "Whether to drop buffers once the internal queue is full"),
            .int("num-buffers", \.numBuffers, range: -1...Int64(Int32.max),
                 "Number of buffers to output before sending EOS (-1 = unlimited)"),
        ])

    /// Where the application pushes buffers; shared by every copy of this element.
    public let feed = AppSourceFeed()
    /// The format of the pushed buffers; ANY leaves it to downstream.
    public var caps = Caps.any
    /// Whether the source is live (the pipeline paces it by the pushed buffers' timestamps).
    public var isLiveSource = false
    /// Buffers to send before EOS; -1 for no limit.
    public var numBuffers = -1
    /// The largest buffer the pipeline pre-allocates for, in bytes (not a GStreamer property).
    public var maxBufferSize = 1 << 20

    private var produced = 0

    /// A source with GStreamer's defaults and a fresh feed.
    public init() {}

    /// The most buffers queued (0 = no limit); stored in the shared feed.
    public var maxBuffers: UInt64 {
        get { feed.limits.maxBuffers }
        nonmutating set { feed.limits.maxBuffers = newValue }
    }

    /// The most bytes queued (0 = no limit); stored in the shared feed.
    public var maxBytes: UInt64 {
        get { feed.limits.maxBytes }
        nonmutating set { feed.limits.maxBytes = newValue }
    }

    /// Whether pushes wait while the queue is full; stored in the shared feed.
    public var block: Bool {
        get { feed.limits.block }
        nonmutating set { feed.limits.block = newValue }
    }

    /// What a full queue drops; stored in the shared feed.
    public var leakyType: AppSourceFeed.Leaky {
        get { feed.limits.leaky }
        nonmutating set { feed.limits.leaky = newValue }
    }

    /// Whether the pipeline paces this source by its timestamps (`is-live`).
    public var isLive: Bool { isLiveSource }

    /// What downstream accepts narrowed to `caps`, then fixed.
    public func fixate(_ caps: Caps, on direction: PadDirection) -> Caps {
        caps.intersection(self.caps).fixated()
    }

    /// `maxBufferSize`, or one frame of raw video if that is larger.
    public func outputSize(for caps: Caps) -> Int? {
        Swift.max(maxBufferSize, VideoInfo(caps: caps)?.size ?? 0)
    }

    /// Resets the stream state (READY → PAUSED).
    public mutating func start() throws(ElementError) {
        produced = 0
        feed.start()
    }

    /// Releases resources (PAUSED → READY).
    public mutating func stop() { feed.stop() }

    /// Wakes the streaming thread if it is waiting for data; `produce` then ends the stream.
    public func unlock() { feed.unlock() }

    /// Fills the pre-allocated output with the next buffer; `.eos` when the stream ends.
    public mutating func produce(_ ctx: inout ProcessContext<NoMedia, Output>) throws(ElementError) -> FlowStatus {
        if numBuffers >= 0, produced >= numBuffers { return .eos }
        let buffer: Buffer
        switch feed.next() {
        case .buffer(let next):
            buffer = next
        case .caps(let caps):
            self.caps = caps
            ctx.changeCaps(to: caps)
            return .dropped
        case .endOfStream, .stopped:
            return .eos
        }
        guard buffer.length <= ctx.outputCapacity else {
            throw ElementError(
                "appsrc received a buffer of \(buffer.length) bytes, "
                    + "larger than its maximum of \(ctx.outputCapacity) bytes.",
                debug: "raise AppSource.maxBufferSize")
        }
        ctx.withUnsafeOutput { output in
            buffer.withUnsafeBytes { bytes in
                if let to = output.baseAddress, let from = bytes.baseAddress {
                    to.copyMemory(from: from, byteCount: bytes.count)
                }
            }
        }
        ctx.outputLength = buffer.length
        let sequence = ctx.metadata.sequence
        ctx.metadata = buffer.metadata
        ctx.metadata.sequence = sequence
        if produced == 0 { ctx.metadata.flags.insert(.discont) }
        produced += 1
        return .ok
    }
}
