import Foundation
import Glibc
import Synchronization
import Testing

@testable import ParallaxZenoh

/// The sending side's batch plan and gathered writes, and the receiving side's batch reader, over a real socket pair.
@Suite struct ZenohBatchTests {
    /// Runs `body` on a thread of its own (blocking socket calls must not hold the test's concurrency threads) and
    /// returns a function that waits for its result.
    private static func onThread<T: Sendable>(_ body: @escaping @Sendable () -> T) -> () -> T {
        let result = Mutex<T?>(nil), done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            let value = body()
            result.withLock { $0 = value }
            done.signal()
        }
        return {
            done.wait()
            return result.withLock { $0! }
        }
    }

    /// Reassembles what a plan's pieces put on the wire, batch by batch, as (header byte, sequence, carried bytes).
    private static func wire(_ plan: ZenohBatchPlan, head: [UInt8], tail: [UInt8]) -> [UInt8] {
        plan.headers.withUnsafeBytes { headers in
            head.withUnsafeBytes { head in
                tail.withUnsafeBytes { tail in
                    plan.pieces(headers: headers, head: head, tail: tail).flatMap { piece in
                        Array(UnsafeRawBufferPointer(start: piece.iov_base, count: piece.iov_len))
                    }
                }
            }
        }
    }

    private static func batches(_ wire: [UInt8]) throws -> [(header: UInt8, sequence: UInt64, body: [UInt8], size: Int)] {
        var result: [(UInt8, UInt64, [UInt8], Int)] = []
        var offset = 0
        while offset < wire.count {
            let length = Int(wire[offset]) | Int(wire[offset + 1]) << 8
            var reader = ZenohReader(wire, from: offset + 2, to: offset + 2 + length)
            let header = try reader.u8()
            let sequence = try reader.zint()
            result.append((header, sequence, Array(reader.rest()), 2 + length))
            offset += 2 + length
        }
        return result
    }

    @Test func aMessageThatFitsGoesInOneFrame() throws {
        let head: [UInt8] = [0x1D, 0x00], tail = [UInt8](repeating: 7, count: 100)
        let plan = ZenohBatchPlan(messageCount: 102, batchSize: 65_535, reliable: true, sequence: 300, sequenceMask: 0xFFFF_FFFF)
        let batches = try Self.batches(Self.wire(plan, head: head, tail: tail))
        #expect(batches.map(\.header) == [0x25])
        #expect(batches.map(\.sequence) == [300])
        #expect(batches[0].body == head + tail)
        #expect(plan.nextSequence == 301)
    }

    @Test func aLargeMessageIsCutIntoFragmentsThatFillTheBatchSize() throws {
        let head = [UInt8](repeating: 1, count: 10), tail = (0..<5_000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        let plan = ZenohBatchPlan(messageCount: 5_010, batchSize: 1_000, reliable: false, sequence: 126, sequenceMask: 0xFF)
        let batches = try Self.batches(Self.wire(plan, head: head, tail: tail))
        #expect(batches.allSatisfy { $0.size <= 1_000 })
        #expect(batches.dropLast().allSatisfy { $0.size >= 999 })  // full, but for the sequence number's length
        #expect(batches.map(\.header) == Array(repeating: 0x46, count: batches.count - 1) + [0x06])
        #expect(batches.map(\.sequence) == (0..<UInt64(batches.count)).map { (126 + $0) & 0xFF })
        #expect(batches.flatMap(\.body) == head + tail)
        #expect(plan.nextSequence == (126 + UInt64(batches.count)) & 0xFF)
    }

    @Test func aMessageOfOneMoreByteThanAFrameHoldsIsFragmented() throws {
        // 2 (length) + 1 (header) + 1 (sequence 5) + 996 = 1000: one FRAME; 997 bytes need two FRAGMENTs.
        let fits = ZenohBatchPlan(messageCount: 996, batchSize: 1_000, reliable: true, sequence: 5, sequenceMask: 0xFF)
        let over = ZenohBatchPlan(messageCount: 997, batchSize: 1_000, reliable: true, sequence: 5, sequenceMask: 0xFF)
        #expect(fits.batches.count == 1)
        #expect(over.batches.map(\.message) == [0..<996, 996..<997])
    }

    @Test func aGatheredWriteLargerThanTheSocketBufferArrivesWholeAndInOrder() throws {
        var pair: [Int32] = [-1, -1]
        #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &pair) == 0)
        defer { close(pair[0]) }
        var small: Int32 = 4096
        setsockopt(pair[0], SOL_SOCKET, SO_SNDBUF, &small, socklen_t(MemoryLayout<Int32>.size))
        // 3000 pieces (more than one sendmsg takes) of 1..700 bytes: several partial writes.
        let pieces = (0..<3_000).map { index in (0..<(1 + index % 700)).map { UInt8(truncatingIfNeeded: index &+ $0) } }
        let expected = pieces.flatMap { $0 }
        let reader = pair[1]
        let received = Self.onThread { () -> [UInt8] in
            defer { close(reader) }
            var all: [UInt8] = [], chunk = [UInt8](repeating: 0, count: 65_536)
            while true {
                let got = chunk.withUnsafeMutableBytes { recv(reader, $0.baseAddress, $0.count, 0) }
                if got <= 0 { return all }
                all += chunk[0..<got]
            }
        }
        let memory = pieces.map { piece in
            let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: piece.count, alignment: 1)
            copy.copyBytes(from: piece)
            return copy
        }
        defer { memory.forEach { $0.deallocate() } }
        var vectors = memory.map { iovec(UnsafeRawBufferPointer($0)) }
        guard case .sent = ZenohLink.write(&vectors, to: pair[0], dontWait: false) else {
            Issue.record("the gathered write failed")
            return
        }
        shutdown(pair[0], Int32(SHUT_WR))
        #expect(received() == expected)
    }

    @Test func aFullSocketDropsAWholeMessageWhenAskedNotToWait() throws {
        var pair: [Int32] = [-1, -1]
        #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &pair) == 0)
        defer { close(pair[0]); close(pair[1]) }
        let block = [UInt8](repeating: 1, count: 4096)
        var filled = 0
        while true {  // fill the socket until it takes nothing more
            let sent = block.withUnsafeBytes { send(pair[0], $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if sent <= 0 { break }
            filled += sent
        }
        #expect(filled > 0)
        guard case .busy = ZenohLink.write(batch: [1, 2, 3], to: pair[0], dontWait: true) else {
            Issue.record("a full socket did not give .busy")
            return
        }
    }

    @Test func theBatchReaderHandsOutBatchesWhereverTheReadsCutThem() throws {
        var pair: [Int32] = [-1, -1]
        #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &pair) == 0)
        defer { close(pair[0]); close(pair[1]) }
        // Batches of every size up to the largest, written in odd-sized pieces.
        let sizes = [0, 1, 2, 65_535, 300, 65_535, 65_535, 7, 40_000]
        let stream = sizes.enumerated().flatMap { index, size in
            [UInt8(truncatingIfNeeded: size), UInt8(truncatingIfNeeded: size >> 8)]
                + (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ index) }
        }
        var reader = ZenohBatchReader()
        #expect(reader.fill(from: pair[1], wait: false) == .empty)  // nothing sent yet: no waiting
        let writer = pair[0]
        let sending = Self.onThread {
            var offset = 0, step = 1
            while offset < stream.count {
                let end = min(stream.count, offset + step)
                _ = stream[offset..<end].withUnsafeBytes { send(writer, $0.baseAddress, $0.count, 0) }
                offset = end
                step = step * 3 + 1
            }
            shutdown(writer, Int32(SHUT_WR))
        }
        var got: [[UInt8]] = []
        var ended: String?
        while ended == nil {
            if let batch = reader.next() {
                got.append(Array(reader.buffer[batch]))
            } else if case .ended(let why) = reader.fill(from: pair[1]) {
                ended = why
            }
        }
        sending()
        #expect(ended == "the peer closed the connection")
        #expect(got.map(\.count) == sizes)
        #expect(got.flatMap { [UInt8(truncatingIfNeeded: $0.count), UInt8(truncatingIfNeeded: $0.count >> 8)] + $0 } == stream)
    }

    @Test func receivedPayloadsAreIndexedFromZeroAndCompare() {
        let message: [UInt8] = [9, 9, 1, 2, 3]
        let payload = ZenohBytes(message[2...])
        #expect(payload.count == 3)
        #expect(payload[0] == 1)
        #expect(Array(payload) == [1, 2, 3])
        #expect(payload == [1, 2, 3])
        #expect(payload.compacted() == payload)
        #expect(payload.withUnsafeBytes { Array($0) } == [1, 2, 3])
    }
}
