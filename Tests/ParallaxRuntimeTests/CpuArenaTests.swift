import CParallaxLinux
import Glibc
import ParallaxCore
import ParallaxRuntime
import Testing

@Suite struct CpuArenaTests {
    @Test func isSealedAgainstResizingAfterCreation() throws {
        let arena = try CpuArena(slotSize: 100, slotCount: 4, name: "sealed")
        let seals = px_memfd_get_seals(arena.fileDescriptor)
        #expect(seals & px_seal_grow() != 0)
        #expect(seals & px_seal_shrink() != 0)
        #expect(seals & px_seal_seal() != 0)
        #expect(ftruncate(arena.fileDescriptor, off_t(arena.byteCount * 2)) == -1)
        #expect(errno == EPERM)
        #expect(ftruncate(arena.fileDescriptor, 0) == -1)
        #expect(errno == EPERM)
        var info = stat()
        #expect(fstat(arena.fileDescriptor, &info) == 0)
        #expect(Int(info.st_size) == arena.byteCount)
    }

    @Test func descriptorModeIsOwnerOnly() throws {
        let arena = try CpuArena(slotSize: 64, slotCount: 1, name: "mode")
        var info = stat()
        #expect(fstat(arena.fileDescriptor, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
    }

    @Test func slotsStartOn64ByteBoundariesAndTheSizeIsWholePages() throws {
        let arena = try CpuArena(slotSize: 100, slotCount: 40, name: "layout")
        #expect(arena.slotStride == 128)
        #expect(arena.byteCount == 8192)  // 40 × 128 = 5120, rounded up to 4096-byte pages
        #expect(arena.byteCount % Int(sysconf(Int32(_SC_PAGESIZE))) == 0)
        let first = try #require(arena.address(ofSlot: 0))
        let second = try #require(arena.address(ofSlot: 1))
        let last = try #require(arena.address(ofSlot: 39))
        #expect(second - first == 128)
        #expect(last - first == 39 * 128)
        #expect(Int(bitPattern: last) % 64 == 0)
        #expect(arena.address(ofSlot: 40) == nil)
        #expect(arena.address(ofSlot: -1) == nil)
        last.storeBytes(of: 0xAB, toByteOffset: 99, as: UInt8.self)  // the last usable byte is mapped
        #expect(last.load(fromByteOffset: 99, as: UInt8.self) == 0xAB)
    }

    @Test func readOnlyDescriptorRefusesWritableMappings() throws {
        let arena = try CpuArena(slotSize: 4096, slotCount: 2, name: "ro")
        let fd = try arena.makeReadOnlyDescriptor()
        defer { close(fd) }
        #expect(fd != arena.fileDescriptor)
        #expect(fcntl(fd, F_GETFL) & O_ACCMODE == O_RDONLY)
        #expect(mmap(nil, arena.byteCount, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) == MAP_FAILED)
        #expect(errno == EACCES)
        let mapping = try #require(mmap(nil, arena.byteCount, PROT_READ, MAP_SHARED, fd, 0))
        #expect(mapping != MAP_FAILED)
        defer { munmap(mapping, arena.byteCount) }
        #expect(mprotect(mapping, arena.byteCount, PROT_READ | PROT_WRITE) == -1)
        #expect(errno == EACCES)
    }

    @Test func readOnlyMappingSeesTheProducersBytes() throws {
        let producer = try CpuArena(slotSize: 256, slotCount: 4, name: "producer")
        let fd = try producer.makeReadOnlyDescriptor()
        let consumer: CpuArena
        do {
            consumer = try CpuArena.mapReadOnly(descriptor: fd, slotSize: 256, slotCount: 4)
        } catch {
            close(fd)
            throw error
        }
        #expect(consumer.access == .readOnly)
        #expect(producer.access == .readWrite)
        #expect(consumer.id != producer.id)
        #expect(consumer.fileDescriptor == fd)
        #expect(consumer.claimSlot() == nil)
        #expect(!consumer.tryReleaseSlot(0))

        let written = try #require(producer.address(ofSlot: 2))
        let seen = try #require(consumer.address(ofSlot: 2))
        #expect(written != seen)  // two mappings of the same pages
        for offset in 0..<256 { written.storeBytes(of: UInt8(offset), toByteOffset: offset, as: UInt8.self) }
        #expect((0..<256).allSatisfy { seen.load(fromByteOffset: $0, as: UInt8.self) == UInt8($0) })
        written.storeBytes(of: 0x5A, toByteOffset: 17, as: UInt8.self)
        #expect(seen.load(fromByteOffset: 17, as: UInt8.self) == 0x5A)
    }

    @Test func mapReadOnlyRejectsAnUnsealedMemfd() throws {
        let fd = px_memfd_create("unsealed")
        #expect(fd >= 0)
        defer { close(fd) }
        #expect(ftruncate(fd, 4096) == 0)
        let error = #expect(throws: ArenaError.self) {
            try CpuArena.mapReadOnly(descriptor: fd, slotSize: 64, slotCount: 4)
        }
        #expect(error?.code == EINVAL)
        #expect(error?.reason.contains("F_SEAL_SHRINK") == true)
    }

    @Test func mapReadOnlyRejectsADescriptorSmallerThanTheLayout() throws {
        let producer = try CpuArena(slotSize: 4096, slotCount: 1, name: "small")
        let fd = try producer.makeReadOnlyDescriptor()
        defer { close(fd) }
        let error = #expect(throws: ArenaError.self) {
            try CpuArena.mapReadOnly(descriptor: fd, slotSize: 4096, slotCount: 2)
        }
        #expect(error?.reason == "the descriptor holds 4096 bytes, the layout needs 8192")
    }

    @Test func errorsNameTheFailingCallAndTheSystemsReason() throws {
        let error = #expect(throws: ArenaError.self) {
            try CpuArena.mapReadOnly(descriptor: -1, slotSize: 64, slotCount: 1)
        }
        #expect(error?.operation == "fstat(fd -1)")
        #expect(error?.code == EBADF)
        #expect(error?.description == "fstat(fd -1) failed: Bad file descriptor (errno 9)")

        let invalid = #expect(throws: ArenaError.self) {
            try CpuArena(slotSize: -1, slotCount: 1, name: "bad")
        }
        #expect(invalid?.code == EINVAL)
        #expect(invalid?.reason == "slotSize must not be negative")
        let overflow = #expect(throws: ArenaError.self) {
            try CpuArena(slotSize: Int.max / 2, slotCount: 4, name: "huge")
        }
        #expect(overflow?.reason == "slotSize × slotCount overflows")
    }

    @Test func zeroSizedSlotsAreLentWithoutMemory() throws {
        let arena = try CpuArena(slotSize: 0, slotCount: 3, name: "empty")
        #expect(arena.byteCount == 0)
        #expect(arena.address(ofSlot: 0) == nil)
        #expect(px_memfd_get_seals(arena.fileDescriptor) & px_seal_shrink() != 0)
        #expect(arena.claimSlot() == 0)
        #expect(arena.claimSlot() == 1)
        #expect(arena.claimSlot() == 2)
        #expect(arena.claimSlot() == nil)
        let storage = BufferStorage(arena: arena, slot: 1, owner: nil)
        #expect(storage.base == nil)
        #expect(storage.capacity == 0)
    }

    @Test func idsAreUniqueWithinTheProcess() throws {
        let arenas = try (0..<8).map { try CpuArena(slotSize: 64, slotCount: 1, name: "id\($0)") }
        #expect(Set(arenas.map(\.id)).count == 8)
        #expect(!arenas.contains { $0.id == 0 })
    }

    @Test func doubleReleasesAreRejectedAndCounted() throws {
        let arena = try CpuArena(slotSize: 64, slotCount: 2, name: "double")
        #expect(arena.claimSlot() == 0)
        #expect(arena.freeSlotCount == 1)
        #expect(arena.tryReleaseSlot(0))
        #expect(!arena.tryReleaseSlot(0))
        arena.releaseSlot(0)  // through the Arena protocol: rejected as well
        #expect(arena.rejectedReleaseCount == 2)
        #expect(arena.freeSlotCount == 2)
    }

    @Test func bufferStorageWithoutOwnerReturnsItsSlotToTheArena() throws {
        let arena = try CpuArena(slotSize: 64, slotCount: 1, name: "storage")
        let slot = try #require(arena.claimSlot())
        var buffer: Buffer? = Buffer(storage: BufferStorage(arena: arena, slot: slot, owner: nil), length: 64)
        #expect(arena.freeSlotCount == 0)
        #expect(buffer?.storage.base == arena.address(ofSlot: slot))
        buffer = nil
        #expect(arena.freeSlotCount == 1)
    }
}
