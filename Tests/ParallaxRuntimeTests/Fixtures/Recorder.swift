import ParallaxCore
import Synchronization

/// What a `RecorderSink` saw, shared between the element copies and the test.
final class Recording: Sendable {
    struct Entry: Sendable, Equatable {
        var index: UInt64
        var payload: UInt8?
        var length: Int
        var storage: ObjectIdentifier
        var pts: ClockTime?
        var flags: BufferFlags
    }

    let entries = Mutex<[Entry]>([])
    let events = Mutex<[String]>([])
    let finished = Atomic<Int>(0)
    let started = Atomic<Int>(0)
    let stopped = Atomic<Int>(0)

    private let waiters = Mutex<[(count: Int, continuation: CheckedContinuation<Void, Never>)]>([])

    var all: [Entry] { entries.withLock { $0 } }

    /// Records an entry and wakes the tests waiting for that many.
    func append(_ entry: Entry) {
        let count = entries.withLock { entries in
            entries.append(entry)
            return entries.count
        }
        wake { $0 <= count }
    }

    /// Suspends until at least `count` buffers were rendered, or the sink was stopped.
    func wait(atLeast count: Int) async {
        await withCheckedContinuation { continuation in
            let ready = entries.withLock { $0.count >= count } || stopped.load(ordering: .relaxed) > 0
            if ready {
                continuation.resume()
            } else {
                waiters.withLock { $0.append((count, continuation)) }
                // Re-check: an append or stop may have run between the check and the registration.
                let now = entries.withLock { $0.count }
                wake { $0 <= now || self.stopped.load(ordering: .relaxed) > 0 }
            }
        }
    }

    /// Marks the sink stopped and wakes every waiter.
    func markStopped() {
        stopped.add(1, ordering: .relaxed)
        wake { _ in true }
    }

    private func wake(_ satisfied: (Int) -> Bool) {
        let ready = waiters.withLock { waiters in
            let ready = waiters.filter { satisfied($0.count) }
            waiters.removeAll { satisfied($0.count) }
            return ready
        }
        for waiter in ready { waiter.continuation.resume() }
    }
}

/// Test sink that records every buffer it renders (index, first payload byte, storage identity).
struct RecorderSink: Sink {
    typealias Input = ByteStream
    static let descriptor = ElementDescriptor<Self>(
        factory: "recorder", longName: "Recorder", klass: "Sink", description: "Records buffers",
        properties: [
            .bool("sync", \.syncOnClock, "Sync on the clock"),
            .int("stop-after", \.stopAfter, range: -1...Int64(Int32.max), "Return EOS after this many (-1 = never)"),
        ])

    let recording = Recording()
    var syncOnClock = false
    var stopAfter = -1
    private var count = 0

    var sync: Bool { syncOnClock }

    mutating func start() throws(ElementError) { recording.started.add(1, ordering: .relaxed) }
    mutating func stop() { recording.markStopped() }

    mutating func render(_ ctx: inout ProcessContext<Input, NoMedia>) throws(ElementError) -> FlowStatus {
        let input = ctx.input
        let index = ctx.inputLength >= 8 ? UInt64(littleEndian: input.unsafeLoad(fromByteOffset: 0, as: UInt64.self)) : 0
        let payload: UInt8? = ctx.inputLength > 8 ? input.unsafeLoad(fromByteOffset: 8, as: UInt8.self) : nil
        let entry = Recording.Entry(
            index: index, payload: payload, length: ctx.inputLength,
            storage: ObjectIdentifier(ctx.inputBuffer?.storage ?? BufferStorage(heapCapacity: 0)),
            pts: ctx.metadata.pts, flags: ctx.metadata.flags)
        recording.append(entry)
        count += 1
        return stopAfter >= 0 && count >= stopAfter ? .eos : .ok
    }

    mutating func handleEvent(_ event: Event) -> EventDisposition {
        recording.events.withLock { $0.append(event.name) }
        return .forward
    }

    mutating func finish() throws(ElementError) { recording.finished.add(1, ordering: .relaxed) }
}
