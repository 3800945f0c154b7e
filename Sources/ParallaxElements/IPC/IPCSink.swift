import ParallaxCore

/// `ipc_sink`: hands its stream to an `ipc_src` in another process on the same machine, with no copy.
///
/// Each buffer's bytes stay in the arena they were made in; the peer gets the arena's descriptor once
/// (re-opened read-only, so it can never write into them) and then one ring entry per buffer, and hands
/// the slot back when it is done. Caps travel with the stream. A stale socket file left by a crashed sink
/// is replaced; a second `ipc_sink` on a path that is being served fails naming it.
/// ```
/// parallax-launch videotestsrc ! video/x-raw,width=1920,height=1080 ! ipc_sink path=/tmp/video.sock
/// parallax-launch ipc_src path=/tmp/video.sock ! fakesink
/// ```
/// Thread: `render` on the streaming thread of its segment.
public struct IPCSink: Sink {
    /// Any media.
    public typealias Input = AnyMedia

    /// The factory name and properties.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "ipc_sink", longName: "IPC sink", klass: "Sink",
        description: "Hands buffers to an ipc_src in another process through a Unix socket and shared memory, without copying",
        properties: [
            .string("path", \.path, "The Unix socket path to serve"),
            .bool("wait-for-connection", \.waitForConnection, "Block the stream until an ipc_src connects"),
        ])

    /// The socket path.
    public var path = ""
    /// Whether to wait for a peer (true) or drop buffers while none is connected (false).
    public var waitForConnection = true
    private var caps = Caps.any
    private var server: IPCSinkServer?

    /// An unconfigured sink.
    public init() {}

    /// Remembers the caps to send to peers.
    public mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        caps = input ?? .any
    }

    /// Starts serving the socket.
    public mutating func start() throws(ElementError) {
        guard !path.isEmpty else { throw ElementError("ipc_sink: no path set (path=/some/socket)") }
        server = try IPCSinkServer(path: path)
    }

    /// Stops serving and removes the socket file.
    public mutating func stop() {
        server?.stop()
        server = nil
    }

    /// Wakes a stream waiting for a peer or for ring room.
    public func unlock() { server?.unlock() }

    /// Lends one buffer to the peer.
    public mutating func render(_ ctx: inout ProcessContext<Input, NoMedia>) throws(ElementError) -> FlowStatus {
        guard let server, let buffer = ctx.inputBuffer else { return .ok }
        return try server.send(buffer, waitForConnection: waitForConnection, caps: caps) ? .ok : .eos
    }

    /// Tells the peer the stream ended.
    public mutating func finish() throws(ElementError) { server?.finish() }
}
