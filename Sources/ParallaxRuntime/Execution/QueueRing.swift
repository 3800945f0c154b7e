import CParallaxLinux
import ParallaxCore
import Synchronization

/// A bounded lock-free ring of `QueueItem`s: one producer, one consumer, plus the producer may drop the
/// oldest item itself (leaky=downstream), so pops are claimed with a compare-and-swap.
///
/// Each cell carries a sequence number (Vyukov's bounded queue), so a cell is written only after its
/// previous item has been taken out, whoever took it:
/// ```
/// cells:  [ seq | item ] [ seq | item ] ...   capacity = power of two
/// tail ──► next cell to fill (producer)       head ──► next cell to take (consumer, or a leaky drop)
/// ```
/// Waiting is done by the caller on `notEmpty` / `notFull` event counts, which cost a system call only
/// when a thread is actually asleep.
final class QueueRing: @unchecked Sendable {  // unchecked: cells are published through the sequence atomics
    private let capacity: Int
    private let mask: Int
    private let cells: UnsafeMutablePointer<QueueItem?>
    private let sequences: UnsafeMutablePointer<UInt64>
    private let head = Atomic<Int>(0)
    private let tail = Atomic<Int>(0)
    let notEmpty: UnsafeMutablePointer<px_event>
    let notFull: UnsafeMutablePointer<px_event>

    /// A ring with room for at least `minimumCapacity` items.
    init(minimumCapacity: Int) {
        var size = 2
        while size < minimumCapacity { size <<= 1 }
        capacity = size
        mask = size - 1
        cells = .allocate(capacity: size)
        cells.initialize(repeating: nil, count: size)
        sequences = .allocate(capacity: size)
        for i in 0..<size { sequences[i] = UInt64(i) }
        notEmpty = .allocate(capacity: 1)
        notFull = .allocate(capacity: 1)
        px_event_init(notEmpty)
        px_event_init(notFull)
    }

    deinit {
        cells.deinitialize(count: capacity)
        cells.deallocate()
        sequences.deallocate()
        notEmpty.deallocate()
        notFull.deallocate()
    }

    /// Items currently held (approximate while both sides run).
    var count: Int { tail.load(ordering: .acquiring) &- head.load(ordering: .acquiring) }

    /// Adds `item` at the tail; returns it back if the ring is full. Producer thread only.
    func push(_ item: consuming QueueItem) -> QueueItem? {
        let position = tail.load(ordering: .relaxed)
        let cell = position & mask
        let sequence = px_load_acquire_u64(sequences + cell)
        guard sequence == UInt64(position) else { return item }
        cells[cell] = item
        px_store_release_u64(sequences + cell, UInt64(position + 1))
        tail.store(position + 1, ordering: .releasing)
        px_event_notify(notEmpty)
        return nil
    }

    /// Takes the item at the head, or nil when empty. Consumer thread, or the producer dropping the oldest.
    func pop() -> QueueItem? {
        var position = head.load(ordering: .relaxed)
        while true {
            let cell = position & mask
            let sequence = px_load_acquire_u64(sequences + cell)
            let expected = UInt64(position + 1)
            if sequence < expected { return nil }
            if sequence == expected {
                let (exchanged, current) = head.compareExchange(
                    expected: position, desired: position + 1, ordering: .acquiringAndReleasing)
                if exchanged {
                    let item = cells[cell].take()
                    px_store_release_u64(sequences + cell, UInt64(position + capacity))
                    px_event_notify(notFull)
                    return item
                }
                position = current
            } else {
                position = head.load(ordering: .relaxed)
            }
        }
    }

    /// Wakes both sides (used when stopping).
    func wakeAll() {
        px_event_notify_slow(notEmpty)
        px_event_notify_slow(notFull)
    }
}
