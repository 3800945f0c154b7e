#if Network
import Glibc
import ParallaxCore

/// `tcpclientsink`: connects to `host`:`port` and writes every buffer to the connection — GStreamer's
/// tcpclientsink.
///
/// The connection is made when the element starts; a refused one is an error naming the address. A
/// connection the peer closes mid-stream is an error too (GStreamer's "Error while sending data").
/// ```
/// parallax-launch filesrc location=movie.ts ! tcpclientsink host=127.0.0.1 port=4953
/// ```
/// Thread: `start`/`stop` on the control thread, `render` on the sink's streaming thread, `unlock` from the
/// control thread.
public struct TCPClientSink: Sink, NetworkAccessing {
    /// Any bytes.
    public typealias Input = AnyMedia

    /// The factory name and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "tcpclientsink", longName: "TCP client sink", klass: "Sink/Network",
        description: "Send data as a client over the network via TCP",
        properties: [
            .string("host", \.host, "The host/IP to send the packets to"),
            .int("port", \.port, range: 0...65535, "The port to send the packets to"),
            .bool("sync", \.syncToClock, "Sync on the clock"),
        ])

    /// The host to connect to.
    public var host = "localhost"
    /// The port to connect to.
    public var port = 4953
    /// Whether buffers are sent at their running time.
    public var syncToClock = true

    private let wake = UDPWake()
    private var socket: Int32 = -1

    /// A sink with GStreamer's defaults.
    public init() {}

    /// Whether buffers wait for their running time (`sync`).
    public var sync: Bool { syncToClock }

    /// Connects.
    public mutating func start() throws(ElementError) {
        stop()
        socket = try TCPSocket.connect(host: host, port: port, element: "tcpclientsink")
        wake.reset()
    }

    /// Closes the connection.
    public mutating func stop() {
        if socket >= 0 { close(socket) }
        socket = -1
    }

    /// Wakes a `render` waiting for room in the socket.
    public func unlock() { wake.signal() }

    /// Writes the whole buffer.
    public mutating func render(_ ctx: inout ProcessContext<Input, NoMedia>) throws(ElementError) -> FlowStatus {
        guard socket >= 0 else { throw ElementError("tcpclientsink: not started") }
        let fd = socket, wake = self.wake
        let outcome = try ctx.withUnsafeInput { (bytes) throws(ElementError) in
            try TCPSocket.send(bytes, to: fd, wake: wake, element: "tcpclientsink")
        }
        switch outcome {
        case .sent: return .ok
        case .woken: return .eos
        case .peerGone: throw ElementError("tcpclientsink: \(host):\(port) closed the connection")
        }
    }
}
#endif  // Network
