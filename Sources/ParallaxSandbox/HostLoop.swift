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
                let reply: HostReply
                switch try session.perform(order) {
                case .success(let result):
                    reply = .done(result)
                case .failure(let error):
                    try channel.send(.error(error.description))
                    reply = .failed
                }
                do {
                    guard try replies.tryPush(reply) else { throw ControlProtocolError.invalidField("reply ring full") }
                } catch {
                    throw .invalidField("reply ring: \(error)")
                }
            }
        }
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
