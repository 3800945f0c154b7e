import CParallaxLinux
import Glibc
import ParallaxRuntime
import Synchronization
import Testing

@Suite struct SlotBitmapTests {
    @Test func claimsEverySlotLowestFirstThenNil() {
        let bitmap = SlotBitmap(slotCount: 130)  // spans three words, the last one partly
        var claimed: [Int] = []
        while let slot = bitmap.claim() { claimed.append(slot) }
        #expect(claimed == Array(0..<130))
        #expect(bitmap.claim() == nil)
        #expect(bitmap.freeCount == 0)
    }

    @Test func releasedSlotsAreReusedLowestFirst() {
        let bitmap = SlotBitmap(slotCount: 10)
        while bitmap.claim() != nil {}
        #expect(bitmap.release(7))
        #expect(bitmap.release(3))
        #expect(bitmap.freeCount == 2)
        #expect(bitmap.claim() == 3)
        #expect(bitmap.claim() == 7)
        #expect(bitmap.claim() == nil)
    }

    @Test func doubleReleaseIsDetectedAndChangesNothing() {
        let bitmap = SlotBitmap(slotCount: 4)
        #expect(bitmap.claim() == 0)
        #expect(bitmap.release(0))
        #expect(!bitmap.release(0))
        #expect(bitmap.freeCount == 4)
        #expect(!bitmap.release(-1))
        #expect(!bitmap.release(4))
        #expect(bitmap.freeCount == 4)
        var claimed: [Int] = []
        while let slot = bitmap.claim() { claimed.append(slot) }
        #expect(claimed == [0, 1, 2, 3])  // each slot lent once: the rejected releases left no extra free bit
    }

    @Test func claimsASpecificSlotOnlyOnce() {
        let bitmap = SlotBitmap(slotCount: 8)
        #expect(bitmap.claim(5))
        #expect(!bitmap.claim(5))
        #expect(!bitmap.isFree(5))
        #expect(!bitmap.claim(8))
        var claimed: [Int] = []
        while let slot = bitmap.claim() { claimed.append(slot) }
        #expect(claimed == [0, 1, 2, 3, 4, 6, 7])
    }

    @Test func emptyBitmapLendsNothing() {
        let bitmap = SlotBitmap(slotCount: 0)
        #expect(bitmap.claim() == nil)
        #expect(bitmap.freeCount == 0)
        #expect(!bitmap.release(0))
    }

    /// One claimer hands every slot it claims to one of four releasers through a per-slot mailbox; the
    /// releaser empties the mailbox and frees the slot. A claim of a slot whose mailbox is still full would
    /// mean a slot was lent twice.
    @Test(.timeLimit(.minutes(1)))
    func oneClaimerFourReleasersKeepTheCountExact() {
        let slotCount = 64
        let operations = 100_000
        let bitmap = SlotBitmap(slotCount: slotCount)
        let shared = StressState(cells: slotCount)
        let releasers = 4
        runThreads(releasers + 1) { index in
            if index == 0 {
                var claims = 0
                while claims < operations {
                    guard let slot = bitmap.claim() else {
                        sched_yield()
                        continue
                    }
                    if px_load_acquire_u64(shared.cells + slot) != 0 { shared.violations.add(1, ordering: .relaxed) }
                    px_store_release_u64(shared.cells + slot, 1)
                    claims += 1
                }
                shared.claims.store(claims, ordering: .releasing)
                return
            }
            while shared.released.load(ordering: .acquiring) < operations {
                var found = false
                for slot in stride(from: index - 1, to: slotCount, by: releasers)
                where px_load_acquire_u64(shared.cells + slot) == 1 {
                    px_store_release_u64(shared.cells + slot, 0)
                    if !bitmap.release(slot) { shared.rejected.add(1, ordering: .relaxed) }
                    shared.released.add(1, ordering: .acquiringAndReleasing)
                    found = true
                }
                if !found { sched_yield() }
            }
        }
        #expect(shared.claims.load(ordering: .acquiring) == operations)
        #expect(shared.released.load(ordering: .acquiring) == operations)
        #expect(shared.violations.load(ordering: .relaxed) == 0)
        #expect(shared.rejected.load(ordering: .relaxed) == 0)
        #expect(bitmap.freeCount == slotCount)
    }

    /// Four threads claim and release three slots as fast as they can; a mark per slot proves no slot is
    /// ever held by two threads at once.
    @Test(.timeLimit(.minutes(1)))
    func severalClaimersNeverShareASlot() {
        let slotCount = 3
        let perThread = 25_000
        let bitmap = SlotBitmap(slotCount: slotCount)
        let shared = StressState(cells: slotCount)
        runThreads(4) { _ in
            var done = 0
            while done < perThread {
                guard let slot = bitmap.claim() else {
                    sched_yield()
                    continue
                }
                if px_atomic_fetch_or_release_u64(shared.cells + slot, 1) != 0 {
                    shared.violations.add(1, ordering: .relaxed)
                }
                _ = px_atomic_fetch_and_acquire_u64(shared.cells + slot, 0)
                if !bitmap.release(slot) { shared.rejected.add(1, ordering: .relaxed) }
                done += 1
            }
            shared.claims.add(done, ordering: .relaxed)
        }
        #expect(shared.claims.load(ordering: .relaxed) == 4 * perThread)
        #expect(shared.violations.load(ordering: .relaxed) == 0)
        #expect(shared.rejected.load(ordering: .relaxed) == 0)
        #expect(bitmap.freeCount == slotCount)
    }
}

/// Counters and per-slot cells shared by the stress threads.
private final class StressState: @unchecked Sendable {  // unchecked: cells are touched only through C atomics
    let cells: UnsafeMutablePointer<UInt64>
    let claims = Atomic<Int>(0)
    let released = Atomic<Int>(0)
    let violations = Atomic<Int>(0)
    let rejected = Atomic<Int>(0)

    init(cells count: Int) {
        cells = UnsafeMutablePointer<UInt64>.allocate(capacity: count)
        cells.initialize(repeating: 0, count: count)
    }

    deinit { cells.deallocate() }
}

/// Runs `body(index)` for `index` in `0..<count`, each on its own OS thread, and joins them all.
private func runThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    var threads: [pthread_t] = []
    for index in 0..<count {
        let context = Unmanaged.passRetained(ThreadBody { body(index) }).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(&thread, nil, runThreadBody, context)
        #expect(result == 0)
        if result == 0 { threads.append(thread) }
    }
    for thread in threads { pthread_join(thread, nil) }
}

/// The entry point of a thread made by `runThreads`: runs and frees the `ThreadBody` passed as its argument.
private func runThreadBody(_ raw: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    if let raw { Unmanaged<ThreadBody>.fromOpaque(raw).takeRetainedValue().run() }
    return nil
}

/// A closure passed to a new thread.
private final class ThreadBody: Sendable {
    let run: @Sendable () -> Void
    init(_ run: @escaping @Sendable () -> Void) { self.run = run }
}
