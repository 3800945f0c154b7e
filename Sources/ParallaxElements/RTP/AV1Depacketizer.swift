#if Network
/// Rebuilds AV1 temporal units from the payloads of AV1 RTP packets (AV1 RTP payload specification §4–5),
/// apart from buffers and threads: a pure state machine fed one packet at a time.
///
/// OBU elements are joined across packets (Z and Y bits), given back their size fields, and collected until
/// the packet with the marker bit, when the temporal unit goes out behind a temporal delimiter OBU. A
/// sequence-number gap, a fragment whose start never came, a malformed payload, or a new timestamp before
/// the marker drops the temporal unit being built, with a reason; building resumes at the next temporal
/// unit (after the next marker, or at a new timestamp).
///
/// Thread: the owning element's streaming thread.
struct AV1Depacketizer {
    /// What one packet produced.
    enum Output: Equatable {
        /// A whole temporal unit: a temporal delimiter then every OBU with its size field.
        case temporalUnit([UInt8], timestamp: UInt32)
        /// A temporal unit was thrown away, and why.
        case dropped(reason: String)
    }

    /// The largest temporal unit built, in bytes; larger ones are dropped.
    let limit: Int

    private var unit: [UInt8] = []
    private var fragment: [UInt8]?
    private var timestamp: UInt32?
    private var broken = false
    private var expected: UInt16?

    /// A depacketizer building temporal units of up to `limit` bytes.
    init(limit: Int) { self.limit = limit }

    /// Takes one packet's payload (after the RTP header) with its header fields.
    mutating func push(_ payload: UnsafeRawBufferPointer, sequence: UInt16, timestamp: UInt32, marker: Bool) -> [Output]
    {
        var outputs: [Output] = []
        let gap = expected.map { $0 != sequence } ?? false
        expected = sequence &+ 1
        if let current = self.timestamp, current != timestamp {
            if !broken, !unit.isEmpty || fragment != nil {
                outputs.append(
                    .dropped(reason: "the temporal unit at RTP timestamp \(current) ended without a marker packet"))
            }
            reset()
        }
        if gap {
            if !broken, !unit.isEmpty || fragment != nil || self.timestamp == timestamp {
                outputs.append(
                    .dropped(
                        reason:
                            "packet \(sequence &- 1) (or more) was lost in the temporal unit at RTP timestamp \(timestamp)"
                    ))
            } else if !broken {
                outputs.append(
                    .dropped(
                        reason:
                            "packet \(sequence &- 1) (or more) was lost before the temporal unit at RTP timestamp \(timestamp)"
                    ))
            }
            broken = true
            unit = []
            fragment = nil
        }
        self.timestamp = timestamp
        if !broken, let problem = take(payload, sequence: sequence) {
            outputs.append(.dropped(reason: problem))
            broken = true
            unit = []
            fragment = nil
        }
        if marker {
            if !broken {
                if fragment != nil {
                    outputs.append(
                        .dropped(reason: "packet \(sequence) has the marker bit but its last OBU continues (Y=1)"))
                } else if !unit.isEmpty {
                    outputs.append(.temporalUnit([0x12, 0x00] + unit, timestamp: timestamp))
                }
            }
            reset()
        }
        return outputs
    }

    private mutating func reset() {
        unit = []
        fragment = nil
        broken = false
        timestamp = nil
    }

    /// Adds the packet's OBU elements; a reason when the packet cannot be used.
    private mutating func take(_ payload: UnsafeRawBufferPointer, sequence: UInt16) -> String? {
        guard payload.count >= 1 else { return "packet \(sequence) has no aggregation header" }
        let header = payload[0]
        let z = header & 0x80 != 0, y = header & 0x40 != 0, w = Int(header >> 4 & 0x03)
        var elements: [Range<Int>] = []
        var cursor = 1
        while cursor < payload.count {
            let isLast = w != 0 && elements.count == w - 1
            if isLast {
                elements.append(cursor..<payload.count)
                cursor = payload.count
                break
            }
            guard let (length, size) = AV1OBU.readLEB128(payload, at: cursor), length <= payload.count - cursor - size
            else {
                return "packet \(sequence) has an OBU element length at byte \(cursor) that runs past its end"
            }
            elements.append(cursor + size..<cursor + size + length)
            cursor += size + length
        }
        if w != 0, elements.count != w {
            return "packet \(sequence) holds \(elements.count) OBU elements where its W field says \(w)"
        }
        if z, fragment == nil { return "packet \(sequence) continues an OBU whose first part was not received" }
        if !z, fragment != nil { return "packet \(sequence) does not continue the OBU fragment of the previous packet" }
        for (index, range) in elements.enumerated() {
            var bytes = index == 0 && z ? fragment ?? [] : []
            fragment = nil
            guard bytes.count + range.count <= limit else {
                return "an OBU in packet \(sequence) exceeds \(limit) bytes"
            }
            bytes += UnsafeRawBufferPointer(rebasing: payload[range])
            if index == elements.count - 1, y {
                fragment = bytes
                continue
            }
            guard let problem = append(obu: bytes, sequence: sequence) else { continue }
            return problem
        }
        return nil
    }

    /// Adds one whole OBU element to the unit with its size field set; a reason when it is malformed.
    private mutating func append(obu bytes: [UInt8], sequence: UInt16) -> String? {
        guard let first = bytes.first else { return "packet \(sequence) has an empty OBU element" }
        guard first & 0x80 == 0 else { return "an OBU in packet \(sequence) has its forbidden bit set" }
        let headerSize = first & 0x04 != 0 ? 2 : 1
        guard bytes.count >= headerSize else { return "an OBU in packet \(sequence) is shorter than its header" }
        var payloadStart = headerSize
        var payloadEnd = bytes.count
        if first & 0x02 != 0 {
            // A sender may keep the size field: trust it only within the element.
            guard let (size, length) = bytes.withUnsafeBytes({ AV1OBU.readLEB128($0, at: headerSize) }),
                size <= bytes.count - headerSize - length
            else { return "an OBU in packet \(sequence) has a size field that runs past its element" }
            payloadStart = headerSize + length
            payloadEnd = payloadStart + size
        }
        let payloadSize = payloadEnd - payloadStart
        let type = first >> 3 & 0x0F
        if type == AV1OBU.Kind.temporalDelimiter.rawValue || type == AV1OBU.Kind.tileList.rawValue { return nil }
        let obu = [first | 0x02] + bytes[1..<headerSize] + AV1OBU.leb128(payloadSize) + bytes[payloadStart..<payloadEnd]
        guard unit.count + obu.count + 2 <= limit else { return "the temporal unit exceeds \(limit) bytes" }
        unit += obu
        return nil
    }
}
#endif  // Network
