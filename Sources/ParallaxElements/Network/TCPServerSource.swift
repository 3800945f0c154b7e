#if Network
import Glibc
import ParallaxCore

/// `tcpserversrc`: listens on `host`:`port`, accepts one client and hands on what it sends, at most
/// `blocksize` bytes per buffer, until it closes the connection (end of stream) — GStreamer's
/// tcpserversrc.
///
/// The socket listens from `start()`, so a client may connect as soon as the pipeline is PAUSED; the
/// first `produce` waits for it. `port=0` binds any free port, reported by `current-port` (and
/// `currentPort`). A port already in use is an error naming the address.
/// ```
/// parallax-launch tcpserversrc host=127.0.0.1 port=4953 ! filesink location=received.bin
/// ```
/// Thread: `start`/`stop` on the control thread, `produce` on its streaming thread, `unlock` from the
/// control thread.
public struct TCPServerSource: Source, NetworkAccessing {
    /// What `caps` says (ANY by default).
    public typealias Output = AnyMedia

    /// The factory name and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "tcpserversrc", longName: "TCP server source", klass: "Source/Network",
        description: "Receive data as a server over the network via TCP",
        properties: [
            .string("host", \.host, "The hostname to listen as"),
            .int("port", \.port, range: 0...65535, "The port to listen to (0=random available port)"),
            Property(
                "current-port", type: .int(0...65535),
                "The port number the socket is currently bound to (read-only: a value set is ignored)",
                get: { .int(Int64($0.currentPort)) }, set: { _, _ in }),
            .uint(
                "blocksize", \.blocksize, range: 0...UInt64(UInt32.max),
                "Size in bytes to read per buffer (0 = default)"),
            .int(
                "num-buffers", \.numBuffers, range: -1...Int64(Int32.max),
                "Number of buffers to output before sending EOS (-1 = unlimited)"),
            .caps("caps", \.caps, "The caps of the source pad"),
        ])

    /// The address to listen on.
    public var host = "localhost"
    /// The port to listen on; 0 picks a free one.
    public var port = 4953
    /// Bytes read per buffer, at most (0: 4096).
    public var blocksize: UInt64 = 4096
    /// Buffers to send before end-of-stream; -1 for no limit.
    public var numBuffers = -1
    /// The output caps.
    public var caps = Caps.any

    private let bound = TCPBoundPort()
    private let wake = UDPWake()
    private var listener: Int32 = -1
    private var client: Int32 = -1
    private var produced = 0

    /// A source with GStreamer's defaults.
    public init() {}

    /// The port the element listens on once started (GStreamer's `current-port`); 0 before.
    public var currentPort: Int { bound.value }

    /// One read's worth.
    public func outputSize(for caps: Caps) -> Int? { blocksize == 0 ? 4096 : Int(clamping: blocksize) }

    /// The `caps` property, or what downstream asks for.
    public func fixate(_ offered: Caps, on direction: PadDirection) -> Caps {
        caps.isAny ? offered.fixated() : caps.intersection(offered).fixated()
    }

    /// Starts listening.
    public mutating func start() throws(ElementError) {
        stop()
        let (fd, actual) = try TCPSocket.listen(host: host, port: port, element: "tcpserversrc")
        listener = fd
        bound.value = actual
        produced = 0
        wake.reset()
    }

    /// Closes the client's connection and the listening socket.
    public mutating func stop() {
        if client >= 0 { close(client) }
        if listener >= 0 { close(listener) }
        client = -1
        listener = -1
        bound.value = 0
    }

    /// Wakes a `produce` waiting for a client or for data; it then ends the stream.
    public func unlock() { wake.signal() }

    /// Waits for the client (the first time), then for data, and hands on what arrived.
    public mutating func produce(_ ctx: inout ProcessContext<NoMedia, Output>) throws(ElementError) -> FlowStatus {
        if numBuffers >= 0, produced >= numBuffers { return .eos }
        if client < 0 {
            guard listener >= 0 else { throw ElementError("tcpserversrc: not started") }
            guard try TCPSocket.wait(listener, for: Int32(POLLIN), wake: wake, element: "tcpserversrc") else {
                return .eos
            }
            guard let accepted = TCPSocket.acceptPending(listener) else {
                throw ElementError("tcpserversrc: could not accept a client: \(SystemError.message(errno))")
            }
            client = accepted
        }
        let fd = client, wake = self.wake
        let received = try ctx.withUnsafeOutput { (output) throws(ElementError) in
            try TCPSocket.receive(fd, into: output, wake: wake, element: "tcpserversrc")
        }
        guard let received, received > 0 else { return .eos }
        ctx.outputLength = received
        if produced == 0 { ctx.metadata.flags.insert(.discont) }
        produced += 1
        return .ok
    }
}
#endif  // Network
