import ParallaxCore

/// `zenoh_sub`: produces the samples put on a Zenoh key expression, as a client of a router or peer.
///
/// ```
/// parallax-launch zenoh_sub key=factory/camera/1 connect=tcp/10.0.0.2:7447 ! videoconvert ! fakesink
/// ```
/// Without `caps` it waits (up to `discover-timeout` ms) for the first sample before negotiation and takes the
/// caps `zenoh_pub` put in its encoding or attachment. Buffers get the pts, dts, duration and flags the attachment
/// carries; a gap in its sequence numbers is posted as a `zenoh-sub-loss` bus message (with how many were lost),
/// and so are samples dropped because `max-buffers` were waiting. Once a second it posts `zenoh-sub-latency`: how
/// long samples took from the publisher's put to here (mean and max, by the two machines' wall clocks). A DEL on the key (what `zenoh_pub` sends at its
/// end-of-stream) ends the stream, as does `num-buffers`. A lost connection is opened again by itself.
/// Thread: the streaming thread of its segment; samples arrive on the session's thread.
public struct ZenohSubscribe: SourceFormatDiscovering, NetworkAccessing {
    public typealias Output = AnyMedia

    public static let descriptor = ElementDescriptor<Self>(
        factory: "zenoh_sub", longName: "Zenoh subscriber", klass: "Source/Network",
        description: "Produces the samples put on a Zenoh key expression (client role over TCP)",
        properties: [
            .string("key", \.key, "The key expression to subscribe to (wildcards * and ** allowed)"),
            .string("connect", \.connect, "The router or peer to connect to (tcp/HOST:PORT)"),
            .caps("caps", \.caps, "The caps of the samples (ANY: learn them from the first sample)"),
            .int("num-buffers", \.numBuffers, range: -1...Int64(Int32.max),
                 "Number of buffers to output before sending EOS (-1 = unlimited)"),
            .uint("discover-timeout", \.discoverTimeout, range: 1...3_600_000,
                  "Milliseconds to wait for the first sample when the caps are not given"),
            .uint("max-buffers", \.maxBuffers, range: 1...65536, "Samples kept waiting before the oldest is dropped"),
            .uint("lease", \.lease, range: 100...3_600_000,
                  "Milliseconds the router waits without hearing from this client before it ends the session"),
        ])

    /// The key expression.
    public var key = ""
    /// The endpoint connected to.
    public var connect = "tcp/127.0.0.1:7447"
    /// The samples' caps; ANY learns them from the first sample.
    public var caps = Caps.any
    /// Buffers before end-of-stream; -1 for no limit.
    public var numBuffers = -1
    /// How long to wait for the first sample, in milliseconds.
    public var discoverTimeout: UInt64 = 10_000
    /// Inbox capacity.
    public var maxBuffers: UInt64 = 64
    /// The lease announced to the router, in milliseconds (a keep-alive goes out after a quarter of it in silence).
    public var lease: UInt64 = 10_000

    private var subscription: ZenohSubscription?
    private var learned: Caps?
    private var firstSize = 0
    private var produced = 0
    private var expectedSequence: UInt64?
    private var reportedOverflow = 0
    private var latency = ZenohLatency()

    public init() {}

    public mutating func discoverFormat() throws(ElementError) {
        guard learned == nil else { return }
        guard caps == .any else {
            learned = caps
            return
        }
        let subscription = try subscribe()
        guard let first = subscription.inbox.pop(timeoutNanoseconds: discoverTimeout * 1_000_000) else {
            subscription.close()
            self.subscription = nil
            throw ElementError(
                "zenoh_sub: no sample arrived on \"\(key)\" from \(connect) within \(discoverTimeout) ms to learn the caps from; set caps= or start the publisher first")
        }
        subscription.first = first
        guard let put = first.put, let text = put.encoding?.schema ?? put.attachment.flatMap({ ZenohBufferInfo(attachment: $0)?.caps }),
            let parsed = try? Caps(parsing: text)
        else {
            throw ElementError("zenoh_sub: the first sample on \"\(first.key)\" names no caps (set caps=)")
        }
        learned = parsed
        firstSize = put.payload.count
    }

    public func fixate(_ candidates: Caps, on direction: PadDirection) -> Caps {
        candidates.intersection(learned ?? caps).fixated()
    }

    public func outputSize(for caps: Caps) -> Int? {
        Swift.max(VideoInfo(caps: caps)?.size ?? 0, 2 * firstSize, 65536)
    }

    public mutating func start() throws(ElementError) {
        if subscription == nil { subscription = try subscribe() }
        produced = 0
        expectedSequence = nil
        reportedOverflow = 0
        latency = ZenohLatency()
    }

    public mutating func stop() {
        subscription?.close()
        subscription = nil
    }

    public func unlock() {
        subscription?.inbox.close()
    }

    public mutating func produce(_ ctx: inout ProcessContext<NoMedia, Output>) throws(ElementError) -> FlowStatus {
        guard let subscription else { throw ElementError("zenoh_sub: not started") }
        if numBuffers >= 0, produced >= numBuffers { return .eos }
        let next = subscription.first ?? subscription.inbox.pop(timeoutNanoseconds: nil)
        subscription.first = nil
        guard let sample = next, let put = sample.put else { return .eos }
        guard put.payload.count <= ctx.outputCapacity else {
            throw ElementError(
                "zenoh_sub: a sample of \(put.payload.count) bytes on \"\(sample.key)\" exceeds the \(ctx.outputCapacity)-byte output buffer")
        }
        ctx.withUnsafeOutput { output in
            put.payload.withUnsafeBytes { output.baseAddress?.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        }
        ctx.outputLength = put.payload.count
        if let info = put.attachment.flatMap({ ZenohBufferInfo(attachment: $0) }) {
            ctx.metadata = info.metadata
            if let expected = expectedSequence, info.sequence > expected {
                ctx.post(CapsStructure("zenoh-sub-loss", [
                    ("key", .string(sample.key)), ("lost", .int(Int(info.sequence - expected))),
                    ("sequence", .int(Int(info.sequence))),
                ]))
            }
            expectedSequence = info.sequence + 1
            if let sent = info.sent, let report = latency.add(sent: sent, now: ZenohBufferInfo.wallClock()) {
                ctx.post(CapsStructure("zenoh-sub-latency", [("key", .string(sample.key))] + report))
            }
        }
        let overflowed = subscription.inbox.overflowed
        if overflowed > reportedOverflow {
            ctx.post(CapsStructure("zenoh-sub-loss", [
                ("key", .string(key)), ("lost", .int(overflowed - reportedOverflow)), ("reason", .string("max-buffers")),
            ]))
            reportedOverflow = overflowed
        }
        produced += 1
        return .ok
    }

    private mutating func subscribe() throws(ElementError) -> ZenohSubscription {
        do {
            _ = try KeyExpression(key)
            let subscription = try ZenohSubscription(
                connect: connect, key: key, capacity: Int(maxBuffers), leaseMilliseconds: lease)
            self.subscription = subscription
            return subscription
        } catch {
            throw ElementError("zenoh_sub: \(error)")
        }
    }
}
