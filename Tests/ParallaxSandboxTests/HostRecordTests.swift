import ParallaxCore
import ParallaxRuntime
import ParallaxSandbox
import Testing

@Suite struct HostRecordTests {
    static let orders: [HostRequest] = [
        .control,
        .work(WorkOrder(element: 0, input: nil, output: SlotReference(arena: 3, slot: 7, length: 4096), metadata: BufferMetadata(sequence: 9))),
        .work(WorkOrder(
            element: 65535, input: SlotReference(arena: 1, slot: 2, length: 3), output: nil,
            metadata: BufferMetadata(pts: .seconds(1), dts: .zero, duration: .milliseconds(40), offset: 5, offsetEnd: 6, sequence: 7, flags: [.discont, .gap]))),
        .work(WorkOrder(element: 2, input: nil, output: nil, metadata: BufferMetadata(), drain: true)),
        .emitSlot(SlotReference(arena: 4, slot: 1, length: 1400)),
        .emitSlot(nil),
        .emitStatus(.ok),
        .emitStatus(.eos),
    ]

    static let replies: [HostReply] = [
        .failed, .needOutput, .posted,
        .done(WorkResult(status: .dropped, outputLength: 12, metadata: BufferMetadata(sequence: 4))),
        .emitted(
            WorkResult(status: .ok, outputLength: 1400, metadata: BufferMetadata(pts: .milliseconds(3), sequence: 8)),
            slot: SlotReference(arena: 4, slot: 1, length: 1400)),
    ]

    @Test func requestsAndRepliesRoundTrip() {
        let bytes = UnsafeMutableRawPointer.allocate(byteCount: ringRecordSize, alignment: 8)
        defer { bytes.deallocate() }
        for order in Self.orders {
            order.store(to: bytes)
            #expect(HostRequest.load(from: bytes) == order)
        }
        for reply in Self.replies {
            reply.store(to: bytes)
            #expect(HostReply.load(from: bytes) == reply)
        }
    }

    @Test func recordsNoHonestWriterMakesDoNotDecode() {
        let bytes = UnsafeMutableRawPointer.allocate(byteCount: ringRecordSize, alignment: 8)
        defer { bytes.deallocate() }
        bytes.initializeMemory(as: UInt8.self, repeating: 0, count: ringRecordSize)
        bytes.storeBytes(of: UInt32(5), as: UInt32.self)
        #expect(HostRequest.load(from: bytes) == nil)  // unknown kind
        #expect(HostReply.load(from: bytes) == nil)
        bytes.storeBytes(of: UInt32(0), as: UInt32.self)
        bytes.storeBytes(of: UInt32(70_000), toByteOffset: 4, as: UInt32.self)
        #expect(HostRequest.load(from: bytes) == nil)  // element index beyond 16 bits
        bytes.storeBytes(of: UInt32(0), toByteOffset: 4, as: UInt32.self)
        bytes.storeBytes(of: UInt32(8), toByteOffset: 8, as: UInt32.self)
        #expect(HostRequest.load(from: bytes) == nil)  // unknown slot bits
        bytes.storeBytes(of: UInt32(2), as: UInt32.self)
        bytes.storeBytes(of: UInt32(2), toByteOffset: 8, as: UInt32.self)
        #expect(HostRequest.load(from: bytes) == nil)  // an emit slot with unknown bits
        bytes.storeBytes(of: UInt32(3), as: UInt32.self)
        bytes.storeBytes(of: UInt32(9), toByteOffset: 4, as: UInt32.self)
        #expect(HostRequest.load(from: bytes) == nil)  // an emit status that is no status
        bytes.storeBytes(of: UInt32(0), as: UInt32.self)
        bytes.storeBytes(of: UInt32(0), toByteOffset: 8, as: UInt32.self)
        bytes.storeBytes(of: UInt32(3), toByteOffset: 4, as: UInt32.self)
        #expect(HostReply.load(from: bytes) == nil)  // unknown status
    }
}
