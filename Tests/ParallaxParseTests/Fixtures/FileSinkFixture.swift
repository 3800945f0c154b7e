import ParallaxCore

/// Test double for GStreamer's `filesink`, with `location` (null by default) and the `buffer-mode`
/// enumeration whose default has the value -1.
struct FileSinkFixture: Sink {
    typealias Input = ByteStream

    enum BufferMode: Int, PropertyEnum {
        case defaultMode = -1
        case full, line, unbuffered
        var nick: String {
            switch self {
            case .defaultMode: "default"
            case .full: "full"
            case .line: "line"
            case .unbuffered: "unbuffered"
            }
        }
        var blurb: String { nick }
    }

    static let descriptor = ElementDescriptor<Self>(
        factory: "filesink", longName: "File Sink", klass: "Sink/File", description: "Write stream to a file",
        properties: [
            .bool("append", \.append, "Append to an already existing file"),
            .bool("async", \.async, "Go asynchronously to PAUSED"),
            .uint("blocksize", \.blocksize, range: 0...4_294_967_295, "Size in bytes to pull per buffer (0 = default)"),
            .enumeration("buffer-mode", \.bufferMode, typeName: "GstFileSinkBufferMode", "The buffering mode to use"),
            .uint(
                "buffer-size", \.bufferSize, range: 0...4_294_967_295,
                "Size of buffer in number of bytes for line or full buffer-mode"),
            .bool("enable-last-sample", \.enableLastSample, "Enable the last-sample property"),
            .string("location", \.location, "Location of the file to write"),
            .uint(
                "max-bitrate", \.maxBitrate, range: 0...UInt64.max,
                "The maximum bits per second to render (0 = disabled)"),
            .int(
                "max-lateness", \.maxLateness, range: -1...Int64.max,
                "Maximum number of nanoseconds that a buffer can be late before it is dropped (-1 unlimited)"),
            .int(
                "max-transient-error-timeout", \.maxTransientErrorTimeout, range: 0...2_147_483_647,
                "Retry up to this many ms on transient errors (currently EACCES)"),
            .bool("o-sync", \.oSync, "Open the file with O_SYNC for enabling synchronous IO"),
            .uint(
                "processing-deadline", \.processingDeadline, range: 0...UInt64.max,
                "Maximum processing time for a buffer in nanoseconds"),
            .bool("qos", \.qos, "Generate Quality-of-Service events upstream"),
            .uint(
                "render-delay", \.renderDelay, range: 0...UInt64.max,
                "Additional render delay of the sink in nanoseconds"),
            .bool("sync", \.sync, "Sync on the clock"),
            .uint(
                "throttle-time", \.throttleTime, range: 0...UInt64.max,
                "The time to keep between rendered buffers (0 = disabled)"),
            .int("ts-offset", \.tsOffset, range: Int64.min...Int64.max, "Timestamp offset in nanoseconds"),
        ])

    var append = false
    var async = true
    var blocksize: UInt64 = 4096
    var bufferMode = BufferMode.defaultMode
    var bufferSize: UInt64 = 65536
    var enableLastSample = true
    var location: String?
    var maxBitrate: UInt64 = 0
    var maxLateness = -1
    var maxTransientErrorTimeout = 0
    var oSync = false
    var processingDeadline: UInt64 = 20_000_000
    var qos = false
    var renderDelay: UInt64 = 0
    var sync = false
    var throttleTime: UInt64 = 0
    var tsOffset = 0

    mutating func render(_ ctx: inout ProcessContext<Input, NoMedia>) throws(ElementError) -> FlowStatus { .ok }
}
