import Glibc

/// How one network message is cut into batches: in one FRAME when it fits, else in FRAGMENTs that fill the
/// negotiated batch size — each batch's 2-byte length and transport header, and the part of the message it carries.
///
/// ```
/// message (head ++ tail, 150 000 bytes), batch size 65 535:
///   [len|FRAGMENT M sn  ][ head … tail[0..<65 5xx]    ]
///   [len|FRAGMENT M sn+1][ tail[…]                     ]
///   [len|FRAGMENT   sn+2][ tail[…] (the rest)          ]
/// ```
/// A batch and its length prefix together stay within the batch size (zenoh 1.10 drops the link otherwise).
/// Thread: a value.
struct ZenohBatchPlan {
    /// Every batch's length prefix and transport header, one after another.
    let headers: [UInt8]
    /// Each batch: its header's range in `headers` and the range of the message it carries.
    let batches: [(header: Range<Int>, message: Range<Int>)]
    /// The sequence number after the last batch's.
    let nextSequence: UInt64

    /// The plan for a message of `messageCount` bytes starting at sequence number `sequence`.
    init(messageCount: Int, batchSize: Int, reliable: Bool, sequence: UInt64, sequenceMask: UInt64) {
        var writer = ZenohWriter(capacity: 16)
        var batches: [(header: Range<Int>, message: Range<Int>)] = []
        var sequence = sequence
        func add(_ id: UInt8, _ message: Range<Int>) {
            let start = writer.count
            writer.u16(UInt16(1 + ZenohWriter.zintLength(sequence) + message.count))
            writer.u8(id | (reliable ? 0x20 : 0))
            writer.zint(sequence)
            batches.append((start..<writer.count, message))
            sequence = (sequence &+ 1) & sequenceMask
        }
        if 2 + 1 + ZenohWriter.zintLength(sequence) + messageCount <= batchSize {
            add(0x05, 0..<messageCount)
        } else {
            var offset = 0
            while offset < messageCount {
                let end = min(messageCount, offset + batchSize - 2 - 1 - ZenohWriter.zintLength(sequence))
                add(0x06 | (end < messageCount ? 0x40 : 0), offset..<end)
                offset = end
            }
        }
        headers = writer.bytes
        self.batches = batches
        nextSequence = sequence
    }

    /// The pieces to write, in order: each batch's header from `headers` (this plan's, in memory), then its part
    /// of the message, which is `head` followed by `tail`.
    func pieces(headers: UnsafeRawBufferPointer, head: UnsafeRawBufferPointer, tail: UnsafeRawBufferPointer) -> [iovec] {
        var pieces: [iovec] = []
        pieces.reserveCapacity(3 * batches.count)
        for batch in batches {
            pieces.append(iovec(UnsafeRawBufferPointer(rebasing: headers[batch.header])))
            let inHead = batch.message.clamped(to: 0..<head.count)
            if !inHead.isEmpty { pieces.append(iovec(UnsafeRawBufferPointer(rebasing: head[inHead]))) }
            let inTail = batch.message.clamped(to: head.count..<head.count + tail.count)
            if !inTail.isEmpty {
                pieces.append(iovec(UnsafeRawBufferPointer(rebasing: tail[(inTail.lowerBound - head.count)..<(inTail.upperBound - head.count)])))
            }
        }
        return pieces
    }
}
