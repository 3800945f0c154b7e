#if Network
/// Cuts the OBU elements of one temporal unit into AV1 RTP payloads of at most `room` bytes — the
/// packetisation rules of the AV1 RTP payload specification (§4.4), apart from RTP headers and buffers.
///
/// Each payload starts with the aggregation header, then its OBU elements:
/// ```
///  0 1 2 3 4 5 6 7
/// +-+-+-+-+-+-+-+-+
/// |Z|Y| W |N|-|-|-|   Z: the first element continues an OBU from the previous packet
/// +-+-+-+-+-+-+-+-+   Y: the last element continues in the next packet
///                     W: elements in the packet (1-3; 0: every element has a length)
///                     N: first packet of a coded video sequence
/// [LEB128 length] OBU element  …  [LEB128 length unless W≠0 and last] OBU element
/// ```
/// With 1 to 3 elements W gives their number and the last element has no length; with more, W is 0 and
/// every element has a length. An OBU that does not fit in the room left is fragmented across packets.
///
/// Thread: any (a pure function).
enum AV1Packetizer {
    /// One payload: its bytes, aggregation header included.
    typealias Payload = [UInt8]

    /// The payloads for `elements` (OBUs without size fields, temporal delimiters already removed), each at
    /// most `room` bytes (`room` ≥ 2). `newSequence` sets N on the first payload.
    static func packetize(_ elements: [[UInt8]], room: Int, newSequence: Bool) -> [Payload] {
        var payloads: [Payload] = []
        var current: [ArraySlice<UInt8>] = []
        var queue = elements.map { $0[...] }
        var startsContinued = false

        func flush(continuing: Bool) {
            guard !current.isEmpty else { return }
            payloads.append(assemble(current, z: startsContinued, y: continuing, n: newSequence && payloads.isEmpty))
            current = []
            startsContinued = continuing
        }

        while !queue.isEmpty {
            let element = queue[0]
            let whole = size(of: current, plus: element.count)
            if whole <= room {
                current.append(element)
                queue.removeFirst()
                continue
            }
            // Fragment: as much as fits after what the packet holds.
            let fragment = largestFragment(after: current, room: room)
            if fragment < 1 {
                flush(continuing: false)
                continue
            }
            current.append(element.prefix(fragment))
            queue[0] = element.dropFirst(fragment)
            flush(continuing: true)
        }
        flush(continuing: false)
        return payloads
    }

    /// Bytes of a payload holding `elements` and then, if given, one more element of `extra` bytes.
    static func size(of elements: [ArraySlice<UInt8>], plus extra: Int?) -> Int {
        var counts = elements.map(\.count)
        if let extra { counts.append(extra) }
        guard !counts.isEmpty else { return 1 }
        let prefixed = counts.dropLast().reduce(0) { $0 + AV1OBU.leb128Size($1) + $1 }
        let last = counts[counts.count - 1]
        return 1 + prefixed + (counts.count <= 3 ? last : AV1OBU.leb128Size(last) + last)
    }

    /// The largest fragment that fits as the last element after `elements` in `room` bytes (may be ≤ 0).
    private static func largestFragment(after elements: [ArraySlice<UInt8>], room: Int) -> Int {
        let prefixed = 1 + elements.reduce(0) { $0 + AV1OBU.leb128Size($1.count) + $1.count }
        let space = room - prefixed
        if elements.count + 1 <= 3 { return space }
        var fragment = space - 1
        while fragment > 0, fragment + AV1OBU.leb128Size(fragment) > space { fragment -= 1 }
        return fragment
    }

    /// One payload's bytes.
    private static func assemble(_ elements: [ArraySlice<UInt8>], z: Bool, y: Bool, n: Bool) -> Payload {
        let w = elements.count <= 3 ? elements.count : 0
        var header = UInt8(w) << 4
        if z { header |= 0x80 }
        if y { header |= 0x40 }
        if n { header |= 0x08 }
        var payload: Payload = [header]
        for (index, element) in elements.enumerated() {
            if w == 0 || index < elements.count - 1 { payload += AV1OBU.leb128(element.count) }
            payload += element
        }
        return payload
    }
}
#endif  // Network
