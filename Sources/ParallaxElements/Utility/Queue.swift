import ParallaxCore

/// `queue`: a thread boundary with a bounded buffer — GStreamer's queue.
///
/// The element itself only carries the limits; the executor starts a new streaming thread after it and
/// connects the two through a bounded single-producer/single-consumer ring built from `max-size-buffers`,
/// `max-size-bytes`, `max-size-time` (each 0 = no limit; the queue is full when any limit is reached) and
/// `leaky` (what happens when it is full: block the producer, drop the new buffer, or drop the oldest).
///
/// ```
/// parallax-launch videotestsrc ! queue max-size-buffers=4 leaky=downstream ! fakesink
/// ```
/// Thread: never processes data itself (`isPassthrough`); the executor reads the limits on the control thread.
public struct Queue: Transform, QueueBoundary {
    /// Any media: the element accepts every format.
    public typealias Input = AnyMedia
    /// Any media: the element passes on or produces every format.
    public typealias Output = AnyMedia

    /// Where a full queue drops data (`leaky`, GStreamer's `GstQueueLeaky`).
    public enum Leaky: Int, PropertyEnum {
        /// Not leaky: the producer waits for room.
        case no = 0
        /// Drop new buffers.
        case upstream = 1
        /// Drop the oldest buffers.
        case downstream = 2

        /// The nick written in launch strings, as GStreamer spells it.
        public var nick: String {
            switch self {
            case .no: "no"
            case .upstream: "upstream"
            case .downstream: "downstream"
            }
        }

        /// The description `--inspect` shows for this value.
        public var blurb: String {
            switch self {
            case .no: "Not Leaky"
            case .upstream: "Leaky on upstream (new buffers)"
            case .downstream: "Leaky on downstream (old buffers)"
            }
        }
    }

    /// The factory name, documentation and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "queue", longName: "Queue", klass: "Generic",
        description: "Starts a new streaming thread after a bounded buffer of data",
        properties: [
            .uint("max-size-buffers", \.maxBuffers, range: 0...UInt64(UInt32.max),
                  "Max. number of buffers in the queue (0=disable)"),
            .uint("max-size-bytes", \.maxBytes, range: 0...UInt64(UInt32.max),
                  "Max. amount of data in the queue (bytes, 0=disable)"),
            .uint("max-size-time", \.maxTime, range: 0...UInt64.max,
                  "Max. amount of data in the queue (in ns, 0=disable)"),
            .enumeration("leaky", \.leaky, typeName: "GstQueueLeaky", "Where the queue leaks, if at all"),
        ])

    /// The most buffers held (0 = no limit).
    public var maxBuffers: UInt64 = 200
    /// The most bytes held (0 = no limit).
    public var maxBytes: UInt64 = 10_485_760
    /// The most time held in nanoseconds (0 = no limit).
    public var maxTime: UInt64 = 1_000_000_000
    /// What a full queue does.
    public var leaky = Leaky.no

    /// A queue with GStreamer's defaults.
    public init() {}

    /// Always true: buffers go on unchanged, without an output area.
    public var isPassthrough: Bool { true }

    /// `max-size-buffers` for the executor's queue.
    public var maxSizeBuffers: Int { Int(maxBuffers) }
    /// `max-size-bytes` for the executor's queue.
    public var maxSizeBytes: Int { Int(maxBytes) }
    /// `max-size-time` for the executor's queue.
    public var maxSizeTime: UInt64 { maxTime }
    /// `leaky` for the executor's queue.
    public var leakPolicy: QueueLeak {
        switch leaky {
        case .no: .no
        case .upstream: .upstream
        case .downstream: .downstream
        }
    }

    /// Passes the buffer on; the queueing happens in the executor.
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        .ok
    }
}
