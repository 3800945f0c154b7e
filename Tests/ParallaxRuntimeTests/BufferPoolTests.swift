import CParallaxLinux
import Glibc
import ParallaxCore
import ParallaxRuntime
import Synchronization
import Testing

@Suite struct BufferPoolTests {
    @Test func recyclingHandsBackTheSameStorageObject() throws {
        let pool = try BufferPool(slotSize: 256, slotsPerArena: 4, maxArenas: 1, name: "same")
        var first = try #require(pool.tryAcquire())
        #expect(first.length == 256)
        #expect(first.storage.capacity == 256)
        #expect(first.storage.arena === pool.arenas[0])
        #expect(isWritable(&first))
        weak let parked = first.storage
        first.pts = .milliseconds(40)
        first.flags.insert(.discont)
        first.release()
        #expect(pool.inUse == 0)
        var reused = 0
        for _ in 0..<100 {
            guard var again = pool.tryAcquire() else { break }
            if again.storage === parked && again.metadata == BufferMetadata() { reused += 1 }
            again.release()
        }
        #expect(reused == 100)
        #expect(parked != nil)
    }

    @Test func aSharedCopyDelaysRecyclingUntilTheLastReference() throws {
        let pool = try BufferPool(slotSize: 64, slotsPerArena: 2, maxArenas: 1, name: "shared")
        var buffer = try #require(pool.tryAcquire())
        weak let parked = buffer.storage
        var copy = buffer
        #expect(!isWritable(&buffer))
        #expect(!isWritable(&copy))
        buffer.release()
        #expect(pool.inUse == 1)
        #expect(isWritable(&copy))
        var other = try #require(pool.tryAcquire())
        #expect(other.storage !== parked)  // the shared slot was not lent again
        copy.release()
        #expect(pool.inUse == 1)
        other.release()
        var reused = try #require(pool.tryAcquire())
        #expect(reused.storage === parked)  // slot 0, the lowest, with its parked storage
        reused.release()
    }

    @Test func aStorageDroppedWithoutReleaseFreesItsSlotForANewObject() throws {
        let pool = try BufferPool(slotSize: 64, slotsPerArena: 2, maxArenas: 1, name: "dropped")
        var kept = pool.tryAcquire()
        weak let old = kept?.storage
        #expect(old != nil)
        #expect(pool.inUse == 1)
        kept = nil
        #expect(old == nil)  // the storage died (its deinit freed the slot) instead of being parked
        #expect(pool.inUse == 0)
        var fresh = try #require(pool.tryAcquire())
        #expect(fresh.storage.slot == 0)
        weak let parked = fresh.storage
        fresh.release()
        var again = try #require(pool.tryAcquire())
        #expect(again.storage === parked)  // the new object is parked and reused
        again.release()
    }

    @Test func exhaustionWithoutRoomToGrowReturnsNil() throws {
        let pool = try BufferPool(slotSize: 64, slotsPerArena: 2, maxArenas: 1, name: "full")
        var first = try #require(pool.tryAcquire())
        var second = try #require(pool.tryAcquire())
        #expect(pool.tryAcquire() == nil)
        #expect(pool.arenas.count == 1)
        #expect(pool.inUse == 2)
        #expect(pool.growthError == nil)
        first.release()
        second.release()
    }

    @Test func growsIntoASecondArenaUpToMaxArenas() throws {
        let pool = try BufferPool(slotSize: 64, slotsPerArena: 2, maxArenas: 2, name: "grow")
        var held = [try #require(pool.tryAcquire()), try #require(pool.tryAcquire())]
        #expect(pool.arenas.count == 1)
        let third = try #require(pool.tryAcquire())
        #expect(pool.arenas.count == 2)
        #expect(pool.capacity == 4)
        #expect(third.storage.arena?.id == pool.arenas[1].id)
        #expect(third.storage.slot == 0)
        held.append(consume third)
        held.append(try #require(pool.tryAcquire()))
        #expect(pool.tryAcquire() == nil)
        #expect(pool.arenas.count == 2)
        #expect(pool.inUse == 4)
        #expect(Set(pool.arenas.map(\.id)).count == 2)
        while var buffer = held.popLast() { buffer.release() }
        #expect(pool.inUse == 0)
        var next = try #require(pool.tryAcquire())
        #expect(next.storage.arena?.id == pool.arenas[0].id)  // the first arena's hot slots come first
        next.release()
    }

    @Test func zeroSizedBuffersAreLentAndRecycled() throws {
        let pool = try BufferPool(slotSize: 0, slotsPerArena: 2, maxArenas: 1, name: "zero")
        var buffer = try #require(pool.tryAcquire())
        #expect(buffer.length == 0)
        #expect(buffer.storage.base == nil)
        weak let parked = buffer.storage
        buffer.release()
        var again = try #require(pool.tryAcquire())
        #expect(again.storage === parked)
        again.release()
    }

    @Test func rejectsCountsBelowOne() {
        let error = #expect(throws: ArenaError.self) {
            try BufferPool(slotSize: 64, slotsPerArena: 0, name: "bad")
        }
        #expect(error?.code == EINVAL)
        #expect(error?.reason == "slotsPerArena must be at least 1")
        #expect(throws: ArenaError.self) { try BufferPool(slotSize: 64, maxArenas: 0, name: "bad") }
    }

    @Test(.timeLimit(.minutes(1)))
    func aBlockedAcquireIsWokenByAReleaseOnAnotherThread() throws {
        let pool = try BufferPool(slotSize: 64, slotsPerArena: 1, maxArenas: 1, name: "blocked")
        var held = try #require(pool.tryAcquire())
        weak let parked = held.storage
        let result = BufferBox()
        let thread = TestThread { result.store(pool.acquire()) }
        while pool.waitingAcquirers == 0 { sched_yield() }  // the acquirer announced itself: it is blocking
        held.release()
        thread.join()
        var woken = try #require(result.take())
        #expect(woken.storage === parked)
        #expect(pool.waitingAcquirers == 0)
        woken.release()
    }

    @Test(.timeLimit(.minutes(1)))
    func cancelWakesABlockedAcquirerWithNil() throws {
        let pool = try BufferPool(slotSize: 64, slotsPerArena: 1, maxArenas: 1, name: "cancel")
        var held = try #require(pool.tryAcquire())
        let result = BufferBox()
        let thread = TestThread { result.store(pool.acquire()) }
        while pool.waitingAcquirers == 0 { sched_yield() }
        #expect(!result.isFilled)
        pool.cancel()
        thread.join()
        #expect(result.isFilled)
        #expect(result.take() == nil)
        #expect(pool.isCancelled)
        held.release()
        #expect(pool.tryAcquire() == nil)  // cancelled: nothing is lent even with a free slot
        #expect(pool.acquire() == nil)
        pool.resume()
        var buffer = try #require(pool.acquire())
        buffer.release()
    }

    /// A producer thread fills buffers from a four-slot pool and hands them to a consumer thread, which
    /// checks and releases them; the producer blocks whenever all four are in flight.
    @Test(.timeLimit(.minutes(1)))
    func buffersCrossThreadsAndComeBackInOrder() throws {
        let pool = try BufferPool(slotSize: 64, slotsPerArena: 4, maxArenas: 1, name: "ping-pong")
        let count = 20_000
        let mailbox = Mailbox()
        let producer = TestThread {
            for index in 0..<count {
                guard var buffer = pool.acquire() else { return }
                buffer.withUnsafeMutableBytes { $0.storeBytes(of: UInt64(index), as: UInt64.self) }
                buffer.metadata.sequence = UInt64(index)
                mailbox.post(consume buffer)
            }
        }
        let consumer = TestThread {
            var expected = 0
            while expected < count {
                guard var buffer = mailbox.collect() else {
                    sched_yield()
                    continue
                }
                let value = buffer.withUnsafeBytes { $0.load(as: UInt64.self) }
                if value != UInt64(expected) || buffer.metadata.sequence != UInt64(expected) {
                    mailbox.mismatches.add(1, ordering: .relaxed)
                }
                if buffer.storage.arena == nil { mailbox.heapCopies.add(1, ordering: .relaxed) }
                buffer.release()
                expected += 1
            }
        }
        producer.join()
        consumer.join()
        #expect(mailbox.mismatches.load(ordering: .relaxed) == 0)
        #expect(mailbox.heapCopies.load(ordering: .relaxed) == 0)  // every buffer was lent writable, unshared
        #expect(pool.inUse == 0)
        #expect(pool.arenas.count == 1)
        #expect(pool.arenas[0].rejectedReleaseCount == 0)
    }

    @Test func theArenaOutlivesThePoolWhileABufferIsLent() throws {
        weak var arena: CpuArena?
        var lent: Buffer?
        do {
            let pool = try BufferPool(slotSize: 64, slotsPerArena: 2, maxArenas: 1, name: "outlive")
            arena = pool.arenas[0]
            var parked = pool.tryAcquire(); parked?.release()  // park a storage object in the table
            lent = pool.tryAcquire()
            lent?.withUnsafeMutableBytes { $0.storeBytes(of: 0xC0FFEE, as: UInt32.self) }
        }
        #expect(arena != nil)
        #expect(lent?.withUnsafeBytes { $0.load(as: UInt32.self) } == 0xC0FFEE)
        var taken = lent.take(); taken?.release()
        #expect(arena == nil)  // no storage ↔ pool cycle kept the memfd and its mapping alive
    }

    @Test func aPoolWithParkedStorageIsFreedWithItsArenas() throws {
        weak var arena: CpuArena?
        do {
            let pool = try BufferPool(slotSize: 64, slotsPerArena: 4, maxArenas: 1, name: "freed")
            arena = pool.arenas[0]
            var held = (0..<3).compactMap { _ in pool.tryAcquire() }
            let lent = Set(held.map { ObjectIdentifier($0.storage) })
            while var buffer = held.popLast() { buffer.release() }
            held = (0..<3).compactMap { _ in pool.tryAcquire() }
            #expect(Set(held.map { ObjectIdentifier($0.storage) }) == lent)  // parked and lent again
            while var buffer = held.popLast() { buffer.release() }
            #expect(pool.inUse == 0)
        }
        #expect(arena == nil)
    }

    /// The evidence for "no allocation per buffer": glibc's heap statistics do not move across 10,000
    /// acquire → release cycles. Each round holds all 16 buffers at once, so a per-buffer allocation
    /// would show even when glibc's per-thread cache (7 chunks, counted as in use) serves part of it.
    /// Other tests run in parallel in this process and may allocate meanwhile, so a noisy attempt is
    /// retried; an allocating hot path fails every attempt. glibc's statistics are process-wide, so other
    /// suites running in parallel make this noisy: it runs only when `PARALLAX_ALLOCATION_TESTS=1`, which the
    /// test script sets for a separate run of this test alone (`scripts/test.sh`).
    @Test(.enabled(if: getenv("PARALLAX_ALLOCATION_TESTS") != nil, "set PARALLAX_ALLOCATION_TESTS=1 and run alone"))
    func acquireAndReleaseAllocateNothing() throws {
        let slots = 16
        let pool = try BufferPool(slotSize: 64, slotsPerArena: slots, maxArenas: 1, name: "no-alloc")
        var held: [Buffer] = []
        held.reserveCapacity(slots)
        func round() -> (atStart: Int, whileHeld: Int, atEnd: Int) {
            let atStart = px_malloc_bytes_in_use()
            for _ in 0..<slots { if let buffer = pool.tryAcquire() { held.append(buffer) } }
            let whileHeld = px_malloc_bytes_in_use()
            while var buffer = held.popLast() { buffer.release() }
            return (atStart, whileHeld, px_malloc_bytes_in_use())
        }
        for _ in 0..<20 { _ = round() }  // warm-up: every slot gets its storage object
        var clean = false
        var lastReport = ""
        for _ in 0..<5 where !clean {
            var grewInRound = 0
            let before = px_malloc_bytes_in_use()
            for _ in 0..<(10_000 / slots) {
                let sample = round()
                if sample.whileHeld > sample.atStart || sample.atEnd > sample.atStart { grewInRound += 1 }
            }
            let after = px_malloc_bytes_in_use()
            clean = grewInRound == 0 && after <= before
            lastReport = "\(grewInRound) of \(10_000 / slots) rounds grew the heap; \(before) → \(after) bytes"
        }
        #expect(clean, "\(lastReport)")
        #expect(pool.inUse == 0)
    }
}

/// Whether `buffer` may be written in place. A function rather than `buffer.isWritable` inline: in an -O
/// build of these tests, Swift 6.3.1's SIL verifier rejects that mutating getter next to a later `consume`.
private func isWritable(_ buffer: inout Buffer) -> Bool { buffer.isWritable }

/// The result of one `acquire()` handed from a test thread back to the test.
private final class BufferBox: Sendable {
    private let value = Mutex<(filled: Bool, buffer: Buffer?)>((false, nil))

    func store(_ buffer: Buffer?) { value.withLock { $0 = (true, buffer) } }
    func take() -> Buffer? { value.withLock { $0.buffer.take() } }
    var isFilled: Bool { value.withLock { $0.filled } }
}

/// A queue of buffers between a producer thread and a consumer thread.
private final class Mailbox: Sendable {
    private let queue = Mutex<[Buffer]>([])
    let mismatches = Atomic<Int>(0)
    let heapCopies = Atomic<Int>(0)

    func post(_ buffer: consuming Buffer) {
        var item: Buffer? = consume buffer
        queue.withLock { queue in
            if let buffer = item.take() { queue.append(buffer) }  // the queue holds the only reference
        }
    }
    func collect() -> Buffer? { queue.withLock { $0.isEmpty ? nil : $0.removeFirst() } }
}

/// An OS thread running one closure, joined explicitly.
private struct TestThread {
    private var thread = pthread_t()
    private let started: Bool

    init(_ body: @escaping @Sendable () -> Void) {
        let context = Unmanaged.passRetained(TestThreadBody(body)).toOpaque()
        started = pthread_create(&thread, nil, runTestThreadBody, context) == 0
        #expect(started)
    }

    func join() {
        if started { pthread_join(thread, nil) }
    }
}

/// The entry point of a `TestThread`: runs and frees the `TestThreadBody` passed as its argument.
private func runTestThreadBody(_ raw: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    if let raw { Unmanaged<TestThreadBody>.fromOpaque(raw).takeRetainedValue().run() }
    return nil
}

/// The closure a `TestThread` runs.
private final class TestThreadBody: Sendable {
    let run: @Sendable () -> Void
    init(_ run: @escaping @Sendable () -> Void) { self.run = run }
}
