/// One temporal unit as `av1parse` gathered it: its OBUs in the low-overhead format (every OBU with its size
/// field), where each OBU lies, and what the parser learnt from them.
///
/// ```
/// bytes:  [TD 12 00][sequence header 0A …][frame 32 …] …
/// obus:   0..<2      2..<n                 n..<m
/// ```
/// Thread: any (a plain value).
struct AV1TemporalUnit: Sendable, Equatable {
    /// The OBUs, each with a size field.
    var bytes: [UInt8] = []
    /// Each OBU's range in `bytes`.
    var obus: [Range<Int>] = []
    /// The stream offset of the unit's first byte (in the parser's input).
    var start: Int
    /// Whether it begins with a temporal delimiter (one is prepended on output where it does not).
    var hasDelimiter = false
    /// Whether it shows a key frame (`frame_type` KEY_FRAME) or carries a sequence header.
    var isKeyFrame = false
    /// The sequence header it carries, if any.
    var sequenceHeader: AV1SequenceHeader?

    /// A unit starting at stream offset `start`.
    init(start: Int) { self.start = start }

    /// The unit as output: `bytes`, after a temporal delimiter when it has none.
    var withDelimiter: [UInt8] { hasDelimiter ? bytes : AV1OBU.temporalDelimiter + bytes }

    /// The unit in Annex B: `temporal_unit_size`, then frame units (`frame_unit_size`), each OBU after its
    /// `obu_length` and without its size field. A frame unit begins at each frame or frame header OBU after the
    /// first; the delimiter, sequence header and metadata before it belong to the first.
    var annexB: [UInt8] {
        var frameUnits: [[UInt8]] = []
        var current: [UInt8] = []
        var currentHasFrame = false
        let all = (hasDelimiter ? [] : [AV1OBU.temporalDelimiter[...]]) + obus.map { bytes[$0] }
        for obu in all {
            let header = obu[obu.startIndex]
            let type = header >> 3 & 0x0F
            let isFrame = type == AV1OBU.Kind.frame.rawValue || type == AV1OBU.Kind.frameHeader.rawValue
            if isFrame, currentHasFrame {
                frameUnits.append(current)
                current = []
                currentHasFrame = false
            }
            currentHasFrame = currentHasFrame || isFrame
            let headerLength = header & 0x04 != 0 ? 2 : 1
            // Size fields are written by this type, so they are well formed.
            let (size, sizeLength) =
                obu.withUnsafeBytes { AV1OBU.readLEB128($0, at: headerLength) } ?? (obu.count - headerLength, 0)
            let payloadStart = obu.startIndex + headerLength + sizeLength
            let element =
                [header & ~0x02] + obu[(obu.startIndex + 1)..<(obu.startIndex + headerLength)]
                + obu[payloadStart..<(payloadStart + size)]
            current += AV1OBU.leb128(element.count) + element
        }
        if !current.isEmpty { frameUnits.append(current) }
        let body = frameUnits.flatMap { AV1OBU.leb128($0.count) + $0 }
        return AV1OBU.leb128(body.count) + body
    }

    /// Appends an OBU given as its header byte(s) and payload (its size field is written here).
    mutating func append(header: UInt8, extensionByte: UInt8?, payload: UnsafeRawBufferPointer) {
        let start = bytes.count
        bytes.append(header | 0x02)
        if let extensionByte { bytes.append(extensionByte) }
        bytes += AV1OBU.leb128(payload.count)
        bytes += payload
        obus.append(start..<bytes.count)
    }

    /// Appends an OBU as it already is (with its size field).
    mutating func append(raw: UnsafeRawBufferPointer) {
        let start = bytes.count
        bytes += raw
        obus.append(start..<bytes.count)
    }
}
