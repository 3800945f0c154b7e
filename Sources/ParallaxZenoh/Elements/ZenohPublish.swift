import ParallaxCore

/// `zenoh_pub`: puts every buffer on a Zenoh key, through a router or peer the element connects to as a client.
///
/// ```
/// parallax-launch videotestsrc ! video/x-raw,format=RGBA ! zenoh_pub key=factory/camera/1 connect=tcp/10.0.0.2:7447
/// ```
/// Each sample's encoding carries the caps (`zenoh/bytes;video/x-raw, format=(string)RGBA, …` as the schema, or
/// in the attachment when longer than the schema's 255 bytes), and its attachment the buffer's pts, dts,
/// duration, flags and a sequence number (`ZenohBufferInfo`), so `zenoh_sub` negotiates and times the stream
/// without configuration. End-of-stream is a DEL on the key. With `congestion=drop` a sample the link cannot take
/// now is dropped whole (never half-sent) and each drop is posted as a `zenoh-pub-drop` bus message; `block`
/// waits. `priority` (`real-time` … `background`, `data` by default) travels in each sample's QoS extension.
/// A lost connection is opened again by itself (samples meanwhile are dropped and posted); a
/// `zenoh-pub-connection` bus message says when it was lost (`state=lost`, with the reason) and when it is back
/// (`state=reconnected`). The router notices a silent client after `lease` milliseconds.
/// Thread: the streaming thread of its segment; the session's own thread reads from the router.
public struct ZenohPublish: Sink, NetworkAccessing {
    public typealias Input = AnyMedia

    public static let descriptor = ElementDescriptor<Self>(
        factory: "zenoh_pub", longName: "Zenoh publisher", klass: "Sink/Network",
        description: "Puts buffers on a Zenoh key expression (client role over TCP)",
        properties: [
            .string("key", \.key, "The key to put samples on (no wildcards)"),
            .string("connect", \.connect, "The router or peer to connect to (tcp/HOST:PORT)"),
            .enumeration("congestion", \.congestion, typeName: "ParallaxZenohCongestion",
                         "What routers do when the link onwards is full: drop the sample, or block the publisher"),
            .enumeration("reliability", \.reliability, typeName: "ParallaxZenohReliability",
                         "The channel samples travel on"),
            .enumeration("priority", \.priority, typeName: "ParallaxZenohPriority",
                         "The priority samples are put with (routers queue them on its lane; subscribers see it)"),
            .uint("lease", \.lease, range: 100...3_600_000,
                  "Milliseconds the router waits without hearing from this client before it ends the session"),
        ])

    /// The key samples are put on.
    public var key = ""
    /// The endpoint connected to.
    public var connect = "tcp/127.0.0.1:7447"
    /// Congestion control.
    public var congestion = Congestion.drop
    /// Reliability.
    public var reliability = Reliability.reliable
    /// The priority every sample (and the end-of-stream DEL) is put with.
    public var priority = ZenohPriority.data
    /// The lease announced to the router, in milliseconds (a keep-alive goes out after a quarter of it in silence).
    public var lease: UInt64 = 10_000

    private var session: ZenohSession?
    private var caps: String?
    private var sequence: UInt64 = 0
    private var dropped = 0
    private var notices = ZenohNotices()

    public init() {}

    /// `congestion`: zenoh's congestion control.
    public enum Congestion: Int, PropertyEnum {
        /// Drop the sample when the link is full (zenoh's default).
        case drop = 0
        /// Hold the publisher back until there is room.
        case block = 1

        public var nick: String { self == .drop ? "drop" : "block" }
        public var blurb: String { self == .drop ? "Drop samples the link cannot take" : "Wait for room" }
    }

    /// `reliability`: the channel samples travel on.
    public enum Reliability: Int, PropertyEnum {
        /// The reliable channel.
        case reliable = 0
        /// The best-effort channel.
        case bestEffort = 1

        public var nick: String { self == .reliable ? "reliable" : "best-effort" }
        public var blurb: String { self == .reliable ? "Reliable" : "Best effort" }
    }

    public mutating func start() throws(ElementError) {
        do {
            _ = try KeyExpression(key)
            guard !key.contains("*") else { throw ZenohError.invalidKey("key \"\(key)\" has a wildcard") }
            var options = ZenohSession.Options()
            options.reconnect = true
            options.leaseMilliseconds = lease
            let notices = ZenohNotices(), key = key
            options.onDisconnect = { reason in
                notices.add(CapsStructure("zenoh-pub-connection", [
                    ("key", .string(key)), ("state", .string("lost")), ("reason", .string(reason)),
                ]))
            }
            options.onReconnect = { detail in
                notices.add(CapsStructure("zenoh-pub-connection", [
                    ("key", .string(key)), ("state", .string("reconnected")), ("detail", .string(detail)),
                ]))
            }
            self.notices = notices
            session = try ZenohSession(connect: connect, options: options)
        } catch {
            throw ElementError("zenoh_pub: \(error)")
        }
        sequence = 0
        dropped = 0
    }

    public mutating func stop() {
        session?.close()
        session = nil
    }

    public mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        caps = input?.description
    }

    public mutating func handleEvent(_ event: Event) -> EventDisposition {
        if case .eos = event, let session { try? session.delete(key, priority: priority) }
        return .forward
    }

    public mutating func render(_ ctx: inout ProcessContext<Input, NoMedia>) throws(ElementError) -> FlowStatus {
        guard let session else { throw ElementError("zenoh_pub: not started") }
        for notice in notices.take() { ctx.post(notice) }
        let schemaFits = (caps?.utf8.count ?? 0) <= 255
        let info = ZenohBufferInfo(
            metadata: ctx.metadata, sequence: sequence, sent: ZenohBufferInfo.wallClock(), caps: schemaFits ? nil : caps)
        sequence += 1
        let sent: Bool
        do {
            // The socket reads the buffer's memory directly: no copy is made here.
            sent = try ctx.withUnsafeInput { (payload) throws(ZenohError) -> Bool in
                try session.put(
                    key, payload: payload, encoding: ZenohEncoding(id: ZenohEncoding.zenohBytes, schema: schemaFits ? caps : nil),
                    attachment: info.attachment, reliable: reliability == .reliable,
                    congestion: congestion == .drop ? .drop : .block, priority: priority)
            }
        } catch {
            throw ElementError("zenoh_pub: \(error)")
        }
        if !sent {
            dropped += 1
            ctx.post(CapsStructure("zenoh-pub-drop", [
                ("key", .string(key)), ("sequence", .int(Int(sequence - 1))), ("dropped", .int(dropped)),
            ]))
        }
        return .ok
    }
}
