#if Network
import Glibc
import ParallaxCore

/// `tcpclientsrc`: connects to `host`:`port` and hands on what arrives, at most `blocksize` bytes per
/// buffer, until the server closes the connection (end of stream) — GStreamer's tcpclientsrc.
///
/// The connection is made when the element starts; a refused one is an error naming the address
/// (`tcpclientsrc: could not connect to 127.0.0.1:4953: Connection refused`). Buffer boundaries are those
/// of the reads, not of the sender's buffers. Buffers carry no timestamps; as in GStreamer, the source is
/// not live.
/// ```
/// parallax-launch tcpclientsrc host=127.0.0.1 port=4953 ! filesink location=received.bin
/// ```
/// Thread: `start`/`stop` on the control thread, `produce` on its streaming thread, `unlock` from the
/// control thread.
public struct TCPClientSource: Source, NetworkAccessing {
    /// What `caps` says (ANY by default).
    public typealias Output = AnyMedia

    /// The factory name and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "tcpclientsrc", longName: "TCP client source", klass: "Source/Network",
        description: "Receive data as a client over the network via TCP",
        properties: [
            .string("host", \.host, "The host IP address to receive packets from"),
            .int("port", \.port, range: 0...65535, "The port to receive packets from"),
            .uint(
                "blocksize", \.blocksize, range: 0...UInt64(UInt32.max),
                "Size in bytes to read per buffer (0 = default)"),
            .int(
                "num-buffers", \.numBuffers, range: -1...Int64(Int32.max),
                "Number of buffers to output before sending EOS (-1 = unlimited)"),
            .caps("caps", \.caps, "The caps of the source pad"),
        ])

    /// The server's host.
    public var host = "localhost"
    /// The server's port.
    public var port = 4953
    /// Bytes read per buffer, at most (0: 4096).
    public var blocksize: UInt64 = 4096
    /// Buffers to send before end-of-stream; -1 for no limit.
    public var numBuffers = -1
    /// The output caps.
    public var caps = Caps.any

    private let wake = UDPWake()
    private var socket: Int32 = -1
    private var produced = 0

    /// A source with GStreamer's defaults.
    public init() {}

    /// One read's worth.
    public func outputSize(for caps: Caps) -> Int? { blocksize == 0 ? 4096 : Int(clamping: blocksize) }

    /// The `caps` property, or what downstream asks for.
    public func fixate(_ offered: Caps, on direction: PadDirection) -> Caps {
        caps.isAny ? offered.fixated() : caps.intersection(offered).fixated()
    }

    /// Connects.
    public mutating func start() throws(ElementError) {
        stop()
        socket = try TCPSocket.connect(host: host, port: port, element: "tcpclientsrc")
        produced = 0
        wake.reset()
    }

    /// Closes the connection.
    public mutating func stop() {
        if socket >= 0 { close(socket) }
        socket = -1
    }

    /// Wakes a `produce` waiting for data; it then ends the stream.
    public func unlock() { wake.signal() }

    /// Waits for data and hands on what arrived.
    public mutating func produce(_ ctx: inout ProcessContext<NoMedia, Output>) throws(ElementError) -> FlowStatus {
        if numBuffers >= 0, produced >= numBuffers { return .eos }
        guard socket >= 0 else { throw ElementError("tcpclientsrc: not started") }
        let fd = socket, wake = self.wake
        let received = try ctx.withUnsafeOutput { (output) throws(ElementError) in
            try TCPSocket.receive(fd, into: output, wake: wake, element: "tcpclientsrc")
        }
        guard let received, received > 0 else { return .eos }
        ctx.outputLength = received
        if produced == 0 { ctx.metadata.flags.insert(.discont) }
        produced += 1
        return .ok
    }
}
#endif  // Network
