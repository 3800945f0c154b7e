import CParallaxLinux
import Glibc
import ParallaxCore
import Synchronization

/// The source of arena ids: process-wide, starting at 1 (0 never names an arena).
private let arenaIDCounter = Atomic<UInt32>(1)

/// An `Arena` of CPU memory: one sealed memfd cut into fixed-size slots, mapped into this process.
///
/// ```
/// memfd (MFD_CLOEXEC|MFD_ALLOW_SEALING, mode 0600, sealed GROW|SHRINK|SEAL)
/// offset 0         slotStride       2*slotStride              byteCount (page multiple)
/// | slot 0 ....pad | slot 1 ....pad | ... | slot n-1 ....pad |  tail pad  |
///   ^ 64-byte aligned                  slotStride = slotSize rounded up to 64
/// SlotBitmap (heap, this process):  bit i = 1 when slot i is free
/// ```
/// The producer's arena is created here and mapped `PROT_READ|PROT_WRITE, MAP_SHARED`. Its size is
/// sealed, so no holder of the descriptor can shrink it under a reader (which would make reads fault with
/// SIGBUS), and its mode is 0600, so a process of another user cannot re-open it read-write through
/// `/proc/<pid>/fd`. A consumer gets `makeReadOnlyDescriptor()` (a read-only re-open) and maps it with
/// `mapReadOnly(descriptor:slotSize:slotCount:name:)`; the kernel then refuses every writable mapping.
///
/// Example:
/// ```swift
/// let arena = try CpuArena(slotSize: 1920 * 1080 * 4, slotCount: 8, name: "videotestsrc0:src")
/// if let slot = arena.claimSlot(), let bytes = arena.address(ofSlot: slot) {
///     bytes.storeBytes(of: 0xFF, as: UInt8.self)
///     arena.releaseSlot(slot)
/// }
/// let forConsumer = try arena.makeReadOnlyDescriptor()   // send it with SCM_RIGHTS, then close it
/// ```
/// Thread: any. `claimSlot`/`releaseSlot` are lock-free; creation and `deinit` make system calls.
public final class CpuArena: Arena, @unchecked Sendable {  // unchecked: fields are immutable; slots via atomics
    /// An identifier unique within this process (an atomic counter); it names the arena on the wire.
    public let id: UInt32
    /// A name for diagnostics; it is also the memfd's name (`/proc/<pid>/fd` shows `memfd:<name>`).
    public let name: String
    /// The usable size of each slot in bytes.
    public let slotSize: Int
    /// How many slots the arena holds.
    public let slotCount: Int
    /// The distance between the starts of two slots: `slotSize` rounded up to 64 bytes.
    public let slotStride: Int
    /// The size of the memfd and of the mapping: `slotStride × slotCount` rounded up to the page size.
    public let byteCount: Int
    /// The rights of this process's mapping: `.readWrite` for an arena created here, `.readOnly` for one
    /// mapped from a received descriptor.
    public let access: Access
    /// The memfd; owned by the arena and closed by its `deinit`. Do not close it yourself.
    public let fileDescriptor: Int32
    /// The memory this arena provides: always `.cpu`.
    public var memoryType: MemoryType { .cpu }

    private let base: UnsafeMutableRawPointer?
    /// The free slots (empty for a read-only mapping, which never lends slots).
    let bitmap: SlotBitmap
    private let rejectedReleases = Atomic<Int>(0)

    /// Creates a sealed memfd of `slotCount` slots of `slotSize` bytes and maps it read-write.
    ///
    /// The memfd is made with `MFD_CLOEXEC | MFD_ALLOW_SEALING`, sized once with `ftruncate`, sealed
    /// `F_SEAL_GROW | F_SEAL_SHRINK | F_SEAL_SEAL`, set to mode 0600 and mapped `MAP_SHARED`. A `slotSize`
    /// of 0 is allowed: slots can be claimed but have no memory (`address(ofSlot:)` is nil).
    /// Throws an `ArenaError` naming the call that failed, having released whatever it had made.
    /// Thread: any (system calls; not for the hot path).
    public convenience init(slotSize: Int, slotCount: Int, name: String) throws(ArenaError) {
        let operation = "CpuArena(slotSize: \(slotSize), slotCount: \(slotCount), name: \"\(name)\")"
        let (stride, total) = try Self.layout(slotSize: slotSize, slotCount: slotCount, operation: operation)
        let fd = px_memfd_create(String(decoding: name.utf8.prefix(240), as: UTF8.self))
        guard fd >= 0 else { throw .system(errno, "memfd_create(\"\(name)\", MFD_CLOEXEC|MFD_ALLOW_SEALING)") }
        let base: UnsafeMutableRawPointer?
        do throws(ArenaError) {
            guard ftruncate(fd, off_t(total)) == 0 else { throw .system(errno, "ftruncate(fd \(fd), \(total))") }
            guard px_memfd_seal_size(fd) == 0 else {
                throw .system(errno, "fcntl(fd \(fd), F_ADD_SEALS, F_SEAL_GROW|F_SEAL_SHRINK|F_SEAL_SEAL)")
            }
            guard fchmod(fd, 0o600) == 0 else { throw .system(errno, "fchmod(fd \(fd), 0600)") }
            base = try Self.map(fd, byteCount: total, writable: true)
        } catch {
            close(fd)
            throw error
        }
        self.init(
            name: name, slotSize: slotSize, slotCount: slotCount, slotStride: stride, byteCount: total,
            access: .readWrite, fileDescriptor: fd, base: base
        )
    }

    /// Maps an arena from a received descriptor read-only: the consumer's side of a link.
    ///
    /// `slotSize` and `slotCount` must be the producer's; the descriptor must be a memfd sealed against
    /// shrinking (so the producer cannot make reads fault) and at least as large as that layout. The
    /// mapping is `PROT_READ, MAP_SHARED`; give it a read-only descriptor (`makeReadOnlyDescriptor()` on the
    /// producer's side) and the kernel refuses writable mappings and `mprotect` as well. The result has a
    /// fresh local `id` (key a cache of received arenas by the id that came on the wire), `access ==
    /// .readOnly`, and never lends slots (`claimSlot()` is nil).
    /// On success the arena owns `descriptor` and closes it in `deinit`; on failure the caller still owns it.
    /// Example: `let view = try CpuArena.mapReadOnly(descriptor: received, slotSize: 4096, slotCount: 16)`.
    /// Thread: any (system calls).
    public static func mapReadOnly(
        descriptor: Int32, slotSize: Int, slotCount: Int, name: String = "received"
    ) throws(ArenaError) -> CpuArena {
        try mapReceived(descriptor: descriptor, slotSize: slotSize, slotCount: slotCount, access: .readOnly, name: name)
    }

    /// Maps an arena received from its owner (an element host mapping the pools the supervisor made):
    /// read-only, or read-write when `access` is `.readWrite` and the descriptor allows it (a producer's
    /// output arena). The same checks as `mapReadOnly`: the descriptor must be large enough and sealed
    /// against shrinking. The result never lends slots; its owner hands them out.
    /// On success the arena owns `descriptor`; on failure the caller still owns it. Thread: any.
    public static func mapReceived(
        descriptor: Int32, slotSize: Int, slotCount: Int, access: Access, name: String = "received"
    ) throws(ArenaError) -> CpuArena {
        let operation =
            "CpuArena.mapReceived(descriptor: \(descriptor), slotSize: \(slotSize), slotCount: \(slotCount))"
        let (stride, total) = try layout(slotSize: slotSize, slotCount: slotCount, operation: operation)
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .system(errno, "fstat(fd \(descriptor))") }
        guard Int(info.st_size) >= total else {
            throw .invalidArgument(operation, "the descriptor holds \(info.st_size) bytes, the layout needs \(total)")
        }
        let seals = px_memfd_get_seals(descriptor)
        guard seals >= 0 else { throw .system(errno, "fcntl(fd \(descriptor), F_GET_SEALS)") }
        guard seals & px_seal_shrink() != 0 else {
            throw .invalidArgument(operation, "the descriptor is not sealed against shrinking (F_SEAL_SHRINK)")
        }
        let base = try map(descriptor, byteCount: total, writable: access == .readWrite)
        return CpuArena(
            name: name, slotSize: slotSize, slotCount: slotCount, slotStride: stride, byteCount: total,
            access: access, fileDescriptor: descriptor, base: base, lendsSlots: false
        )
    }

    private init(
        name: String, slotSize: Int, slotCount: Int, slotStride: Int, byteCount: Int, access: Access,
        fileDescriptor: Int32, base: UnsafeMutableRawPointer?, lendsSlots: Bool = true
    ) {
        self.id = arenaIDCounter.wrappingAdd(1, ordering: .relaxed).oldValue
        self.name = name
        self.slotSize = slotSize
        self.slotCount = slotCount
        self.slotStride = slotStride
        self.byteCount = byteCount
        self.access = access
        self.fileDescriptor = fileDescriptor
        self.base = base
        self.bitmap = SlotBitmap(slotCount: lendsSlots && access == .readWrite ? slotCount : 0)
    }

    deinit {
        if let base { munmap(base, byteCount) }
        close(fileDescriptor)
    }

    /// Re-opens the memfd read-only through `/proc/self/fd` (`O_RDONLY | O_CLOEXEC`) for a consumer.
    ///
    /// A mapping made from the returned descriptor can never become writable: `mmap(PROT_WRITE,
    /// MAP_SHARED)` and `mprotect` fail with `EACCES`. The caller owns the descriptor and closes it
    /// (typically right after sending it with SCM_RIGHTS).
    /// Example: `let fd = try arena.makeReadOnlyDescriptor(); defer { close(fd) }`.
    /// Thread: any (a system call).
    public func makeReadOnlyDescriptor() throws(ArenaError) -> Int32 {
        let fd = px_reopen_readonly(fileDescriptor)
        guard fd >= 0 else { throw .system(errno, "open(\"/proc/self/fd/\(fileDescriptor)\", O_RDONLY)") }
        return fd
    }

    /// The address of slot `index` in this process, or nil for zero-sized slots or an index out of range.
    /// Writing through it when `access` is `.readOnly` faults. Thread: any.
    public func address(ofSlot index: Int) -> UnsafeMutableRawPointer? {
        guard let base, index >= 0, index < slotCount else { return nil }
        return base + index * slotStride
    }

    /// Claims the lowest free slot, or returns nil when all are in use (always nil when read-only).
    /// Lock-free, no system call. Thread: any.
    public func claimSlot() -> Int? {
        bitmap.claim()
    }

    /// Returns a slot to the free set. A double release or an index out of range changes nothing and is
    /// counted in `rejectedReleaseCount`. Lock-free. Thread: any.
    public func releaseSlot(_ index: Int) {
        tryReleaseSlot(index)
    }

    /// Returns a slot to the free set and says whether it was accepted: false when the slot was already
    /// free (a double release), out of range, or the arena is read-only; such calls change nothing and
    /// are counted in `rejectedReleaseCount`. Release ordering: writes made before are visible to the next
    /// claimer. Lock-free. Thread: any.
    @discardableResult
    public func tryReleaseSlot(_ index: Int) -> Bool {
        if bitmap.release(index) { return true }
        rejectedReleases.wrappingAdd(1, ordering: .relaxed)
        return false
    }

    /// How many slots are free now (a snapshot). Thread: any.
    public var freeSlotCount: Int { bitmap.freeCount }

    /// How many releases were rejected (double releases or bad indices) since the arena was made.
    /// Thread: any.
    public var rejectedReleaseCount: Int { rejectedReleases.load(ordering: .relaxed) }

    /// The stride and the total size for a layout, or the error naming what is out of range.
    private static func layout(
        slotSize: Int, slotCount: Int, operation: String
    ) throws(ArenaError) -> (stride: Int, byteCount: Int) {
        guard slotSize >= 0 else { throw .invalidArgument(operation, "slotSize must not be negative") }
        guard slotCount >= 0 else { throw .invalidArgument(operation, "slotCount must not be negative") }
        let page = max(64, Int(sysconf(Int32(_SC_PAGESIZE))))
        let (padded, overflowA) = slotSize.addingReportingOverflow(63)
        let stride = padded & ~63
        let (slots, overflowB) = stride.multipliedReportingOverflow(by: slotCount)
        let (roundedUp, overflowC) = slots.addingReportingOverflow(page - 1)
        guard !overflowA, !overflowB, !overflowC else {
            throw .invalidArgument(operation, "slotSize × slotCount overflows")
        }
        return (stride, roundedUp / page * page)
    }

    /// Maps `byteCount` bytes of `fd` shared; nil when `byteCount` is 0 (nothing to map).
    private static func map(
        _ fd: Int32, byteCount: Int, writable: Bool
    ) throws(ArenaError) -> UnsafeMutableRawPointer? {
        guard byteCount > 0 else { return nil }
        let protection = writable ? PROT_READ | PROT_WRITE : PROT_READ
        let address = mmap(nil, byteCount, protection, MAP_SHARED, fd, 0)
        guard let address, address != MAP_FAILED else {
            let rights = writable ? "PROT_READ|PROT_WRITE" : "PROT_READ"
            throw .system(errno, "mmap(\(byteCount) bytes, \(rights), MAP_SHARED, fd \(fd))")
        }
        return address
    }
}
