import Glibc
import ParallaxCore
import ParallaxRuntime

/// An element host's main loop once it is sandboxed: control messages on the socket until the supervisor
/// sends the two work rings, then work orders from the request ring, answered on the reply ring, with a
/// `control` record whenever a message waits on the socket.
///
/// ```
/// socket:   element… ─ ring(requests) ─ ring(replies) ─ arena… (whenever a new arena is used) ─ shutdown
/// requests: work, work, control (→ read the socket), work, …
/// replies:  done | failed (→ the error's text follows on the socket)
/// during a transform's call: needOutput ◄ emitSlot, emitted ◄ emitStatus, posted (→ text on the socket)
/// ```
/// Everything read is checked: a malformed record or message ends the host with a protocol violation.
/// Thread: the host's only thread.
struct HostLoop {
    private let channel: ControlChannel
    private var session: HostSession
    private var requests: SharedRing<HostRequest>?
    private var replies: SharedRing<HostReply>?

    init(channel: ControlChannel, registry: ElementRegistry) {
        self.channel = channel
        self.session = HostSession(registry: registry)
    }

    /// Serves until `shutdown`; returns the exit status.
    mutating func run() throws(ControlProtocolError) -> Int32 {
        while true {
            guard let requests, let replies else {
                if let status = try handleControl() { return status }
                continue
            }
            let request: HostRequest?
            do {
                request = try requests.tryPop()
            } catch {
                throw .invalidField("request ring: \(error)")
            }
            switch request {
            case nil:
                requests.waitForData()
            case .control:
                if let status = try handleControl() { return status }
            case .work(let order):
                try receiveArenas(for: order)
                let emitter = makeEmitter(for: order, requests: requests, replies: replies)
                let outcome = try session.perform(order, emitter: emitter)
                if let violation = emitter.violation { throw violation }
                switch outcome {
                case .success(let result):
                    try Self.push(.done(result), to: replies)
                case .failure(let error):
                    // The record first, then its text: the supervisor reads the text once it has the record.
                    try Self.push(.failed, to: replies)
                    try channel.send(.error(error.description))
                }
                if emitter.controlPending, let status = try handleControl() { return status }
            case .emitSlot, .emitStatus:
                throw .invalidField("request ring: \(request!) outside an element's call")
            }
        }
    }

    /// Puts `reply` on the reply ring, waiting for room while it is full: an element that posts many messages
    /// in one call, or a call that runs while the supervisor has not yet collected the previous one's answer,
    /// can fill it. The supervisor empties it as it collects, and when it stops the host.
    private static func push(_ reply: HostReply, to replies: SharedRing<HostReply>) throws(ControlProtocolError) {
        while true {
            do {
                if try replies.tryPush(reply) { return }
            } catch {
                throw .invalidField("reply ring: \(error)")
            }
            replies.waitForRoom()
        }
    }

    /// The emitter of one call: replies go on the reply ring, answers come from the request ring, arenas
    /// granted on the way are read from the socket.
    private mutating func makeEmitter(
        for order: WorkOrder, requests: SharedRing<HostRequest>, replies: SharedRing<HostReply>
    ) -> HostCallEmitter {
        let channel = channel
        let arenas = session.arenas
        return HostCallEmitter(
            acceptsOutputs: session.isTransform(order.element), arenas: arenas, lent: session.lent(to: order.element),
            exchange: { (reply, answered) throws(ControlProtocolError) -> HostRequest? in
                try Self.push(reply, to: replies)
                guard answered else { return nil }
                while true {
                    let request: HostRequest?
                    do {
                        request = try requests.tryPop()
                    } catch {
                        throw .invalidField("request ring: \(error)")
                    }
                    if let request { return request }
                    requests.waitForData()
                }
            },
            receiveArena: { (id) throws(ControlProtocolError) in
                while !arenas.knows(id) {
                    let (message, descriptor) = try channel.receiveWithDescriptor()
                    guard case .arena(let grant) = message else {
                        if let descriptor { close(descriptor) }
                        throw .invalidField("an emit slot names arena \(id), which was never granted")
                    }
                    try arenas.grant(grant, descriptor: descriptor)
                }
            },
            sendText: { (message) throws(ControlProtocolError) in try channel.send(message) })
    }

    /// Handles socket messages until one that is not an arena grant; returns an exit status for shutdown.
    private mutating func handleControl() throws(ControlProtocolError) -> Int32? {
        while true {
            let (message, descriptor) = try channel.receiveWithDescriptor()
            switch message {
            case .arena(let grant):
                try session.grant(grant, descriptor: descriptor)
                continue
            case .ring(let capacity):
                guard let descriptor, replies == nil else { throw .invalidField("ring") }
                do {
                    if requests == nil {
                        requests = try SharedRing(mapping: descriptor, capacity: Int(capacity))
                    } else {
                        replies = try SharedRing(mapping: descriptor, capacity: Int(capacity))
                    }
                } catch {
                    close(descriptor)
                    throw .invalidField("ring: \(error)")
                }
                return nil
            case .element(let spec):
                let reply: ControlMessage
                do throws(ElementError) {
                    try session.add(spec, file: descriptor)
                    reply = .started(spec.index)
                } catch {
                    reply = .error(error.description)
                }
                try channel.send(reply)
                return nil
            default:
                if let descriptor { close(descriptor) }
            }
            switch message {
            case .element(let spec):
                let reply: ControlMessage
                do throws(ElementError) {
                    try session.add(spec, file: nil)
                    reply = .started(spec.index)
                } catch {
                    reply = .error(error.description)
                }
                try channel.send(reply)
            case .endOfStream(let index):
                if let error = try session.endOfStream(index) {
                    try channel.send(.error(error.description))
                } else {
                    try channel.send(.started(index))
                }
            case .shutdown:
                session.stopAll()
                return ParallaxHost.ExitCode.shutdown
            default:
                throw .invalidField("unexpected \(message)")
            }
            return nil
        }
    }

    /// Reads arena grants from the socket until every arena `order` names is mapped (the supervisor sends
    /// a grant before the first order that uses its arena).
    private mutating func receiveArenas(for order: WorkOrder) throws(ControlProtocolError) {
        for reference in [order.input, order.output].compactMap({ $0 }) {
            while !session.knows(arena: reference.arena) {
                let (message, descriptor) = try channel.receiveWithDescriptor()
                guard case .arena(let grant) = message else {
                    if let descriptor { close(descriptor) }
                    throw .invalidField("work names arena \(reference.arena), which was never granted")
                }
                try session.grant(grant, descriptor: descriptor)
            }
        }
    }
}
