#if Network
import Glibc
import ParallaxCore

/// `udpsink`: sends each buffer as one UDP datagram to `host`:`port` — GStreamer's udpsink, for unicast
/// and multicast (IPv4 and IPv6).
///
/// A multicast destination gets `ttl-mc` and `loop`; a unicast one `ttl`. `bind-address`/`bind-port` fix
/// the sending address. A buffer larger than a datagram can carry (65507 bytes over IPv4) is an error
/// naming its size.
/// ```
/// parallax-launch audiotestsrc ! audio/x-raw,format=S16BE,rate=48000,channels=2 ! udpsink host=239.1.1.1 port=5004
/// ```
/// Thread: `render` on its segment's streaming thread.
public struct UDPSink: Sink, NetworkAccessing {
    /// Any media: every buffer becomes a datagram.
    public typealias Input = AnyMedia

    /// The factory name and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "udpsink", longName: "UDP packet sender", klass: "Sink/Network",
        description: "Send data over the network via UDP",
        properties: [
            .string("host", \.host, "The host/IP/Multicast group to send the packets to"),
            .int("port", \.port, range: 0...65535, "The port to send the packets to"),
            .int("ttl", \.ttl, range: 0...255, "Used for setting the unicast TTL parameter"),
            .int("ttl-mc", \.multicastTTL, range: 0...255, "Used for setting the multicast TTL parameter"),
            .bool("loop", \.loop, "Used for setting the multicast loop parameter. TRUE = enable, FALSE = disable"),
            .int("buffer-size", \.bufferSize, range: 0...Int64(Int32.max),
                 "Size of the kernel send buffer in bytes, 0=default"),
            .string("bind-address", \.bindAddress, "Address to bind the socket to"),
            .int("bind-port", \.bindPort, range: 0...65535, "Port to bind the socket to"),
            .bool("sync", \.syncToClock, "Sync on the clock"),
        ])

    /// The destination host, IPv4/IPv6 address or multicast group.
    public var host = "localhost"
    /// The destination port.
    public var port = 5004
    /// Unicast time-to-live.
    public var ttl = 64
    /// Multicast time-to-live.
    public var multicastTTL = 1
    /// Whether multicast datagrams loop back to this host.
    public var loop = true
    /// The kernel send buffer size (0: the system's default).
    public var bufferSize = 0
    /// The local address to send from (nil: any).
    public var bindAddress: String?
    /// The local port to send from (0: any).
    public var bindPort = 0
    /// Whether buffers are sent at their running time.
    public var syncToClock = true

    private var socket: Int32 = -1
    private var destination = UDPAddress()

    /// A sink with GStreamer's defaults.
    public init() {}

    /// Whether buffers wait for their running time (`sync`).
    public var sync: Bool { syncToClock }

    /// Resolves the destination and opens the socket.
    public mutating func start() throws(ElementError) {
        stop()
        destination = try UDPAddress.resolve(host, port: port, element: "udpsink")
        let fd = Glibc.socket(destination.family, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw ElementError("udpsink: could not create a socket: \(String(cString: strerror(errno)))") }
        do throws(ElementError) {
            try configure(fd)
        } catch {
            close(fd)
            throw error
        }
        socket = fd
    }

    private func configure(_ fd: Int32) throws(ElementError) {
        if bufferSize > 0 {
            try UDPSocketOptions.set(fd, SOL_SOCKET, SO_SNDBUF, Int32(bufferSize), "buffer-size", element: "udpsink")
        }
        let v6 = destination.family == AF_INET6
        if destination.isMulticast {
            try UDPSocketOptions.set(
                fd, v6 ? Int32(IPPROTO_IPV6) : Int32(IPPROTO_IP), v6 ? IPV6_MULTICAST_HOPS : IP_MULTICAST_TTL,
                Int32(multicastTTL), "ttl-mc", element: "udpsink")
            try UDPSocketOptions.set(
                fd, v6 ? Int32(IPPROTO_IPV6) : Int32(IPPROTO_IP), v6 ? IPV6_MULTICAST_LOOP : IP_MULTICAST_LOOP,
                loop ? 1 : 0, "loop", element: "udpsink")
        } else {
            try UDPSocketOptions.set(
                fd, v6 ? Int32(IPPROTO_IPV6) : Int32(IPPROTO_IP), v6 ? IPV6_UNICAST_HOPS : IP_TTL, Int32(ttl), "ttl",
                element: "udpsink")
        }
        if bindAddress != nil || bindPort != 0 {
            let local = try UDPAddress.resolve(bindAddress ?? (v6 ? "::" : "0.0.0.0"), port: bindPort, element: "udpsink")
            let bound = local.withSocketAddress { bind(fd, $0, $1) }
            guard bound == 0 else {
                throw ElementError("udpsink: could not bind to \(local.text): \(String(cString: strerror(errno)))")
            }
        }
        // A connected datagram socket skips the per-datagram route lookup and address copy of sendto.
        let connected = destination.withSocketAddress { connect(fd, $0, $1) }
        guard connected == 0 else {
            throw ElementError("udpsink: could not reach \(destination.text): \(String(cString: strerror(errno)))")
        }
    }

    /// Closes the socket.
    public mutating func stop() {
        if socket >= 0 { close(socket) }
        socket = -1
    }

    /// Sends the buffer as one datagram.
    public mutating func render(_ ctx: inout ProcessContext<Input, NoMedia>) throws(ElementError) -> FlowStatus {
        guard socket >= 0 else { throw ElementError("udpsink: not started") }
        let fd = socket
        let target = destination
        let sent = ctx.withUnsafeInput { bytes in
            var result: Int
            repeat { result = send(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL)) } while result < 0 && errno == EINTR
            return result
        }
        if sent < 0 {
            let code = errno
            if code == EMSGSIZE {
                throw ElementError("udpsink: a buffer of \(ctx.inputLength) bytes does not fit in a UDP datagram")
            }
            // A refused datagram (no listener on loopback) is not an error for a datagram sender.
            if code != ECONNREFUSED {
                throw ElementError("udpsink: could not send to \(target.text): \(String(cString: strerror(code)))")
            }
        }
        return .ok
    }
}
#endif  // Network
