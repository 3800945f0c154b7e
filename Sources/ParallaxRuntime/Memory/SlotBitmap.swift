import CParallaxLinux

/// A lock-free set of free slots: one bit per slot in 64-bit words, 1 = free.
///
/// ```
/// word 0                                   word 1
/// bit  0 1 2 3 ...                   63    64 65 ...  (slotCount-1) | padding bits stay 0
///      0 0 1 1 ...                    1     1  1 ...       1        | 0 0 0
///      ^ claimed (held by a buffer)         claim() takes the lowest 1 with an atomic fetch_and
/// ```
/// `claim()` scans from word 0 and takes the lowest set bit with an atomic `fetch_and` (acquire ordering),
/// so the most recently used slots, whose pages are hot in cache and TLB, are reused first. `release(_:)`
/// sets the bit with an atomic `fetch_or` (release ordering). Whatever the holder of a slot wrote before
/// releasing it is therefore visible to the next claimer: a per-slot side table needs no lock as long as
/// only the holder of a slot's bit writes its entry.
///
/// Any number of threads may claim and release concurrently: a bit goes from 1 to 0 only in the single
/// `fetch_and` that saw it set, so two claimers never get the same slot. Releasing a slot that is already
/// free is detected (the `fetch_or` finds the bit set, changes nothing and `release` returns false);
/// a release of a slot that was freed and re-claimed in between cannot be told apart from a valid one, so
/// callers track ownership themselves (the pool does it by storage object, the supervisor per host).
///
/// Example:
/// ```swift
/// let bitmap = SlotBitmap(slotCount: 3)
/// let slot = bitmap.claim()          // 0
/// bitmap.release(slot!)              // true
/// bitmap.release(slot!)              // false: double release
/// ```
/// Thread: any; lock-free, no allocation, no system call.
package final class SlotBitmap: @unchecked Sendable {  // unchecked: words are touched only through C atomics
    /// How many slots the bitmap tracks.
    package let slotCount: Int
    private let wordCount: Int
    private let words: UnsafeMutablePointer<UInt64>

    /// A bitmap of `slotCount` slots, all free. A negative count is treated as zero.
    package init(slotCount: Int) {
        let count = max(0, slotCount)
        self.slotCount = count
        self.wordCount = (count + 63) / 64
        self.words = UnsafeMutablePointer<UInt64>.allocate(capacity: max(1, wordCount))
        words.initialize(repeating: 0, count: max(1, wordCount))
        for word in 0..<wordCount {
            let slotsInWord = min(64, count - word * 64)
            let bits: UInt64 = slotsInWord == 64 ? ~0 : (1 << UInt64(slotsInWord)) - 1
            px_atomic_store_relaxed_u64(words + word, bits)
        }
    }

    deinit {
        words.deallocate()
    }

    /// Takes the lowest free slot and returns its index, or nil when every slot is in use.
    ///
    /// Acquire ordering: writes made by the slot's previous holder before `release` are visible.
    package func claim() -> Int? {
        for word in 0..<wordCount {
            let pointer = words + word
            var value = px_atomic_load_relaxed_u64(pointer)
            while value != 0 {
                let bitIndex = value.trailingZeroBitCount
                let bit: UInt64 = 1 << UInt64(bitIndex)
                let previous = px_atomic_fetch_and_acquire_u64(pointer, ~bit)
                if previous & bit != 0 { return word << 6 | bitIndex }
                value = previous & ~bit  // another claimer took it; go on with the word as it is now
            }
        }
        return nil
    }

    /// Takes slot `index` if it is free; returns whether this call took it.
    package func claim(_ index: Int) -> Bool {
        guard index >= 0 && index < slotCount else { return false }
        let bit: UInt64 = 1 << UInt64(index & 63)
        return px_atomic_fetch_and_acquire_u64(words + (index >> 6), ~bit) & bit != 0
    }

    /// Marks slot `index` free and returns true; returns false, changing nothing, when the slot is out of
    /// range or already free (a double release).
    ///
    /// Release ordering: the caller's writes before this call are visible to the slot's next claimer.
    @discardableResult
    package func release(_ index: Int) -> Bool {
        guard index >= 0 && index < slotCount else { return false }
        let bit: UInt64 = 1 << UInt64(index & 63)
        return px_atomic_fetch_or_release_u64(words + (index >> 6), bit) & bit == 0
    }

    /// Whether slot `index` is free right now (a snapshot; other threads may change it at once).
    package func isFree(_ index: Int) -> Bool {
        guard index >= 0 && index < slotCount else { return false }
        return px_atomic_load_relaxed_u64(words + (index >> 6)) & (1 << UInt64(index & 63)) != 0
    }

    /// How many slots are free (a snapshot: exact only while no other thread claims or releases).
    package var freeCount: Int {
        var total = 0
        for word in 0..<wordCount { total += px_atomic_load_relaxed_u64(words + word).nonzeroBitCount }
        return total
    }
}
