import ParallaxCore
import Synchronization

/// The application's side of an `AppSource`: push buffers into a pipeline from Swift code.
///
/// ```swift
/// let source = AppSource()                 // or the appsrc instance the pipeline made
/// Task {
///     for frame in frames { await source.feed.push(frame) }
///     source.feed.endOfStream()
/// }
/// ```
/// Buffers wait in a queue until the source's streaming thread takes them. The queue's limits are the
/// element's `max-buffers` and `max-bytes` (0 = no limit); when a limit is reached, what `push` does
/// follows GStreamer: with `block=true` it waits for room; otherwise the buffer is queued anyway — unless
/// `leaky-type` says to drop the new buffer (`upstream`) or the oldest queued one (`downstream`).
/// Once the element is stopped, or after `endOfStream()`, pushes are refused (`.closed`).
///
/// Thread: every method may be called from any thread or task. The async `push` suspends rather than
/// blocks; `pushBlocking` blocks its thread and is for code outside Swift concurrency.
public final class AppSourceFeed: Sendable {
    /// What happened to a pushed buffer.
    public enum PushResult: Sendable, Hashable {
        /// It is queued for the pipeline.
        case queued
        /// The queue was full and `leaky-type=upstream`: the buffer was dropped. (With
        /// `leaky-type=downstream` the oldest queued buffer makes room and the push reports `.queued`.)
        case dropped
        /// The feed has ended (`endOfStream()` was called) or the element stopped; nothing was queued.
        case closed
        /// The pushing task was cancelled while waiting for room; nothing was queued.
        case cancelled
    }

    /// What a full queue does with new data (`leaky-type`, GStreamer's `GstAppLeakyType`).
    public enum Leaky: Int, PropertyEnum {
        /// Keep everything (wait with `block=true`, else queue beyond the limit).
        case none = 0
        /// Drop new buffers.
        case upstream = 1
        /// Drop the oldest buffers.
        case downstream = 2

        /// The nick written in launch strings, as GStreamer spells it.
        public var nick: String {
            switch self {
            case .none: "none"
            case .upstream: "upstream"
            case .downstream: "downstream"
            }
        }

        /// The description `--inspect` shows for this value.
        public var blurb: String {
            switch self {
            case .none: "Not Leaky"
            case .upstream: "Leaky on upstream (new buffers)"
            case .downstream: "Leaky on downstream (old buffers)"
            }
        }
    }

    /// The queue limits and policies (set through the element's properties).
    struct Limits: Sendable {
        var maxBuffers: UInt64 = 0
        var maxBytes: UInt64 = 200_000
        var block = false
        var leaky = Leaky.none
    }

    /// What the streaming thread gets.
    enum Item: Sendable {
        case buffer(Buffer)
        /// A format change queued with `changeCaps(to:)`, due before the next buffer.
        case caps(Caps)
        case endOfStream
        case stopped
    }

    private struct State: Sendable {
        var queue = BufferQueue()
        /// Buffers that have left the queue (taken or dropped), and buffers that entered it.
        var popped: UInt64 = 0
        var pushed: UInt64 = 0
        /// Format changes, each due once `popped` reaches its `after`.
        var capsChanges: [(after: UInt64, caps: Caps)] = []
        var limits = Limits()
        var ended = false
        var stopped = false
        var unlocked = false
        var spaceWaiters: [(id: UInt64, continuation: CheckedContinuation<Void, Never>)] = []
        var nextWaiter: UInt64 = 0

        var isFull: Bool {
            (limits.maxBuffers > 0 && UInt64(queue.count) >= limits.maxBuffers)
                || (limits.maxBytes > 0 && UInt64(queue.bytes) >= limits.maxBytes)
        }
    }

    private enum Attempt {
        case done(PushResult)
        case full
    }

    private let state = Mutex(State())
    /// Wakes the streaming thread waiting for data.
    private let dataEvent = EventCount()
    /// Wakes threads blocked in `pushBlocking` waiting for room.
    private let spaceEvent = EventCount()

    /// A feed with GStreamer's default limits.
    public init() {}

    // MARK: Application side

    /// Queues `buffer`, suspending while the queue is full and `block` is set.
    @discardableResult
    public func push(_ buffer: Buffer) async -> PushResult {
        while true {
            if case .done(let result) = attempt(buffer) { return result }
            let id = state.withLock { state -> UInt64 in
                state.nextWaiter += 1
                return state.nextWaiter
            }
            await withTaskCancellationHandler {
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    let waits = state.withLock { state -> Bool in
                        guard state.isFull, !state.ended, !state.stopped, !Task.isCancelled else { return false }
                        state.spaceWaiters.append((id, continuation))
                        return true
                    }
                    if !waits { continuation.resume() }
                }
            } onCancel: {
                resumeWaiter(id)
            }
            if Task.isCancelled { return .cancelled }
        }
    }

    /// Queues `buffer`, blocking the calling thread while the queue is full and `block` is set.
    ///
    /// For producers outside Swift concurrency (a capture thread); from a task, use `push(_:)`.
    @discardableResult
    public func pushBlocking(_ buffer: Buffer) -> PushResult {
        while true {
            let key = spaceEvent.prepare()
            if case .done(let result) = attempt(buffer) {
                spaceEvent.cancel()
                return result
            }
            spaceEvent.wait(key)
        }
    }

    /// Pushes every buffer of `buffers` in order, waiting for room as `push(_:)` does; stops early when the
    /// feed closes or the task is cancelled. Does not end the stream: call `endOfStream()` after it.
    /// - Returns: the result of the last push (`.queued` for an empty sequence).
    @discardableResult
    public func push<S: AsyncSequence>(contentsOf buffers: S) async throws(S.Failure) -> PushResult
    where S.Element == Buffer {
        var last = PushResult.queued
        for try await buffer in buffers {
            last = await push(buffer)
            if last == .closed || last == .cancelled { break }
        }
        return last
    }

    /// Queues a change of format after the buffers pushed so far: when the streaming thread reaches it, the
    /// pipeline renegotiates with `caps` as appsrc's output (see `ProcessContext.changeCaps(to:)`), and the
    /// buffers pushed after this call are taken as `caps`. Returns `.closed` when the feed has ended or the
    /// element is stopped. If the pipeline cannot follow (the new caps cannot reach the sinks), it fails with
    /// the negotiation diagnostic.
    ///
    /// ```swift
    /// await feed.push(frame320x240)
    /// feed.changeCaps(to: try Caps(parsing: "video/x-raw,format=I420,width=160,height=120,framerate=30/1"))
    /// await feed.push(frame160x120)
    /// ```
    @discardableResult
    public func changeCaps(to caps: Caps) -> PushResult {
        let queued = state.withLock { state -> Bool in
            if state.ended || state.stopped { return false }
            state.capsChanges.append((state.pushed, caps))
            return true
        }
        if queued { dataEvent.notify() }
        return queued ? .queued : .closed
    }

    /// Ends the stream: the pipeline gets the queued buffers, then end-of-stream. Later pushes are refused.
    public func endOfStream() {
        let waiters = state.withLock { state in
            state.ended = true
            return takeWaiters(&state)
        }
        for waiter in waiters { waiter.resume() }
        dataEvent.notify()
        spaceEvent.notify()
    }

    /// Buffers waiting for the pipeline (GStreamer's `current-level-buffers`).
    public var queuedBuffers: Int { state.withLock { $0.queue.count } }

    /// Bytes waiting for the pipeline (GStreamer's `current-level-bytes`).
    public var queuedBytes: Int { state.withLock { $0.queue.bytes } }

    // MARK: Element side

    /// The current limits.
    var limits: Limits {
        get { state.withLock { $0.limits } }
        set {
            let waiters = state.withLock { state in
                state.limits = newValue
                return state.isFull ? [] : takeWaiters(&state)
            }
            for waiter in waiters { waiter.resume() }
            spaceEvent.notify()
        }
    }

    /// Blocks the streaming thread until a buffer, end-of-stream, or `unlock()`/`stop()`.
    func next() -> Item {
        while true {
            let key = dataEvent.prepare()
            let (item, waiters) = state.withLock { state -> (Item?, [CheckedContinuation<Void, Never>]) in
                if state.unlocked || state.stopped { return (.stopped, []) }
                if let change = state.capsChanges.first, change.after <= state.popped {
                    state.capsChanges.removeFirst()
                    return (.caps(change.caps), [])
                }
                if let buffer = state.queue.popFirst() {
                    state.popped += 1
                    return (.buffer(buffer), state.isFull ? [] : takeWaiters(&state))
                }
                return (state.ended ? .endOfStream : nil, [])
            }
            if let item {
                dataEvent.cancel()
                for waiter in waiters { waiter.resume() }
                if case .buffer = item { spaceEvent.notify() }
                return item
            }
            dataEvent.wait(key)
        }
    }

    /// Accepts pushes again (READY → PAUSED); buffers pushed before the pipeline started stay queued.
    func start() {
        state.withLock { $0.stopped = false }
    }

    /// Wakes a streaming thread blocked in `next()`; it gets `.stopped` from then on, until `stop()`.
    func unlock() {
        state.withLock { $0.unlocked = true }
        dataEvent.notify()
    }

    /// Stops the feed (PAUSED → READY): drops queued buffers, refuses pushes, wakes every waiter.
    func stop() {
        let waiters = state.withLock { state in
            state.stopped = true
            state.unlocked = false
            state.ended = false
            state.queue.removeAll()
            state.capsChanges.removeAll()
            state.popped = 0
            state.pushed = 0
            return takeWaiters(&state)
        }
        for waiter in waiters { waiter.resume() }
        dataEvent.notify()
        spaceEvent.notify()
    }

    // MARK: Internals

    /// Queues, drops or refuses `buffer` if that can be decided now; `.full` means wait for room.
    private func attempt(_ buffer: Buffer) -> Attempt {
        let result = state.withLock { state -> Attempt in
            if state.ended || state.stopped { return .done(.closed) }
            if state.isFull {
                switch state.limits.leaky {
                case .upstream:
                    return .done(.dropped)
                case .downstream:
                    if state.queue.popFirst() != nil { state.popped += 1 }
                    state.queue.append(buffer)
                    state.pushed += 1
                    return .done(.queued)
                case .none:
                    if state.limits.block { return .full }
                }
            }
            state.queue.append(buffer)
            state.pushed += 1
            return .done(.queued)
        }
        if case .done(let outcome) = result, outcome != .closed { dataEvent.notify() }
        return result
    }

    private func takeWaiters(_ state: inout State) -> [CheckedContinuation<Void, Never>] {
        let waiters = state.spaceWaiters.map(\.continuation)
        state.spaceWaiters.removeAll()
        return waiters
    }

    private func resumeWaiter(_ id: UInt64) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard let index = state.spaceWaiters.firstIndex(where: { $0.id == id }) else { return nil }
            return state.spaceWaiters.remove(at: index).continuation
        }
        waiter?.resume()
    }
}
