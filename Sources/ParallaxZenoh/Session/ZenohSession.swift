import CParallaxLinux
import Glibc
import ParallaxRuntime
import Synchronization

/// A Zenoh session in the client role over TCP: opens the session with a router or peer, puts samples
/// (fragmenting those larger than a batch), declares subscribers and hands them what arrives, keeps the
/// link alive and drops it when the peer falls silent for its lease.
///
/// ```swift
/// let session = try ZenohSession(connect: "tcp/127.0.0.1:7447")
/// let id = try session.subscribe("factory/camera/**") { sample in print(sample.key) }
/// try session.put("factory/camera/1", ZenohPut(payload: [1, 2, 3]))    // congestion .block by default
/// session.close()
/// ```
/// ```
/// client                               router / peer
///   INIT syn (version 9, zid, client) ─►
///                                     ◄─ INIT ack (zid, batch size, cookie)
///   OPEN syn (lease, first sn, cookie)─►
///                                     ◄─ OPEN ack (lease, first sn)
///   FRAME{PUSH{PUT}} / FRAGMENT… ─────►  ◄── FRAME{PUSH{PUT}} for declared subscribers
///   KEEP_ALIVE every lease/4 of silence
/// ```
/// Thread: any. Subscriber handlers run on the session's receiving thread, one at a time, in arrival order;
/// they must not block for long (the link stalls) and must not call `close()`.
public final class ZenohSession: @unchecked Sendable {  // unchecked: mutable state only under `sending` and `receiving`
    /// Session settings.
    public struct Options: Sendable {
        /// The lease this client announces; it sends a keep-alive after a quarter of it without traffic.
        public var leaseMilliseconds: UInt64 = 10_000
        /// The largest message accepted from the peer, in bytes (fragments beyond it are dropped).
        public var maxMessageBytes = 64 << 20
        /// How long to wait for the TCP connection and each handshake reply.
        public var connectTimeoutMilliseconds: Int32 = 5_000
        /// Called once when the session ends for any reason but `close()`, with the reason.
        public var onClose: (@Sendable (String) -> Void)?
        /// Called when a message from the peer is lost or unreadable (the session goes on).
        public var onProblem: (@Sendable (String) -> Void)?
        /// Whether a lost connection is opened again (with backoff from 100 ms to 2 s) and the subscribers
        /// declared again, instead of ending the session. Samples put meanwhile are dropped and counted.
        public var reconnect = false
        /// Called after a lost session was opened again, with what happened.
        public var onReconnect: (@Sendable (String) -> Void)?
        /// Called when the connection is lost and `reconnect` is on, with the reason, before the first attempt
        /// to open it again (`onProblem` hears it too).
        public var onDisconnect: (@Sendable (String) -> Void)?

        /// The defaults: 10 s lease, 64 MiB messages, 5 s to connect.
        public init() {}
    }

    /// The endpoint connected to.
    public let endpoint: ZenohEndpoint
    /// This client's id.
    public let id: ZenohID
    /// The peer's id (of the current connection).
    public var peerID: ZenohID { sending.withLock { $0.link.peerID } }
    /// The negotiated batch size in bytes: a batch and its 2-byte length prefix together stay within it.
    public var batchSize: Int { sending.withLock { $0.link.batchSize } }
    /// The peer's lease, in milliseconds.
    public var peerLeaseMilliseconds: UInt64 { sending.withLock { $0.link.peerLeaseMilliseconds } }
    /// Samples `put` dropped because the session was reconnecting.
    public var droppedWhileReconnecting: Int { sending.withLock { $0.dropped } }

    private let options: Options
    private let sending: Mutex<Sender>
    private let receiving: Mutex<Receiver>
    private let closing = Atomic<Bool>(false)

    /// What one opened connection negotiated.
    private struct Opened {
        var descriptor: Int32
        var peerID: ZenohID
        var batchSize: Int
        var peerLeaseMilliseconds: UInt64
        var sequenceMask: UInt64
        var firstSequence: UInt64
    }

    private struct Sender: ~Copyable {
        var link: Opened
        /// -1 while reconnecting or after the session ended.
        var descriptor: Int32
        var reliableSequence: UInt64
        var bestEffortSequence: UInt64
        var lastSent: UInt64
        var nextSubscriber: UInt32 = 1
        var reconnecting = false
        var dropped = 0
    }

    private struct Receiver {
        var subscribers: [UInt32: (expression: KeyExpression, handler: @Sendable (ZenohSample) -> Void)] = [:]
        var aliases: [UInt16: String] = [:]
        var reliable: ZenohDefragmenter
        var bestEffort: ZenohDefragmenter
    }

    /// Connects to `endpoint` (`tcp/HOST:PORT`) and opens a session; throws when the connection or the
    /// handshake fails, naming the endpoint.
    public convenience init(connect endpoint: String, options: Options = Options()) throws(ZenohError) {
        try self.init(connect: try ZenohEndpoint(endpoint), options: options)
    }

    /// Connects to `endpoint` and opens a session.
    public init(connect endpoint: ZenohEndpoint, options: Options = Options()) throws(ZenohError) {
        self.endpoint = endpoint
        self.options = options
        let id = ZenohID.random()
        self.id = id
        let link = try Self.open(endpoint, id: id, options: options)
        sending = Mutex(Sender(link: link, descriptor: link.descriptor, reliableSequence: link.firstSequence,
                               bestEffortSequence: link.firstSequence, lastSent: px_monotonic_ns()))
        receiving = Mutex(Receiver(reliable: ZenohDefragmenter(limit: options.maxMessageBytes),
                                   bestEffort: ZenohDefragmenter(limit: options.maxMessageBytes)))
        let session = self
        do {
            try StreamingThread.spawn(name: "zenoh-rx") { session.receiveLoop(link) }
        } catch {
            Glibc.close(link.descriptor)
            throw ZenohError.connection("could not start the receiving thread: \(error)")
        }
    }

    /// Connects and runs the handshake: INIT, INIT ack, OPEN, OPEN ack.
    private static func open(_ endpoint: ZenohEndpoint, id: ZenohID, options: Options) throws(ZenohError) -> Opened {
        let fd = try endpoint.connect(timeoutMilliseconds: options.connectTimeoutMilliseconds)
        var link = ZenohLink(descriptor: fd, endpoint: endpoint, timeoutMilliseconds: options.connectTimeoutMilliseconds)
        do throws(ZenohError) {
            try link.send(.initialize(ZenohInit(isAck: false, whatAmI: .client, id: id, sequenceBits: 32, batchSize: .max)))
            guard case .initialize(let ack) = try link.receiveOne(), ack.isAck else {
                throw ZenohError.protocolError("\(endpoint) did not answer INIT with an INIT ack")
            }
            guard ack.version == ZenohInit.protocolVersion else {
                throw ZenohError.protocolError(
                    "\(endpoint) speaks protocol version \(ack.version); this client speaks \(ZenohInit.protocolVersion)")
            }
            let mask = ZenohInit.sequenceMask(bits: ack.sequenceBits ?? 32)
            let first = UInt64.random(in: 0...mask)
            try link.send(.open(ZenohOpen(isAck: false, leaseMilliseconds: options.leaseMilliseconds, initialSequence: first,
                                          cookie: ack.cookie)))
            guard case .open(let openAck) = try link.receiveOne(), openAck.isAck else {
                throw ZenohError.protocolError("\(endpoint) did not answer OPEN with an OPEN ack")
            }
            return Opened(
                descriptor: fd, peerID: ack.id, batchSize: Int(ack.batchSize ?? .max),
                peerLeaseMilliseconds: openAck.leaseMilliseconds, sequenceMask: mask, firstSequence: first)
        } catch {
            Glibc.close(fd)
            throw error
        }
    }

    deinit { close() }

    // MARK: - Publishing

    /// Puts a sample on `key` (a key, not a pattern). `congestion` tells routers on the way what to do when the
    /// link onwards is full (`.block`: hold back rather than lose it). With `.drop`, a sample that would block
    /// here because this link is full is also dropped whole, before any of it is sent, and false is returned.
    /// `priority` travels in the PUSH's QoS extension: routers queue the sample on that priority's lane towards
    /// peers that negotiated QoS, and subscribers see it (`ZenohSample.priority`, Python's `sample.priority`).
    @discardableResult
    public func put(
        _ key: String, _ put: ZenohPut, reliable: Bool = true, congestion: ZenohCongestion = .block,
        priority: ZenohPriority = .data
    ) throws(ZenohError) -> Bool {
        try put.payload.withUnsafeBytes { (payload) throws(ZenohError) -> Bool in
            try self.put(key, payload: payload, encoding: put.encoding, timestamp: put.timestamp,
                         attachment: put.attachment, reliable: reliable, congestion: congestion, priority: priority)
        }
    }

    /// Puts a sample of `payload`'s bytes on `key`, sending them from where they lie (the socket reads them; no copy
    /// is made here), with the same rules as `put(_:_:reliable:congestion:priority:)`. `payload` is read only
    /// during the call.
    @discardableResult
    public func put(
        _ key: String, payload: UnsafeRawBufferPointer, encoding: ZenohEncoding? = nil, timestamp: ZenohTimestamp? = nil,
        attachment: [UInt8]? = nil, reliable: Bool = true, congestion: ZenohCongestion = .block,
        priority: ZenohPriority = .data
    ) throws(ZenohError) -> Bool {
        _ = try KeyExpression(key)
        var writer = ZenohWriter(capacity: key.utf8.count + (attachment?.count ?? 0) + (encoding?.schema?.utf8.count ?? 0) + 32)
        NetworkMessage.writePushHeader(key: WireExpression(key: key), congestion: congestion, priority: priority, to: &writer)
        ZenohPut(payload: [], encoding: encoding, timestamp: timestamp, attachment: attachment)
            .writeHeader(to: &writer, payloadCount: payload.count)
        return try send(writer.bytes, payload, reliable: reliable, dropWhenBusy: congestion == .drop)
    }

    /// Deletes `key`, with `priority` in the PUSH's QoS extension.
    public func delete(_ key: String, reliable: Bool = true, priority: ZenohPriority = .data) throws(ZenohError) {
        _ = try KeyExpression(key)
        var writer = ZenohWriter()
        NetworkMessage.push(key: WireExpression(key: key), body: .delete(nil), congestion: .block, priority: priority)
            .write(to: &writer)
        _ = try send(writer.bytes, reliable: reliable, dropWhenBusy: false)
    }

    // MARK: - Subscribing

    /// Declares a subscriber on `expression` and calls `handler` with every sample whose key it matches;
    /// returns the subscriber's id.
    @discardableResult
    public func subscribe(_ expression: String, handler: @escaping @Sendable (ZenohSample) -> Void)
        throws(ZenohError) -> UInt32
    {
        let parsed = try KeyExpression(expression)
        let id = sending.withLock { sender in
            defer { sender.nextSubscriber += 1 }
            return sender.nextSubscriber
        }
        receiving.withLock { $0.subscribers[id] = (parsed, handler) }
        var writer = ZenohWriter()
        NetworkMessage.declare(interest: nil, .subscriber(id: id, WireExpression(key: expression))).write(to: &writer)
        _ = try send(writer.bytes, reliable: true, dropWhenBusy: false)
        return id
    }

    /// Undeclares subscriber `id`; its handler is not called again.
    public func unsubscribe(_ id: UInt32) throws(ZenohError) {
        receiving.withLock { _ = $0.subscribers.removeValue(forKey: id) }
        var writer = ZenohWriter()
        NetworkMessage.declare(interest: nil, .undeclareSubscriber(id: id)).write(to: &writer)
        _ = try send(writer.bytes, reliable: true, dropWhenBusy: false)
    }

    // MARK: - Closing

    /// Whether the session has ended.
    public var isClosed: Bool {
        sending.withLock { $0.descriptor < 0 && !$0.reconnecting } || closing.load(ordering: .acquiring)
    }

    /// Sends CLOSE and ends the session. Safe to call more than once.
    public func close() {
        guard !closing.exchange(true, ordering: .acquiringAndReleasing) else { return }
        sending.withLock { sender in
            guard sender.descriptor >= 0 else { return }
            var writer = ZenohWriter()
            TransportMessage.close(reason: 0, session: true).write(to: &writer)
            _ = ZenohLink.write(batch: writer.bytes, to: sender.descriptor, dontWait: true)
            shutdown(sender.descriptor, Int32(SHUT_RDWR))
        }
    }

    // MARK: - Sending

    /// Sends one serialized network message: in a FRAME when it fits a batch, else as FRAGMENTs.
    private func send(_ message: [UInt8], reliable: Bool, dropWhenBusy: Bool) throws(ZenohError) -> Bool {
        try send(message, UnsafeRawBufferPointer(start: nil, count: 0), reliable: reliable, dropWhenBusy: dropWhenBusy)
    }

    /// Sends one network message, `head` followed by `tail`: in a FRAME when it fits a batch, else as FRAGMENTs.
    /// The batches' headers are made here and the message's bytes are handed to the socket where they lie, all
    /// batches in as few `sendmsg` calls as the kernel allows. With `dropWhenBusy`, a socket that cannot take
    /// anything now drops the whole message (false); once a byte is out, the rest follows.
    private func send(
        _ head: [UInt8], _ tail: UnsafeRawBufferPointer, reliable: Bool, dropWhenBusy: Bool
    ) throws(ZenohError) -> Bool {
        try sending.withLock { (sender: inout Sender) throws(ZenohError) -> Bool in
            guard !closing.load(ordering: .acquiring) else {
                throw ZenohError.closed("the session with \(endpoint) is closed")
            }
            guard sender.descriptor >= 0 else {
                guard sender.reconnecting else { throw ZenohError.closed("the session with \(endpoint) is closed") }
                sender.dropped += 1
                return false
            }
            let plan = ZenohBatchPlan(
                messageCount: head.count + tail.count, batchSize: sender.link.batchSize, reliable: reliable,
                sequence: reliable ? sender.reliableSequence : sender.bestEffortSequence,
                sequenceMask: sender.link.sequenceMask)
            let result = plan.headers.withUnsafeBytes { headers in
                head.withUnsafeBytes { head in
                    var pieces = plan.pieces(headers: headers, head: head, tail: tail)
                    return ZenohLink.write(&pieces, to: sender.descriptor, dontWait: dropWhenBusy)
                }
            }
            switch result {
            case .sent: break
            case .busy: return false
            case .failed(let reason): throw ZenohError.connection("sending to \(endpoint) failed: \(reason)")
            }
            if reliable { sender.reliableSequence = plan.nextSequence } else { sender.bestEffortSequence = plan.nextSequence }
            sender.lastSent = px_monotonic_ns()
            return true
        }
    }

    // MARK: - Receiving

    /// The receiving thread: serves the link until it ends; then opens it again when asked to, or ends the session.
    private func receiveLoop(_ first: Opened) {
        var link = first
        var reason: String
        while true {
            reason = serve(link)
            let byClose = closing.load(ordering: .acquiring)
            sending.withLock { sender in
                Glibc.close(sender.descriptor)
                sender.descriptor = -1
                sender.reconnecting = options.reconnect && !byClose
            }
            guard options.reconnect, !byClose, let opened = reopen(after: reason) else { break }
            link = opened
        }
        if !closing.exchange(true, ordering: .acquiringAndReleasing) {
            options.onClose?(reason)
        }
    }

    /// Opens the session again with backoff until it works or `close()` is called; declares the subscribers
    /// again. Nil when the session was closed meanwhile.
    private func reopen(after reason: String) -> Opened? {
        options.onProblem?("\(reason); reconnecting")
        options.onDisconnect?(reason)
        var delay: UInt64 = 100_000_000
        var attempts = 0
        while !closing.load(ordering: .acquiring) {
            attempts += 1
            if let opened = try? Self.open(endpoint, id: id, options: options) {
                let subscribers = receiving.withLock { receiver in
                    receiver.aliases = [:]
                    receiver.reliable = ZenohDefragmenter(limit: options.maxMessageBytes)
                    receiver.bestEffort = ZenohDefragmenter(limit: options.maxMessageBytes)
                    return receiver.subscribers.map { ($0.key, $0.value.expression.text) }
                }
                let dropped = sending.withLock { sender in
                    sender.link = opened
                    sender.descriptor = opened.descriptor
                    sender.reliableSequence = opened.firstSequence
                    sender.bestEffortSequence = opened.firstSequence
                    sender.reconnecting = false
                    return sender.dropped
                }
                for (id, expression) in subscribers {
                    var writer = ZenohWriter()
                    NetworkMessage.declare(interest: nil, .subscriber(id: id, WireExpression(key: expression)))
                        .write(to: &writer)
                    _ = try? send(writer.bytes, reliable: true, dropWhenBusy: false)
                }
                options.onReconnect?(
                    "reconnected to \(endpoint) after \(attempts) attempt(s); \(subscribers.count) subscriber(s) declared again, "
                        + "\(dropped) sample(s) dropped while disconnected")
                return opened
            }
            let until = px_monotonic_ns() &+ delay
            while !closing.load(ordering: .acquiring), px_monotonic_ns() < until { usleep(20_000) }
            delay = min(delay * 2, 2_000_000_000)
        }
        return nil
    }

    /// Serves one connection: reads batches, dispatches samples, sends keep-alives, watches the peer's lease.
    /// Returns why it ended.
    private func serve(_ link: Opened) -> String {
        let fd = link.descriptor
        let keepAlive = Int32(clamping: max(options.leaseMilliseconds / 4, 1))
        var lastReceived = px_monotonic_ns()
        var reader = ZenohBatchReader()
        while !closing.load(ordering: .acquiring) {
            if let batch = reader.next() {
                do {
                    if let closed = try handle(reader.buffer, batch, sequenceMask: link.sequenceMask) { return closed }
                } catch {
                    options.onProblem?("\(error)")
                }
            } else {
                // Read first and wait only when nothing is there: a busy link is read with no poll in between.
                switch reader.fill(from: fd, wait: false) {
                case .read:
                    lastReceived = px_monotonic_ns()
                case .ended(let why):
                    return "\(endpoint): \(why)"
                case .empty:
                    var watch = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                    if poll(&watch, 1, keepAlive) < 0, errno != EINTR {
                        return "poll failed: \(String(cString: strerror(errno)))"
                    }
                }
            }
            let now = px_monotonic_ns()
            if now &- lastReceived > link.peerLeaseMilliseconds * 1_000_000 {
                return "\(endpoint) was silent for longer than its lease (\(link.peerLeaseMilliseconds) ms)"
            }
            sendKeepAliveIfQuiet(now: now)
        }
        return "closed"
    }

    private func sendKeepAliveIfQuiet(now: UInt64) {
        sending.withLock { sender in
            guard sender.descriptor >= 0, now &- sender.lastSent >= options.leaseMilliseconds * 250_000 else { return }
            var writer = ZenohWriter()
            TransportMessage.keepAlive.write(to: &writer)
            if case .sent = ZenohLink.write(batch: writer.bytes, to: sender.descriptor, dontWait: true) {
                sender.lastSent = now
            }
        }
    }

    /// Handles the batch at `batch` in `buffer`; returns the reason when the peer closed the session. Samples that
    /// came whole in a FRAME get payloads of their own (the buffer is read into again); those gathered from
    /// FRAGMENTs keep sharing the gathered message's storage.
    private func handle(_ buffer: [UInt8], _ batch: Range<Int>, sequenceMask: UInt64) throws(ZenohProtocolError) -> String? {
        var reader = ZenohReader(buffer, from: batch.lowerBound, to: batch.upperBound)
        var samples: [(ZenohSample, [@Sendable (ZenohSample) -> Void])] = []
        defer {
            for (sample, handlers) in samples { for handler in handlers { handler(sample) } }
        }
        while !reader.isAtEnd {
            let message: TransportMessage
            do {
                message = try TransportMessage.read(&reader)
            } catch {
                // A FRAME's messages have no lengths: after an unreadable one the rest of the batch is lost.
                options.onProblem?("\(error); the rest of the batch is dropped")
                return nil
            }
            switch message {
            case .frame(_, _, let messages):
                for network in messages {
                    guard var sample = receive(network) else { continue }
                    if let payload = sample.0.put?.payload { sample.0.put?.payload = payload.compacted() }
                    samples.append(sample)
                }
            case .fragment(let reliable, let more, let sequence, let bytes):
                let whole: [UInt8]?
                do {
                    whole = try receiving.withLock { (receiver: inout Receiver) throws(ZenohError) -> [UInt8]? in
                        reliable
                            ? try receiver.reliable.add(bytes, sequence: sequence, more: more, sequenceMask: sequenceMask)
                            : try receiver.bestEffort.add(bytes, sequence: sequence, more: more, sequenceMask: sequenceMask)
                    }
                } catch {
                    options.onProblem?("\(error)")
                    continue
                }
                guard let whole else { continue }
                var inner = ZenohReader(whole)
                while !inner.isAtEnd {
                    if let sample = receive(try NetworkMessage.read(&inner)) { samples.append(sample) }
                }
            case .close(let code, _):
                let name = TransportMessage.closeReasonName(code)
                return "\(endpoint) closed the session (\(name))"
            case .keepAlive:
                continue
            case .initialize, .open:
                throw ZenohProtocolError("a handshake message arrived in an open session", at: reader.offset)
            }
        }
        return nil
    }

    /// A network message: records key-expression aliases, and returns a sample with the handlers it goes to.
    private func receive(_ message: NetworkMessage) -> (ZenohSample, [@Sendable (ZenohSample) -> Void])? {
        receiving.withLock { receiver in
            switch message {
            case .declare(_, .keyExpression(let id, let expression)):
                receiver.aliases[id] = (expression.scope == 0 ? "" : receiver.aliases[expression.scope] ?? "")
                    + expression.suffix
                return nil
            case .declare(_, .undeclareKeyExpression(let id)):
                receiver.aliases[id] = nil
                return nil
            case .push(let wire, let body, _, let priority):
                let key = (wire.scope == 0 ? "" : receiver.aliases[wire.scope] ?? "") + wire.suffix
                guard let parsed = try? KeyExpression(key) else { return nil }
                let handlers = receiver.subscribers.values.filter { $0.expression.intersects(parsed) }.map(\.handler)
                guard !handlers.isEmpty else { return nil }
                switch body {
                case .put(let put): return (ZenohSample(key: key, put: put, priority: priority), handlers)
                case .delete: return (ZenohSample(key: key, put: nil, priority: priority), handlers)
                }
            default:
                return nil
            }
        }
    }
}
