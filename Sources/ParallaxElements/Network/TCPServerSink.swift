#if Network
import Glibc
import ParallaxCore

/// `tcpserversink`: listens on `host`:`port` and sends every buffer to every connected client —
/// GStreamer's tcpserversink (with its default `sync-method=latest`: a client gets the stream from the
/// first buffer after it connected).
///
/// Clients are accepted before each buffer is sent. A client that closes or resets its connection is
/// dropped, and the stream goes on for the others; with no client the buffer is simply not sent. `port=0`
/// binds any free port, which `current-port` (and `currentPort`) then reports. A port already in use is an
/// error naming the address. Writes to a slow client wait for room (they are not queued).
/// ```
/// parallax-launch videotestsrc ! video/x-raw,format=I420 ! tcpserversink host=127.0.0.1 port=4953
/// gst-launch-1.0 tcpclientsrc host=127.0.0.1 port=4953 ! rawvideoparse ... ! autovideosink
/// ```
/// Thread: `start`/`stop` on the control thread, `render` on the sink's streaming thread, `unlock` from the
/// control thread.
public struct TCPServerSink: Sink, NetworkAccessing {
    /// Any bytes.
    public typealias Input = AnyMedia

    /// The factory name and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "tcpserversink", longName: "TCP server sink", klass: "Sink/Network",
        description: "Send data as a server over the network via TCP",
        properties: [
            .string("host", \.host, "The host/IP to listen on"),
            .int("port", \.port, range: 0...65535, "The port to listen to (0=random available port)"),
            Property(
                "current-port", type: .int(0...65535),
                "The port number the socket is currently bound to (read-only: a value set is ignored)",
                get: { .int(Int64($0.currentPort)) }, set: { _, _ in }),
            .bool("sync", \.syncToClock, "Sync on the clock"),
        ])

    /// The address to listen on.
    public var host = "localhost"
    /// The port to listen on; 0 picks a free one.
    public var port = 4953
    /// Whether buffers are sent at their running time.
    public var syncToClock = true

    private let bound = TCPBoundPort()
    private let wake = UDPWake()
    private var listener: Int32 = -1
    private var clients: [Int32] = []

    /// A sink with GStreamer's defaults.
    public init() {}

    /// The port the element listens on once started (GStreamer's `current-port`); 0 before.
    public var currentPort: Int { bound.value }

    /// Clients connected now (accepted and not dropped): GStreamer's `num-handles`.
    public var connectedClients: Int { clients.count }

    /// Whether buffers wait for their running time (`sync`).
    public var sync: Bool { syncToClock }

    /// Starts listening.
    public mutating func start() throws(ElementError) {
        stop()
        let (fd, actual) = try TCPSocket.listen(host: host, port: port, element: "tcpserversink")
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        listener = fd
        bound.value = actual
        wake.reset()
    }

    /// Closes every client and the listening socket.
    public mutating func stop() {
        for client in clients { close(client) }
        clients = []
        if listener >= 0 { close(listener) }
        listener = -1
        bound.value = 0
    }

    /// Wakes a `render` waiting for room in a client's socket.
    public func unlock() { wake.signal() }

    /// Accepts waiting clients, then sends the buffer to each.
    public mutating func render(_ ctx: inout ProcessContext<Input, NoMedia>) throws(ElementError) -> FlowStatus {
        guard listener >= 0 else { throw ElementError("tcpserversink: not started") }
        while let client = TCPSocket.acceptPending(listener) { clients.append(client) }
        var kept: [Int32] = []
        let wake = self.wake
        for (index, client) in clients.enumerated() {
            let outcome = try ctx.withUnsafeInput { (bytes) throws(ElementError) in
                try TCPSocket.send(bytes, to: client, wake: wake, element: "tcpserversink")
            }
            switch outcome {
            case .sent: kept.append(client)
            case .peerGone: close(client)
            case .woken:
                clients = kept + clients[index...]
                return .eos
            }
        }
        clients = kept
        return .ok
    }
}
#endif  // Network
