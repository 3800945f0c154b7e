import CParallaxLinux
import Glibc
import ParallaxCore

/// A single-producer, single-consumer ring of fixed-size records in a memfd that two processes map: how
/// slot references cross a process boundary without a system call per buffer. `SlotRing` carries
/// `SlotEntry`s (ipc_sink → ipc_src); element hosts use rings of work orders and replies.
///
/// ```
/// offset 0    head (u64, producer writes)        offset 128  data event (consumer sleeps on it)
/// offset 64   tail (u64, consumer writes)        offset 192  room event (producer sleeps on it)
/// offset 256  records[capacity], 128 bytes each
/// ```
/// Push and pop are a few loads and stores; a side that finds the ring empty (or full) sleeps on a futex
/// in the shared page, and the other side makes a system call only when someone sleeps. The peer is not
/// trusted: positions more than `capacity` apart or a record that does not decode throw `.corrupt`, never trap.
/// Thread: one producer thread and one consumer thread (in either process); `wake()` from any thread.
public final class SharedRing<Record: RingRecord>: @unchecked Sendable {  // unchecked: shared memory accessed through atomics
    /// Entries the ring holds.
    public let capacity: Int
    /// The memfd; owned by the ring.
    public let fileDescriptor: Int32
    private let base: UnsafeMutableRawPointer
    private let byteCount: Int

    private static var headerSize: Int { 256 }

    /// Bytes a ring of `capacity` entries needs.
    public static func byteCount(capacity: Int) -> Int { headerSize + capacity * ringRecordSize }

    /// Creates a ring in a new sealed memfd (mode 0600); capacity is a power of two in 2...65536.
    public init(capacity: Int, name: String) throws(SharedRingError) {
        guard capacity >= 2, capacity <= 65536, capacity & (capacity - 1) == 0 else { throw .badCapacity(capacity) }
        let size = Self.byteCount(capacity: capacity)
        let fd = px_memfd_create(name)
        guard fd >= 0 else { throw .system("memfd_create", errno) }
        guard ftruncate(fd, off_t(size)) == 0, px_memfd_seal_size(fd) == 0, fchmod(fd, 0o600) == 0 else {
            let code = errno
            close(fd)
            throw .system("ftruncate/seal", code)
        }
        guard let mapped = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), mapped != MAP_FAILED else {
            let code = errno
            close(fd)
            throw .system("mmap", code)
        }
        self.capacity = capacity
        self.fileDescriptor = fd
        self.base = mapped
        self.byteCount = size
        px_event_init(event(128))
        px_event_init(event(192))
    }

    /// Maps a ring another process created; the ring owns `descriptor` on success. The descriptor must be
    /// sealed against shrinking and hold at least the layout for `capacity`.
    public init(mapping descriptor: Int32, capacity: Int) throws(SharedRingError) {
        guard capacity >= 2, capacity <= 65536, capacity & (capacity - 1) == 0 else { throw .badCapacity(capacity) }
        let size = Self.byteCount(capacity: capacity)
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .system("fstat", errno) }
        guard Int(info.st_size) >= size, px_memfd_get_seals(descriptor) & px_seal_shrink() != 0 else {
            throw .corrupt("the ring's memfd is too small or not sealed against shrinking")
        }
        guard let mapped = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_SHARED, descriptor, 0), mapped != MAP_FAILED
        else { throw .system("mmap", errno) }
        self.capacity = capacity
        self.fileDescriptor = descriptor
        self.base = mapped
        self.byteCount = size
    }

    deinit {
        munmap(base, byteCount)
        close(fileDescriptor)
    }

    private var head: UnsafeMutablePointer<UInt64> { base.assumingMemoryBound(to: UInt64.self) }
    private var tail: UnsafeMutablePointer<UInt64> { (base + 64).assumingMemoryBound(to: UInt64.self) }
    private func event(_ offset: Int) -> UnsafeMutablePointer<px_event> {
        (base + offset).assumingMemoryBound(to: px_event.self)
    }

    /// Entries waiting to be read (a snapshot; clamped to 0…capacity).
    public var count: Int {
        let used = px_load_acquire_u64(head) &- px_load_acquire_u64(tail)
        return Int(min(used, UInt64(capacity)))
    }

    /// Producer: appends `entry`; false when the ring is full. Wakes a sleeping consumer.
    public func tryPush(_ entry: Record) throws(SharedRingError) -> Bool {
        let position = px_load_acquire_u64(head)
        let used = position &- px_load_acquire_u64(tail)
        guard used <= UInt64(capacity) else { throw .corrupt("the consumer moved its position past the producer's") }
        guard used < UInt64(capacity) else { return false }
        entry.store(to: base + Self.headerSize + Int(position & UInt64(capacity - 1)) * ringRecordSize)
        px_store_release_u64(head, position &+ 1)
        px_event_notify_shared(event(128))
        return true
    }

    /// Consumer: takes the oldest entry, or nil when the ring is empty. Wakes a producer waiting for room.
    public func tryPop() throws(SharedRingError) -> Record? {
        let position = px_load_acquire_u64(tail)
        let available = px_load_acquire_u64(head) &- position
        guard available <= UInt64(capacity) else { throw .corrupt("the producer's position is out of range") }
        guard available > 0 else { return nil }
        let slot = base + Self.headerSize + Int(position & UInt64(capacity - 1)) * ringRecordSize
        guard let entry = Record.load(from: slot) else { throw .corrupt("a record that does not decode") }
        px_store_release_u64(tail, position &+ 1)
        px_event_notify_shared(event(192))
        return entry
    }

    /// Consumer: sleeps until a record may be available, `wake()` is called or `timeout` nanoseconds pass
    /// (0: no limit). Returns at once when the ring is not empty.
    public func waitForData(timeoutNanoseconds: UInt64 = 0) {
        wait(on: event(128), timeout: timeoutNanoseconds) { px_load_acquire_u64(self.head) != px_load_acquire_u64(self.tail) }
    }

    /// Producer: sleeps until there may be room, `wake()` is called or `timeout` passes (0: no limit).
    public func waitForRoom(timeoutNanoseconds: UInt64 = 0) {
        wait(on: event(192), timeout: timeoutNanoseconds) {
            px_load_acquire_u64(self.head) &- px_load_acquire_u64(self.tail) < UInt64(self.capacity)
        }
    }

    /// Wakes both sides (to make them look at a stop flag).
    public func wake() {
        px_event_notify_shared_slow(event(128))
        px_event_notify_shared_slow(event(192))
    }

    private func wait(on event: UnsafeMutablePointer<px_event>, timeout: UInt64, ready: () -> Bool) {
        // Spin up to 20 µs first: the other side is often about to publish, and waking a sleeping thread
        // costs more than that on a busy machine.
        let spinUntil = px_monotonic_ns() &+ 20_000
        repeat {
            for _ in 0..<32 {
                if ready() { return }
                px_cpu_relax()
            }
        } while px_monotonic_ns() < spinUntil
        let key = px_event_prepare(event)
        if ready() {
            px_event_cancel(event)
            return
        }
        _ = px_event_wait_shared(event, key, timeout)
    }
}

/// The ring `ipc_sink` lends buffers through (and `ipc_src` hands slots back through).
public typealias SlotRing = SharedRing<SlotEntry>
