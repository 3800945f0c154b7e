import ParallaxCore
import Synchronization

/// The hand-over point between an `AppSink`'s streaming thread and the tasks reading `AppSink.buffers`.
///
/// ```
/// streaming thread ──deliver──► [queue, max-buffers] ──next()──► consumer task
///        ▲ blocks while full (drop=false)        │ suspends while empty
///        └──────────── woken by next() ◄─────────┘
/// ```
/// A waiting consumer gets a buffer handed over directly. With `max-buffers` reached, `deliver` blocks the
/// streaming thread until a consumer takes a buffer (back-pressure), or with `drop=true` discards the
/// oldest queued buffer. End-of-stream and `stop()` end the sequence once the queued buffers are read;
/// `unlock()`/`stop()` wake a blocked streaming thread.
/// Thread: `deliver` on the streaming thread, `next` from any task, the rest from any thread.
final class AppSinkChannel: Sendable {
    private struct State: Sendable {
        var queue = BufferQueue()
        var ended = false
        var unlocked = false
        var consumers: [(id: UInt64, continuation: CheckedContinuation<Buffer?, Never>)] = []
        var nextConsumer: UInt64 = 0
        /// The caps negotiated for the sink's pad, once known.
        var caps: Caps?
    }

    private enum Delivery {
        case handed(CheckedContinuation<Buffer?, Never>)
        case queued
        case full
        case refused
    }

    private let state = Mutex(State())
    /// Wakes the streaming thread blocked in `deliver` for room.
    private let spaceEvent = EventCount()

    init() {}

    /// Hands `buffer` to a consumer or queues it; returns false when the sink is unlocked or stopped.
    func deliver(_ buffer: Buffer, maxBuffers: UInt64, drop: Bool) -> Bool {
        while true {
            let key = spaceEvent.prepare()
            let delivery = state.withLock { state -> Delivery in
                if state.unlocked || state.ended { return .refused }
                if !state.consumers.isEmpty { return .handed(state.consumers.removeFirst().continuation) }
                if maxBuffers > 0, UInt64(state.queue.count) >= maxBuffers {
                    guard drop else { return .full }
                    while UInt64(state.queue.count) >= maxBuffers, state.queue.popFirst() != nil {}
                }
                state.queue.append(buffer)
                return .queued
            }
            switch delivery {
            case .handed(let consumer):
                spaceEvent.cancel()
                consumer.resume(returning: buffer)
                return true
            case .queued:
                spaceEvent.cancel()
                return true
            case .refused:
                spaceEvent.cancel()
                return false
            case .full:
                spaceEvent.wait(key)
            }
        }
    }

    /// The next buffer, waiting while the queue is empty; nil after end-of-stream or stop, or when the
    /// task is cancelled.
    func next() async -> Buffer? {
        let id = state.withLock { state -> UInt64 in
            state.nextConsumer += 1
            return state.nextConsumer
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Buffer?, Never>) in
                enum Outcome {
                    case ready(Buffer?)
                    case waiting
                }
                let outcome = state.withLock { state -> Outcome in
                    if let buffer = state.queue.popFirst() { return .ready(buffer) }
                    if state.ended || Task.isCancelled { return .ready(nil) }
                    state.consumers.append((id, continuation))
                    return .waiting
                }
                if case .ready(let buffer) = outcome {
                    spaceEvent.notify()
                    continuation.resume(returning: buffer)
                }
            }
        } onCancel: {
            let consumer = state.withLock { state -> CheckedContinuation<Buffer?, Never>? in
                guard let index = state.consumers.firstIndex(where: { $0.id == id }) else { return nil }
                return state.consumers.remove(at: index).continuation
            }
            consumer?.resume(returning: nil)
        }
    }

    /// Buffers waiting to be read.
    var queuedBuffers: Int { state.withLock { $0.queue.count } }

    /// The caps negotiated for the sink's pad (set before the first buffer), or nil before negotiation.
    var caps: Caps? {
        get { state.withLock { $0.caps } }
        set { state.withLock { $0.caps = newValue } }
    }

    /// Opens the channel for a new stream (READY → PAUSED), dropping leftovers of an earlier one.
    func start() {
        state.withLock { state in
            state.ended = false
            state.queue.removeAll()
        }
    }

    /// Ends the sequence after the queued buffers (end-of-stream) and wakes waiting readers.
    func end() {
        let consumers = state.withLock { state in
            state.ended = true
            defer { state.consumers.removeAll() }
            return state.consumers.map(\.continuation)
        }
        for consumer in consumers { consumer.resume(returning: nil) }
        spaceEvent.notify()
    }

    /// Closes the channel (the element stops): like `end()`, and a streaming thread blocked in `deliver`
    /// returns; a pending `unlock()` is cleared for the next `start()`.
    func close() {
        end()
        state.withLock { $0.unlocked = false }
    }

    /// Wakes a streaming thread blocked in `deliver`; deliveries are refused from then on, until `close()`.
    func unlock() {
        state.withLock { $0.unlocked = true }
        spaceEvent.notify()
    }
}
