import ParallaxCore

/// `ipc_src`: receives the stream an `ipc_sink` serves in another process, without copying: each buffer
/// is a read-only view of the sink's slot, handed back when downstream drops it.
///
/// It connects while the pipeline negotiates (waiting until a sink serves `path`, or `timeout`
/// milliseconds), and takes the sink's caps as its own; `caps` overrides them. When the sink goes away it
/// waits for a new one and marks the next buffer discont; the sink's end-of-stream ends its stream.
/// ```
/// parallax-launch ipc_src path=/tmp/video.sock ! videoconvert ! filesink location=out.yuv
/// ```
/// Thread: `produce` on its streaming thread.
public struct IPCSource: Source {
    /// Whatever the sink sends.
    public typealias Output = AnyMedia

    /// The factory name and properties.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "ipc_src", longName: "IPC source", klass: "Source",
        description: "Receives buffers from an ipc_sink in another process through a Unix socket and shared memory, without copying",
        properties: [
            .string("path", \.path, "The Unix socket path to connect to"),
            .uint("timeout", \.timeout, range: 0...UInt64(UInt32.max),
                  "Milliseconds to wait for a sink to serve the path (0 = no limit)"),
            .caps("caps", \.caps, "The caps of the stream (default: what the sink sends)"),
        ])

    /// The socket path.
    public var path = ""
    /// Milliseconds to wait for a sink (0: no limit).
    public var timeout: UInt64 = 0
    /// Caps to use instead of the sink's (ANY: take the sink's).
    public var caps = Caps.any
    private let client = IPCSourceClient()

    /// An unconfigured source.
    public init() {}

    /// The sink's caps (connecting to learn them), or `caps` when set.
    public func fixate(_ offered: Caps, on direction: PadDirection) -> Caps {
        if !caps.isAny { return caps.intersection(offered).fixated() }
        guard !path.isEmpty, let received = try? client.caps(path: path, timeout: timeout) else {
            return offered.fixated()
        }
        let both = received.intersection(offered)
        return both.isEmpty ? received : both.fixated()
    }

    /// Checks the path.
    public mutating func start() throws(ElementError) {
        guard !path.isEmpty else { throw ElementError("ipc_src: no path set (path=/some/socket)") }
        client.reset()
    }

    /// Disconnects.
    public mutating func stop() { client.disconnect() }

    /// Wakes a stream waiting for the sink.
    public func unlock() { client.unlock() }

    /// Hands on the next buffer the sink lends.
    public mutating func produce(_ ctx: inout ProcessContext<NoMedia, Output>) throws(ElementError) -> FlowStatus {
        switch try client.next(path: path, timeout: timeout) {
        case .buffer(let buffer):
            ctx.replaceOutput(with: buffer)
            return .ok
        case .endOfStream, .stopped:
            return .eos
        }
    }
}
