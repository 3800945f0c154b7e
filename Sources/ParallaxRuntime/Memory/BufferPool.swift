import ParallaxCore
import Synchronization

/// The buffers of one link: fixed-size slots in memfd arenas, lent to the link's producer and returned
/// when the last reference to a buffer ends.
///
/// ```
/// BufferPool "src→conv"         acquire(): lowest free slot of the first arena that has one
///  ├─ arena 0 (CpuArena)  [S0|S1|S2|..|S15]  bitmap 0010…   storages parked per free slot
///  ├─ arena 1 (CpuArena)  [S0|S1|..]          added when every slot was in use (slow path)
///  └─ … up to maxArenas
/// Buffer.release() (last reference) ─► PoolArena.recycle: park the storage, free the bit, notify
/// storage deinit (kept elsewhere)   ─► PoolArena.storageDidEnd: free the bit, notify
/// ```
/// Making and finishing a buffer allocates nothing and makes no system call once every slot has been used
/// once: `acquire` moves the slot's parked `BufferStorage` into the returned `Buffer`, and
/// `Buffer.release()` hands it back (see `PoolArena`). When every slot of every arena is in use the pool
/// adds an arena, up to `maxArenas`; past that, `tryAcquire` returns nil and `acquire` blocks on a futex
/// until a slot is freed (backpressure). Returned buffers have `length == slotSize` and fresh metadata.
///
/// Buffers return to the `PoolArena` of their arena (their `BufferStorageOwner`), not to the pool
/// object: `BufferStorageOwner.storageDidEnd(slot:)` names a slot but not its arena. They stay valid
/// after the pool itself is gone; the arenas are freed when the last of them ends.
///
/// Example:
/// ```swift
/// let pool = try BufferPool(slotSize: 320 * 240 * 4, name: "videotestsrc0:src")
/// guard var buffer = pool.acquire() else { return }        // nil only once the pool is cancelled
/// buffer.withUnsafeMutableBytes { $0.initializeMemory(as: UInt8.self, repeating: 0) }
/// buffer.pts = .milliseconds(40)
/// buffer.release()                                         // the slot is free again
/// ```
/// Thread: `tryAcquire`/`acquire` are meant for the link's producer (one streaming thread) but are safe
/// from several; `cancel`, `resume`, `inUse`, `arenas` and the return of buffers work from any thread.
public final class BufferPool: @unchecked Sendable {  // unchecked: arena table append-only, count published atomically
    /// The pool's name, used for its arenas' memfd names (`<name>#<index>`).
    public let name: String
    /// The size of every buffer the pool lends, in bytes.
    public let slotSize: Int
    /// How many slots each arena holds.
    public let slotsPerArena: Int
    /// The most arenas the pool grows to.
    public let maxArenas: Int

    private let wakeup = PoolWakeup()
    /// `maxArenas` entries; the first `arenaCount` are set, each written once before the count publishes it.
    private let table: UnsafeMutablePointer<PoolArena?>
    private let arenaCount = Atomic<Int>(0)
    /// Serialises growth and remembers why it failed, if it did (growth stops after a failure).
    private let growth = Mutex<ArenaError?>(nil)

    /// Creates a pool and its first arena of `slotsPerArena` slots of `slotSize` bytes.
    ///
    /// Throws an `ArenaError` when a count is out of range (`slotsPerArena` and `maxArenas` must be at least
    /// 1, `slotSize` not negative) or the first arena cannot be made.
    /// Example: `let pool = try BufferPool(slotSize: 4096, slotsPerArena: 8, maxArenas: 2, name: "link0")`.
    /// Thread: any (system calls; done when the link is set up).
    public init(slotSize: Int, slotsPerArena: Int = 16, maxArenas: Int = 16, name: String) throws(ArenaError) {
        let operation = "BufferPool(slotSize: \(slotSize), slotsPerArena: \(slotsPerArena), maxArenas: \(maxArenas))"
        guard slotsPerArena >= 1 else { throw .invalidArgument(operation, "slotsPerArena must be at least 1") }
        guard maxArenas >= 1 else { throw .invalidArgument(operation, "maxArenas must be at least 1") }
        let first = try CpuArena(slotSize: slotSize, slotCount: slotsPerArena, name: "\(name)#0")
        self.name = name
        self.slotSize = slotSize
        self.slotsPerArena = slotsPerArena
        self.maxArenas = maxArenas
        self.table = UnsafeMutablePointer<PoolArena?>.allocate(capacity: maxArenas)
        table.initialize(repeating: nil, count: maxArenas)
        table[0] = PoolArena(arena: first, wakeup: wakeup)
        arenaCount.store(1, ordering: .releasing)
    }

    deinit {
        let count = arenaCount.load(ordering: .acquiring)
        for index in 0..<count { table[index]?.close() }
        table.deinitialize(count: maxArenas)
        table.deallocate()
    }

    /// Lends a free slot as a buffer without blocking; nil when every slot is in use and the pool cannot
    /// grow (or is cancelled).
    ///
    /// Lock-free, no allocation and no system call on the hot path; adding an arena (when all are full)
    /// makes system calls. Example: `if let buffer = pool.tryAcquire() { … } else { /* drop or wait */ }`.
    /// Thread: the link's producer (safe from several threads).
    public func tryAcquire() -> Buffer? {
        guard !wakeup.isCancelled else { return nil }
        return claim()
    }

    /// Lends a free slot as a buffer, blocking until one is freed when the pool is exhausted; returns nil
    /// only once the pool is cancelled (`cancel()`), including while blocked.
    ///
    /// Blocks on a futex (no spinning); a release wakes it. Example: `while let buffer = pool.acquire() { … }`.
    /// Thread: the link's producer (a streaming thread; never call it from the cooperative pool).
    public func acquire() -> Buffer? {
        while true {
            if wakeup.isCancelled { return nil }
            if let buffer = claim() { return buffer }
            let key = wakeup.prepare()
            if wakeup.isCancelled {
                wakeup.withdraw()
                return nil
            }
            if let buffer = claim() {
                wakeup.withdraw()
                return buffer
            }
            wakeup.wait(key)
        }
    }

    /// Cancels the pool: blocked and later `acquire()` calls return nil, `tryAcquire()` returns nil.
    ///
    /// Used when a link stops (flush, state change to READY); buffers already lent stay valid and still
    /// return their slots. Example: `pool.cancel(); producerThread.join()`. Thread: any.
    public func cancel() {
        wakeup.cancel()
    }

    /// Undoes `cancel()`, so the pool lends buffers again (a link restarting after a flush). Thread: any.
    public func resume() {
        wakeup.resume()
    }

    /// Whether the pool is cancelled. Thread: any.
    public var isCancelled: Bool { wakeup.isCancelled }

    /// How many slots are lent out now, over all arenas (a snapshot). Thread: any.
    public var inUse: Int {
        var total = 0
        for index in 0..<arenaCount.load(ordering: .acquiring) {
            if let arena = table[index]?.arena { total += arena.slotCount - arena.freeSlotCount }
        }
        return total
    }

    /// The arenas, in the order they were added (allocates the array). Thread: any.
    public var arenas: [CpuArena] {
        (0..<arenaCount.load(ordering: .acquiring)).compactMap { table[$0]?.arena }
    }

    /// How many buffers the pool can lend with its current arenas. Thread: any.
    public var capacity: Int { arenaCount.load(ordering: .acquiring) * slotsPerArena }

    /// Why the pool could not add an arena, if it tried and failed; it does not grow after that. Thread: any.
    public var growthError: ArenaError? { growth.withLock { $0 } }

    /// How many `acquire()` calls are blocked (or about to block) right now. For tests and stats.
    package var waitingAcquirers: Int { wakeup.waiterCount }

    /// Takes a slot from the first arena that has one, growing the pool when all are full.
    private func claim() -> Buffer? {
        let count = arenaCount.load(ordering: .acquiring)
        for index in 0..<count {
            if let buffer = table[index]?.take() { return buffer }
        }
        guard count < maxArenas else { return nil }
        return grow(seen: count)
    }

    /// Slow path: adds an arena (unless another thread just did, or growth failed before) and takes a
    /// slot from it.
    private func grow(seen: Int) -> Buffer? {
        growth.withLock { failure -> Buffer? in
            let count = arenaCount.load(ordering: .acquiring)
            for index in seen..<count {
                if let buffer = table[index]?.take() { return buffer }
            }
            guard count < maxArenas, failure == nil else { return nil }
            let arena: CpuArena
            do throws(ArenaError) {
                arena = try CpuArena(slotSize: slotSize, slotCount: slotsPerArena, name: "\(name)#\(count)")
            } catch {
                failure = error
                return nil
            }
            let added = PoolArena(arena: arena, wakeup: wakeup)
            table[count] = added
            arenaCount.store(count + 1, ordering: .releasing)
            return added.take()
        }
    }
}
