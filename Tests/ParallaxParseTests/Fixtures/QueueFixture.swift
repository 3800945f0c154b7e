import ParallaxCore

/// Test double for GStreamer's `queue`, with its `leaky` enumeration.
struct QueueFixture: Transform {
    typealias Input = AnyMedia
    typealias Output = AnyMedia

    enum Leaky: Int, PropertyEnum {
        case no = 0
        case upstream, downstream
        var nick: String {
            switch self {
            case .no: "no"
            case .upstream: "upstream"
            case .downstream: "downstream"
            }
        }
        var blurb: String {
            switch self {
            case .no: "Not Leaky"
            case .upstream: "Leaky on upstream (new buffers)"
            case .downstream: "Leaky on downstream (old buffers)"
            }
        }
    }

    static let descriptor = ElementDescriptor<Self>(
        factory: "queue", longName: "Queue", klass: "Generic", description: "Simple data queue",
        properties: [
            .bool("flush-on-eos", \.flushOnEOS, "Discard all data in the queue when an EOS event is received"),
            .enumeration("leaky", \.leaky, typeName: "GstQueueLeaky", "Where the queue leaks, if at all"),
            .uint(
                "max-size-buffers", \.maxSizeBuffers, range: 0...4_294_967_295,
                "Max. number of buffers in the queue (0=disable)"),
            .uint(
                "max-size-bytes", \.maxSizeBytes, range: 0...4_294_967_295,
                "Max. amount of data in the queue (bytes, 0=disable)"),
            .uint(
                "max-size-time", \.maxSizeTime, range: 0...UInt64.max,
                "Max. amount of data in the queue (in ns, 0=disable)"),
            .uint(
                "min-threshold-buffers", \.minThresholdBuffers, range: 0...4_294_967_295,
                "Min. number of buffers in the queue to allow reading (0=disable)"),
            .uint(
                "min-threshold-bytes", \.minThresholdBytes, range: 0...4_294_967_295,
                "Min. amount of data in the queue to allow reading (bytes, 0=disable)"),
            .uint(
                "min-threshold-time", \.minThresholdTime, range: 0...UInt64.max,
                "Min. amount of data in the queue to allow reading (in ns, 0=disable)"),
            .bool("silent", \.silent, "Don't emit queue signals"),
        ])

    var flushOnEOS = false
    var leaky = Leaky.no
    var maxSizeBuffers: UInt64 = 200
    var maxSizeBytes: UInt64 = 10_485_760
    var maxSizeTime: UInt64 = 1_000_000_000
    var minThresholdBuffers: UInt64 = 0
    var minThresholdBytes: UInt64 = 0
    var minThresholdTime: UInt64 = 0
    var silent = false

    mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus { .ok }
}
