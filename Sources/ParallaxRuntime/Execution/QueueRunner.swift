import CParallaxLinux
import ParallaxCore
import Synchronization

/// Runs a `queue`: the upstream segment pushes into a bounded lock-free ring; a new streaming thread pops
/// and pushes into the downstream segment.
///
/// ```
/// upstream thread ──push──► [ring: max-size-buffers / bytes / time] ──pop──► queue thread ──► downstream
///                  full: block (leaky=no), drop new (upstream) or drop oldest (downstream)
/// ```
/// Buffers cross by reference; neither side takes a lock, and a side makes a system call only to wake
/// the other when it is asleep.
final class QueueRunner: NodeRunner, @unchecked Sendable {  // unchecked: ring + atomics; see QueueRing
    private let ring: QueueRing
    var downstream: NodeRunner
    private let maxBuffers: Int
    private let maxBytes: Int
    private let maxTime: UInt64
    private let leak: QueueLeak
    private let levelBytes = Atomic<Int>(0)
    private let lastInTime = Atomic<UInt64>(.max)
    private let lastOutTime = Atomic<UInt64>(.max)
    /// Set by the queue thread when downstream stops accepting (EOS, error); read by the producer.
    private let downstreamResult = Atomic<Int>(0)
    private var stopElementHook: () -> Void

    init<Q: QueueBoundary>(name: String, element: Q, downstream: NodeRunner, context: ExecutionContext) {
        maxBuffers = element.maxSizeBuffers
        maxBytes = element.maxSizeBytes
        maxTime = element.maxSizeTime
        leak = element.leakPolicy
        ring = QueueRing(minimumCapacity: maxBuffers > 0 ? maxBuffers + 8 : 4096)
        self.downstream = downstream
        var element = element
        stopElementHook = { element.stop() }
        super.init(name: name, context: context)
        let ring = self.ring
        context.wakers.withLock { $0.append { ring.wakeAll() } }
    }

    override func stopElement() {
        stopElementHook()
        while let item = ring.pop() { release(item) }
    }

    override func startThreads() throws(PipelineError) {
        context.threads.add()
        do {
            try StreamingThread.spawn(name: name) { [self] in
                drain()
                context.threads.done()
            }
        } catch {
            context.threads.done()
            throw error
        }
    }

    // MARK: producer side (upstream streaming thread)

    override func push(_ buffer: consuming Buffer) -> FlowReturn {
        if let stopped = downstreamStopped {
            buffer.release()
            return stopped
        }
        count(bytes: buffer.length)
        let bytes = buffer.length
        let end = buffer.pts.map { ($0 + (buffer.duration ?? .zero)).nanoseconds }
        var item = QueueItem.buffer(consume buffer)
        while true {
            if context.isStopping {
                release(item)
                return .flushing
            }
            if isFull {
                switch leak {
                case .upstream:
                    release(item)
                    return .ok
                case .downstream:
                    if let oldest = ring.pop() {
                        if case .buffer(let dropped) = oldest { account(bytes: dropped.length, pts: dropped.pts) }
                        release(oldest)
                        continue
                    }
                case .no:
                    waitForRoom()
                    continue
                }
            }
            guard let rejected = ring.push(item) else { break }
            item = rejected
            waitForRoom()
        }
        if maxBytes > 0 { levelBytes.add(bytes, ordering: .relaxed) }
        if let end { lastInTime.store(end, ordering: .relaxed) }
        return .ok
    }

    override func pushEvent(_ event: Event) -> FlowReturn {
        var item = QueueItem.event(event)
        while let rejected = ring.push(item) {
            if context.isStopping { return .flushing }
            item = rejected
            waitForRoom()
        }
        return .ok
    }

    private var downstreamStopped: FlowReturn? {
        switch downstreamResult.load(ordering: .acquiring) {
        case 1: .eos
        case 2: .error
        case 3: .flushing
        default: nil
        }
    }

    private var isFull: Bool {
        if maxBuffers > 0 && ring.count >= maxBuffers { return true }
        if maxBytes > 0 && levelBytes.load(ordering: .relaxed) >= maxBytes { return true }
        if maxTime > 0 {
            let newest = lastInTime.load(ordering: .relaxed), oldest = lastOutTime.load(ordering: .relaxed)
            if newest != .max, oldest != .max, newest > oldest, newest - oldest >= maxTime { return true }
        }
        return false
    }

    private func waitForRoom() {
        for _ in 0..<64 {
            if !isFull || context.isStopping { return }
            px_cpu_relax()
        }
        let key = px_event_prepare(ring.notFull)
        if !isFull || context.isStopping || downstreamStopped != nil {
            px_event_cancel(ring.notFull)
            return
        }
        px_event_wait(ring.notFull, key)
    }

    // MARK: consumer side (the queue's own streaming thread)

    private func drain() {
        var result = FlowReturn.ok
        while !context.isStopping {
            guard let item = nextItem() else { continue }
            switch consume item {
            case .buffer(var buffer):
                account(bytes: buffer.length, pts: buffer.pts)
                if result != .ok {
                    buffer.release()
                    continue
                }
                result = downstream.push(buffer)
                switch result {
                case .ok: break
                case .eos: downstreamResult.store(1, ordering: .releasing)
                case .error:
                    downstreamResult.store(2, ordering: .releasing)
                    return
                case .flushing:
                    downstreamResult.store(3, ordering: .releasing)
                    return
                }
            case .event(let event):
                _ = downstream.pushEvent(event)
                if event == .eos { return }
            }
        }
    }

    /// The next item, spinning briefly and then sleeping while the ring is empty; nil when woken to stop.
    private func nextItem() -> QueueItem? {
        if let item = ring.pop() { return item }
        for _ in 0..<64 {
            px_cpu_relax()
            if let item = ring.pop() { return item }
        }
        let key = px_event_prepare(ring.notEmpty)
        if let item = ring.pop() {
            px_event_cancel(ring.notEmpty)
            return item
        }
        if context.isStopping {
            px_event_cancel(ring.notEmpty)
            return nil
        }
        px_event_wait(ring.notEmpty, key)
        return nil
    }

    private func account(bytes: Int, pts: ClockTime?) {
        if maxBytes > 0 { levelBytes.subtract(bytes, ordering: .relaxed) }
        if let pts { lastOutTime.store(pts.nanoseconds, ordering: .relaxed) }
    }

    private func release(_ item: consuming QueueItem) {
        switch consume item {
        case .buffer(var buffer): buffer.release()
        case .event: break
        }
    }
}
