import Glibc
import ParallaxCore
import ParallaxRuntime
import Testing

@Suite struct SharedRingTests {
    static func entry(_ n: UInt32) -> SlotEntry {
        SlotEntry(
            arena: n, slot: n &* 3, length: UInt64(n) * 100,
            metadata: BufferMetadata(pts: .milliseconds(UInt64(n)), sequence: UInt64(n), flags: n % 2 == 0 ? .discont : []))
    }

    @Test func entriesCrossAMappingInOrderAndWrapAround() throws {
        let ring = try SlotRing(capacity: 4, name: "test-ring")
        let peer = try SlotRing(mapping: dup(ring.fileDescriptor), capacity: 4)
        var popped: [SlotEntry] = []
        for n in UInt32(0)..<10 {
            #expect(try ring.tryPush(Self.entry(n)))
            if n % 2 == 1 {
                while let got = try peer.tryPop() { popped.append(got) }
            }
        }
        #expect(popped == (0..<10).map { Self.entry($0) })
        #expect(try peer.tryPop() == nil)
    }

    @Test func aFullRingRefusesAndEndOfStreamIsAnEntry() throws {
        let ring = try SlotRing(capacity: 2, name: "test-ring")
        #expect(try ring.tryPush(Self.entry(1)))
        #expect(try ring.tryPush(.endOfStream))
        #expect(try !ring.tryPush(Self.entry(2)))
        #expect(ring.count == 2)
        #expect(try ring.tryPop() == Self.entry(1))
        #expect(try ring.tryPop()?.kind == .endOfStream)
    }

    @Test func aPeerThatCorruptsThePositionsOrTheEntriesIsCaught() throws {
        let ring = try SlotRing(capacity: 4, name: "test-ring")
        let size = SlotRing.byteCount(capacity: 4)
        let raw = try #require(mmap(nil, size, PROT_READ | PROT_WRITE, MAP_SHARED, ring.fileDescriptor, 0))
        defer { munmap(raw, size) }
        #expect(try ring.tryPush(Self.entry(1)))
        raw.storeBytes(of: UInt32(77), toByteOffset: 256, as: UInt32.self)  // an entry kind nobody writes
        #expect(throws: SharedRingError.corrupt("a record that does not decode")) { try ring.tryPop() }
        raw.storeBytes(of: UInt64(1_000), as: UInt64.self)  // head far past tail
        #expect(throws: SharedRingError.corrupt("the producer's position is out of range")) { try ring.tryPop() }
        #expect(throws: SharedRingError.corrupt("the consumer moved its position past the producer's")) {
            raw.storeBytes(of: UInt64(2_000), toByteOffset: 64, as: UInt64.self)
            _ = try ring.tryPush(Self.entry(2))
        }
    }

    @Test func capacitiesAndMappingsAreChecked() throws {
        #expect(throws: SharedRingError.badCapacity(3)) { _ = try SlotRing(capacity: 3, name: "bad") }
        let ring = try SlotRing(capacity: 4, name: "small")
        let fd = dup(ring.fileDescriptor)
        #expect(throws: SharedRingError.corrupt("the ring's memfd is too small or not sealed against shrinking")) {
            _ = try SlotRing(mapping: fd, capacity: 1024)
        }
        close(fd)
    }
}
