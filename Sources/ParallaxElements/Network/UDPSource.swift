#if Network
import CParallaxLinux
import Glibc
import ParallaxCore

/// `udpsrc`: receives UDP datagrams on `port` (joining `address` when it is a multicast group) and sends
/// each on as one buffer — GStreamer's udpsrc. A live source.
///
/// Datagrams of any size up to 65507 bytes arrive whole (`mtu` is accepted for compatibility).
/// `skip-first-bytes` drops a fixed header from each datagram. `caps` sets the output caps (RTP needs them:
/// `caps="application/x-rtp,media=video,clock-rate=90000,encoding-name=RAW,..."`). A port that is taken is
/// an error naming the address. Buffers carry no timestamps (the element has no view of the pipeline
/// clock), and `timeout` messages are not posted.
/// ```
/// parallax-launch udpsrc port=5004 num-buffers=100 ! fakesink dump=true
/// ```
/// Thread: `produce` on its streaming thread; `unlock` from the control thread.
public struct UDPSource: Source, NetworkAccessing {
    /// What `caps` says (ANY by default).
    public typealias Output = AnyMedia

    /// The factory name and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "udpsrc", longName: "UDP packet receiver", klass: "Source/Network",
        description: "Receive data over the network via UDP",
        properties: [
            .int("port", \.port, range: 0...65535, "The port to receive the packets from, 0=allocate"),
            .string("address", \.address, "Address to receive packets for. This is equivalent to the multicast-group property for now"),
            .caps("caps", \.caps, "The caps of the source pad"),
            .int("buffer-size", \.bufferSize, range: 0...Int64(Int32.max), "Size of the kernel receive buffer in bytes, 0=default"),
            .bool("reuse", \.reuse, "Enable reuse of the port"),
            .bool("auto-multicast", \.autoMulticast, "Automatically join/leave multicast groups"),
            .bool("loop", \.loop, "Used for setting the multicast loop parameter. TRUE = enable, FALSE = disable"),
            .uint("mtu", \.mtu, range: 0...UInt64(Int32.max), "Maximum expected packet size. This directly defines the allocationsize of the receive buffer pool."),
            .int("skip-first-bytes", \.skipFirstBytes, range: 0...Int64(Int32.max), "number of bytes to skip for each udp packet"),
            .int("num-buffers", \.numBuffers, range: -1...Int64(Int32.max), "Number of buffers to output before sending EOS (-1 = unlimited)"),
        ])

    /// The port to listen on.
    public var port = 5004
    /// The address to bind, or the multicast group to join.
    public var address = "0.0.0.0"
    /// The output caps.
    public var caps = Caps.any
    /// The kernel receive buffer size (0: the system's default).
    public var bufferSize = 0
    /// Whether the port may be shared (SO_REUSEADDR).
    public var reuse = true
    /// Whether to join `address` when it is a multicast group.
    public var autoMulticast = true
    /// Whether multicast datagrams sent here loop back.
    public var loop = true
    /// Accepted for compatibility; every datagram arrives whole.
    public var mtu: UInt64 = 1492
    /// Bytes dropped from the start of every datagram.
    public var skipFirstBytes = 0
    /// Buffers to send before end-of-stream; -1 for no limit.
    public var numBuffers = -1

    private var socket: Int32 = -1
    private let wake = UDPWake()
    private var produced = 0
    /// Whether the last receive found no datagram queued (the next one polls first).
    private var queueWasEmpty = true

    /// A source with GStreamer's defaults.
    public init() {}

    /// UDP arrives when it arrives.
    public var isLive: Bool { true }

    /// Every datagram fits.
    public func outputSize(for caps: Caps) -> Int? { 65536 }

    /// The `caps` property, or what downstream asks for.
    public func fixate(_ offered: Caps, on direction: PadDirection) -> Caps {
        caps.isAny ? offered.fixated() : caps.intersection(offered).fixated()
    }

    /// Binds the socket (and joins the group).
    public mutating func start() throws(ElementError) {
        stop()
        let local = try UDPAddress.resolve(address, port: port, element: "udpsrc")
        let fd = Glibc.socket(local.family, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw ElementError("udpsrc: could not create a socket: \(String(cString: strerror(errno)))") }
        do throws(ElementError) {
            if reuse { try UDPSocketOptions.set(fd, SOL_SOCKET, SO_REUSEADDR, 1, "reuse", element: "udpsrc") }
            if bufferSize > 0 {
                try UDPSocketOptions.set(fd, SOL_SOCKET, SO_RCVBUF, Int32(bufferSize), "buffer-size", element: "udpsrc")
            }
            let bound = local.withSocketAddress { bind(fd, $0, $1) }
            guard bound == 0 else {
                throw ElementError("udpsrc: could not bind to \(local.text): \(String(cString: strerror(errno)))")
            }
            if local.isMulticast && autoMulticast {
                try UDPSocketOptions.join(fd, local, element: "udpsrc")
                let v6 = local.family == AF_INET6
                try UDPSocketOptions.set(
                    fd, v6 ? Int32(IPPROTO_IPV6) : Int32(IPPROTO_IP), v6 ? IPV6_MULTICAST_LOOP : IP_MULTICAST_LOOP,
                    loop ? 1 : 0, "loop", element: "udpsrc")
            }
        } catch {
            close(fd)
            throw error
        }
        socket = fd
        produced = 0
        wake.reset()
    }

    /// Closes the socket.
    public mutating func stop() {
        if socket >= 0 { close(socket) }
        socket = -1
    }

    /// Wakes a `produce` waiting for a datagram; it then ends the stream.
    public func unlock() { wake.signal() }

    /// Waits for the next datagram and hands it on.
    public mutating func produce(_ ctx: inout ProcessContext<NoMedia, Output>) throws(ElementError) -> FlowStatus {
        if numBuffers >= 0, produced >= numBuffers { return .eos }
        guard socket >= 0 else { throw ElementError("udpsrc: not started") }
        let fd = socket
        var received: Int
        while true {
            // While datagrams keep coming, the next is taken without polling; once the queue was found empty,
            // the next wait polls first (poll + recv, as a receiver that always polls, instead of a failed recv
            // more: on a busy machine the receiver's system calls are the sender's lost time).
            if wake.isSignalled { return .eos }
            if queueWasEmpty {
                try waitForDatagram(fd)
                queueWasEmpty = false
                if wake.isSignalled { return .eos }
            }
            let (count, failure) = ctx.withUnsafeOutput { output in
                var count: Int
                repeat { count = recv(fd, output.baseAddress, output.count, Int32(MSG_DONTWAIT)) }
                while count < 0 && errno == EINTR
                return (count, count < 0 ? errno : 0)
            }
            received = count
            if count >= 0 { break }
            guard failure == EAGAIN || failure == EWOULDBLOCK else {
                throw ElementError("udpsrc: could not receive: \(String(cString: strerror(failure)))")
            }
            queueWasEmpty = true
        }
        let skip = min(skipFirstBytes, received)
        if skip > 0 {
            ctx.withUnsafeOutput { output in
                if let base = output.baseAddress { base.copyMemory(from: base + skip, byteCount: received - skip) }
            }
        }
        ctx.outputLength = received - skip
        if produced == 0 { ctx.metadata.flags.insert(.discont) }
        produced += 1
        return .ok
    }

    /// Waits until `fd` has a datagram or `unlock()` was called.
    private func waitForDatagram(_ fd: Int32) throws(ElementError) {
        var entries = (pollfd(fd: fd, events: Int16(POLLIN), revents: 0), pollfd(fd: wake.descriptor, events: Int16(POLLIN), revents: 0))
        let ready = withUnsafeMutableBytes(of: &entries) { poll($0.baseAddress!.assumingMemoryBound(to: pollfd.self), 2, -1) }
        if ready < 0 && errno != EINTR { throw ElementError("udpsrc: poll failed: \(String(cString: strerror(errno)))") }
    }
}
#endif  // Network
