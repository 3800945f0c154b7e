import CParallaxLinux
import ParallaxCore
import Synchronization

/// The per-pad queues of one aggregator: each upstream streaming thread appends to its pad's queue (blocking
/// while it holds `capacity` buffers); the aggregator's thread reads them through `AggregatorInputs`.
///
/// ```
/// upstream 0 ─push─► [pad 0: events and buffers] ┐
/// upstream 1 ─push─► [pad 1: events and buffers] ┴─► aggregator thread: leading events, then aggregate
/// ```
/// One mutex guards every queue (an aggregator takes a few buffers per output, so contention is low); waiting
/// uses two event counts, `changed` (for the aggregator) and `room` (for producers), so a side sleeping costs a
/// system call only to wake it. Thread: producers on upstream threads, the rest on the aggregator's thread.
final class AggregatorQueues: AggregatorInputs, @unchecked Sendable {  // unchecked: Mutex state + C events
    enum Item {
        case buffer(Buffer)
        case event(Event)
    }

    private struct Pad {
        var items: [Item] = []
        var head = 0
        var buffers = 0
        var endOfStream = false
        /// Items appended so far: what `wait(for:since:)` watches.
        var arrivals: UInt64 = 0

        var isEmpty: Bool { head == items.count }

        mutating func popFirst() -> Item? {
            guard head < items.count else { return nil }
            let item = items[head]
            head += 1
            if head == items.count {
                items.removeAll(keepingCapacity: true)
                head = 0
            }
            return item
        }
    }

    private struct State {
        var pads: [Pad]
        /// Set once the aggregator stops taking data (its output ended or failed): producers get this back.
        var closed: FlowReturn?
    }

    let count: Int
    private let capacity: Int
    private let state: Mutex<State>
    let changed: UnsafeMutablePointer<px_event>
    private let room: UnsafeMutablePointer<px_event>

    init(pads: Int, capacity: Int = 4) {
        count = pads
        self.capacity = capacity
        state = Mutex(State(pads: Array(repeating: Pad(), count: pads), closed: nil))
        changed = .allocate(capacity: 1)
        room = .allocate(capacity: 1)
        px_event_init(changed)
        px_event_init(room)
    }

    deinit {
        drop()
        changed.deallocate()
        room.deallocate()
    }

    // MARK: producer side

    /// Appends `item` to `pad`, waiting while the pad holds `capacity` buffers; returns how the stream goes on.
    func append(_ item: Item, to pad: Int, stopping: () -> Bool) -> FlowReturn {
        let isBuffer: Bool
        if case .buffer = item { isBuffer = true } else { isBuffer = false }
        while true {
            let key = px_event_prepare(room)
            let outcome: FlowReturn? = state.withLock { state in
                if let closed = state.closed { return closed }
                if isBuffer, state.pads[pad].buffers >= capacity { return nil }
                if case .event(.eos) = item { state.pads[pad].endOfStream = true }
                state.pads[pad].items.append(item)
                state.pads[pad].arrivals &+= 1
                if isBuffer { state.pads[pad].buffers += 1 }
                return .ok
            }
            if let outcome {
                px_event_cancel(room)
                if outcome == .ok { px_event_notify(changed) } else if case .buffer(var buffer) = item { buffer.release() }
                return outcome
            }
            if stopping() {
                px_event_cancel(room)
                if case .buffer(var buffer) = item { buffer.release() }
                return .flushing
            }
            px_event_wait(room, key)
        }
    }

    /// Refuses further data with `result` and wakes every producer (the aggregator's output ended).
    func close(with result: FlowReturn) {
        state.withLock { $0.closed = $0.closed ?? result }
        wakeAll()
    }

    /// Wakes every waiter on either side (stopping).
    func wakeAll() {
        px_event_notify(room)
        px_event_notify(changed)
    }

    // MARK: aggregator side

    /// Takes the events queued before any buffer on every pad, in pad order.
    func takeLeadingEvents() -> [(pad: Int, event: Event)] {
        state.withLock { state in
            var events: [(Int, Event)] = []
            for pad in state.pads.indices {
                while let first = state.pads[pad].items[safe: state.pads[pad].head], case .event(let event) = first {
                    _ = state.pads[pad].popFirst()
                    events.append((pad, event))
                }
            }
            return events
        }
    }

    func peek(_ pad: Int) -> Buffer? {
        state.withLock { state in
            guard let first = state.pads[pad].items[safe: state.pads[pad].head], case .buffer(let buffer) = first
            else { return nil }
            return buffer
        }
    }

    func take(_ pad: Int) -> Buffer? {
        let buffer: Buffer? = state.withLock { state in
            guard let first = state.pads[pad].items[safe: state.pads[pad].head], case .buffer(let buffer) = first
            else { return nil }
            _ = state.pads[pad].popFirst()
            state.pads[pad].buffers -= 1
            return buffer
        }
        if buffer != nil { px_event_notify(room) }
        return buffer
    }

    func isFinished(_ pad: Int) -> Bool {
        state.withLock { $0.pads[pad].endOfStream && $0.pads[pad].isEmpty }
    }

    /// How many items each pad has received so far (taken before `aggregate`, for `wait(for:since:)`).
    func arrivals() -> [UInt64] {
        state.withLock { $0.pads.map(\.arrivals) }
    }

    /// Waits until `pad` (any pad when nil) has received something after `seen` was taken, or `stopping()`.
    func wait(for pad: Int?, since seen: [UInt64], stopping: () -> Bool) {
        func arrived() -> Bool {
            state.withLock { state in
                let pads = pad.map { [$0] } ?? Array(state.pads.indices)
                return pads.contains { state.pads[$0].arrivals != seen[$0] }
            }
        }
        while !stopping() {
            let key = px_event_prepare(changed)
            if arrived() || stopping() {
                px_event_cancel(changed)
                return
            }
            px_event_wait(changed, key)
        }
    }

    /// Releases every queued buffer.
    func drop() {
        let items = state.withLock { state in
            defer { for pad in state.pads.indices { state.pads[pad] = Pad(endOfStream: true) } }
            return state.pads.flatMap { $0.items[$0.head...] }
        }
        for case .buffer(var buffer) in items { buffer.release() }
        px_event_notify(room)
    }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
