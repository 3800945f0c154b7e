/// Splits an AV1 byte stream — low-overhead OBUs (`obu-stream`) or Annex B length-prefixed units — into
/// temporal units, bytes arriving in pieces of any size: the pure state machine behind `av1parse`.
///
/// ```
/// obu-stream: [TD][SH][frame][TD][frame] …    a unit ends where the next temporal delimiter begins
/// annexb:     temporal_unit_size { frame_unit_size { obu_length  OBU (size field optional) }… }…
/// ```
/// Every OBU goes out with its size field. Sizes are checked against `limit` before bytes are kept, so garbage
/// or a bogus LEB128 size is an error naming the byte, never a large allocation. With `.detect` the first bytes
/// decide: Annex B when they read as the sizes of an Annex B unit around a temporal delimiter, obu-stream
/// otherwise.
/// ```swift
/// var parser = AV1StreamParser(format: .obuStream, limit: 1 << 20)
/// parser.append(bytes)
/// while let unit = try parser.next() { … }
/// if let last = try parser.finish() { … }   // at end of stream
/// ```
/// Thread: any (a plain value, used by one thread at a time).
struct AV1StreamParser {
    /// How the stream frames its OBUs.
    enum Format: Equatable {
        /// Low-overhead bitstream format: every OBU has a size field.
        case obuStream
        /// Annex B: sizes before temporal units, frame units and OBUs.
        case annexB
        /// Decided from the stream's first bytes.
        case detect
    }

    /// The framing, once known.
    private(set) var format: Format
    /// The largest OBU or temporal unit kept, in bytes.
    let limit: Int
    /// The latest sequence header seen.
    private(set) var sequenceHeader: AV1SequenceHeader?

    private var pending: [UInt8] = []
    private var consumed = 0
    /// The stream offset of `pending[0]`.
    private var base = 0
    private var unit: AV1TemporalUnit?

    /// A parser for `format` keeping OBUs and units of at most `limit` bytes.
    init(format: Format, limit: Int) {
        self.format = format
        self.limit = limit
    }

    /// Bytes of the stream, in order.
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        if consumed > 0 {
            pending.removeFirst(consumed)
            base += consumed
            consumed = 0
        }
        pending += bytes
    }

    /// The next complete temporal unit, or nil until more bytes come.
    mutating func next() throws(AV1StreamProblem) -> AV1TemporalUnit? {
        if format == .detect {
            guard let detected = detect(final: false) else { return nil }
            format = detected
        }
        return format == .annexB ? try nextAnnexB() : try nextLowOverhead()
    }

    /// Ends a temporal unit at a buffer boundary (input aligned to temporal units): the OBUs gathered since the
    /// last delimiter, or nil if none. Bytes of an unfinished OBU are an error.
    mutating func endOfUnit() throws(AV1StreamProblem) -> AV1TemporalUnit? {
        if consumed < pending.count { throw .splitOBU(at: base + consumed) }
        defer { unit = nil }
        return unit
    }

    /// At end of stream: the last temporal unit, or nil. An unfinished OBU or unit is an error.
    mutating func finish() throws(AV1StreamProblem) -> AV1TemporalUnit? {
        if format == .detect, consumed < pending.count {
            format = detect(final: true) ?? .obuStream
            if let unit = try next() { return unit }  // an Annex B unit (an obu-stream one waits for the end)
        }
        if consumed < pending.count {
            throw format == .annexB ? .truncatedUnit(at: base + consumed) : .truncatedOBU(at: base + consumed)
        }
        defer { unit = nil }
        return unit
    }

    // MARK: Low-overhead format

    private mutating func nextLowOverhead() throws(AV1StreamProblem) -> AV1TemporalUnit? {
        while consumed < pending.count {
            let start = base + consumed
            let header = pending[consumed]
            guard header & 0x80 == 0 else { throw .forbiddenBit(at: start) }
            guard header & 0x02 != 0 else { throw .noSizeField(at: start) }
            let headerLength = header & 0x04 != 0 ? 2 : 1
            guard consumed + headerLength <= pending.count else { return nil }
            guard let (size, sizeLength) = try readSize(at: consumed + headerLength, owner: start) else { return nil }
            let total = headerLength + sizeLength + size
            guard total <= pending.count - consumed else { return nil }
            let type = header >> 3 & 0x0F
            if type == AV1OBU.Kind.temporalDelimiter.rawValue {
                guard size == 0 else { throw .badDelimiter(at: start, size: size) }
                let finished = unit
                var next = AV1TemporalUnit(start: start)
                next.hasDelimiter = true
                next.bytes = AV1OBU.temporalDelimiter
                next.obus = [0..<2]
                if total != 2 {  // a non-minimal zero size: keep the bytes as they are
                    next.bytes = Array(pending[consumed..<consumed + total])
                    next.obus = [0..<total]
                }
                unit = next
                consumed += total
                if let finished { return finished }
                continue
            }
            let payloadStart = consumed + headerLength + sizeLength
            try note(type: type, payload: pending[payloadStart..<payloadStart + size], at: start)
            var current = unit ?? AV1TemporalUnit(start: start)
            guard current.bytes.count + total <= limit else { throw .unitTooLarge(at: current.start, limit: limit) }
            pending.withUnsafeBytes {
                current.append(raw: UnsafeRawBufferPointer(rebasing: $0[consumed..<consumed + total]))
            }
            if type == AV1OBU.Kind.sequenceHeader.rawValue { current.sequenceHeader = sequenceHeader }
            if isKey(type: type, payload: pending[payloadStart..<payloadStart + size]) { current.isKeyFrame = true }
            unit = current
            consumed += total
        }
        return nil
    }

    // MARK: Annex B

    private mutating func nextAnnexB() throws(AV1StreamProblem) -> AV1TemporalUnit? {
        while let unit = try nextAnnexBUnit() {
            if !unit.obus.isEmpty { return unit }
        }
        return nil
    }

    private mutating func nextAnnexBUnit() throws(AV1StreamProblem) -> AV1TemporalUnit? {
        guard consumed < pending.count else { return nil }
        let start = base + consumed
        guard let (size, sizeLength) = try readSize(at: consumed, owner: start) else { return nil }
        guard sizeLength + size <= pending.count - consumed else { return nil }
        var current = AV1TemporalUnit(start: start)
        var cursor = consumed + sizeLength
        let end = cursor + size
        while cursor < end {
            let frameStart = base + cursor
            guard let (frameSize, frameLength) = leb128(at: cursor, end: end), frameSize <= end - cursor - frameLength
            else { throw .badFrameUnit(at: frameStart) }
            cursor += frameLength
            let frameEnd = cursor + frameSize
            while cursor < frameEnd {
                let obuStart = base + cursor
                guard let (length, lengthSize) = leb128(at: cursor, end: frameEnd),
                    length >= 1, length <= frameEnd - cursor - lengthSize
                else { throw .badOBULength(at: obuStart) }
                cursor += lengthSize
                let obuEnd = cursor + length
                let header = pending[cursor]
                guard header & 0x80 == 0 else { throw .forbiddenBit(at: base + cursor) }
                let hasExtension = header & 0x04 != 0
                var payloadStart = cursor + (hasExtension ? 2 : 1)
                guard payloadStart <= obuEnd else { throw .badOBULength(at: obuStart) }
                var payloadEnd = obuEnd
                if header & 0x02 != 0 {
                    guard let (inner, innerLength) = leb128(at: payloadStart, end: obuEnd),
                        inner <= obuEnd - payloadStart - innerLength
                    else { throw .badSize(at: base + cursor) }
                    payloadStart += innerLength
                    payloadEnd = payloadStart + inner
                }
                let type = header >> 3 & 0x0F
                let payload = pending[payloadStart..<payloadEnd]
                if type == AV1OBU.Kind.temporalDelimiter.rawValue {
                    guard payload.isEmpty else { throw .badDelimiter(at: base + cursor, size: payload.count) }
                    guard current.obus.isEmpty else {  // a second delimiter inside one unit: dropped
                        cursor = obuEnd
                        continue
                    }
                    current.hasDelimiter = true
                }
                try note(type: type, payload: payload, at: base + cursor)
                let extensionByte = hasExtension ? pending[cursor + 1] : nil
                pending.withUnsafeBytes { bytes in
                    current.append(
                        header: header & ~0x02, extensionByte: extensionByte,
                        payload: UnsafeRawBufferPointer(rebasing: bytes[payloadStart..<payloadEnd]))
                }
                if type == AV1OBU.Kind.sequenceHeader.rawValue { current.sequenceHeader = sequenceHeader }
                if isKey(type: type, payload: payload) { current.isKeyFrame = true }
                cursor = obuEnd
            }
        }
        consumed = end
        return current
    }

    /// The sequence header in an Annex B stream's first frame unit, read from the first bytes only (a key-frame
    /// unit is often larger than what is read ahead before negotiation); nil when there is none or it is cut.
    static func annexBSequenceHeader(in bytes: [UInt8]) -> AV1SequenceHeader? {
        let parser = AV1StreamParser(format: .annexB, limit: Int(UInt32.max), pending: bytes)
        guard let (_, unitLength) = parser.leb128(at: 0, end: bytes.count),
            let (frameSize, frameLength) = parser.leb128(at: unitLength, end: bytes.count)
        else { return nil }
        var cursor = unitLength + frameLength
        let end = min(bytes.count, cursor + frameSize)
        while let (length, lengthSize) = parser.leb128(at: cursor, end: end), length >= 1 {
            cursor += lengthSize
            guard cursor < end else { return nil }
            let header = bytes[cursor]
            var payloadStart = cursor + (header & 0x04 != 0 ? 2 : 1)
            var payloadEnd = cursor + length
            if header & 0x02 != 0, let (inner, innerLength) = parser.leb128(at: payloadStart, end: end) {
                payloadStart += innerLength
                payloadEnd = payloadStart + inner
            }
            guard payloadStart <= payloadEnd, payloadEnd <= end else { return nil }
            if header >> 3 & 0x0F == AV1OBU.Kind.sequenceHeader.rawValue {
                return AV1SequenceHeader(payload: bytes[payloadStart..<payloadEnd])
            }
            cursor += length
        }
        return nil
    }

    private init(format: Format, limit: Int, pending: [UInt8]) {
        self.init(format: format, limit: limit)
        self.pending = pending
    }

    // MARK: Shared

    /// Reads an OBU's sequence header into `sequenceHeader`.
    private mutating func note(type: UInt8, payload: ArraySlice<UInt8>, at start: Int) throws(AV1StreamProblem) {
        guard type == AV1OBU.Kind.sequenceHeader.rawValue else { return }
        guard let header = AV1SequenceHeader(payload: payload) else { throw .badSequenceHeader(at: start) }
        sequenceHeader = header
    }

    /// Whether an OBU carries a sequence header or the header of a shown key frame (`show_existing_frame` 0,
    /// `frame_type` KEY_FRAME; every frame under a reduced still-picture header).
    private func isKey(type: UInt8, payload: ArraySlice<UInt8>) -> Bool {
        switch type {
        case AV1OBU.Kind.sequenceHeader.rawValue: return true
        case AV1OBU.Kind.frame.rawValue, AV1OBU.Kind.frameHeader.rawValue:
            if sequenceHeader?.reducedStillPicture == true { return true }
            var bits = AV1BitReader(payload)
            return !bits.flag() && bits.read(2) == 0 && !bits.overrun
        default: return false
        }
    }

    /// A size field at `index`, for the OBU or unit at stream offset `owner`: nil while its bytes have not all
    /// arrived; an error when it is malformed or larger than `limit`.
    private func readSize(at index: Int, owner: Int) throws(AV1StreamProblem) -> (Int, Int)? {
        var value: UInt64 = 0
        for offset in 0..<8 {
            guard index + offset < pending.count else { return nil }
            let byte = pending[index + offset]
            value |= UInt64(byte & 0x7F) << (7 * UInt64(offset))
            if byte & 0x80 == 0 {
                guard value <= UInt64(UInt32.max) else { throw .badSize(at: owner) }
                guard value <= UInt64(limit) else { throw .obuTooLarge(at: owner, size: Int(value), limit: limit) }
                return (Int(value), offset + 1)
            }
        }
        throw .badSize(at: owner)
    }

    /// A LEB128 value wholly before `end`, or nil.
    private func leb128(at index: Int, end: Int) -> (Int, Int)? {
        var value: UInt64 = 0
        for offset in 0..<8 {
            guard index + offset < end else { return nil }
            let byte = pending[index + offset]
            value |= UInt64(byte & 0x7F) << (7 * UInt64(offset))
            if byte & 0x80 == 0 { return value <= UInt64(UInt32.max) ? (Int(value), offset + 1) : nil }
        }
        return nil
    }

    /// Annex B when the stream starts as an Annex B temporal unit does (`temporal_unit_size`, `frame_unit_size`,
    /// `obu_length`, then a temporal delimiter's header without a size field, all fitting one another);
    /// obu-stream otherwise. Nil while too few bytes have come to tell (unless `final`).
    private func detect(final: Bool) -> Format? {
        if pending.count - consumed >= 2, pending[consumed] == 0x12, pending[consumed + 1] == 0 { return .obuStream }
        var index = consumed
        var sizes: [Int] = []
        while sizes.count < 3 {
            guard index < pending.count else { return final ? .obuStream : nil }
            guard let (value, length) = leb128(at: index, end: pending.count) else {
                // Either malformed (obu-stream's errors will name it) or not all here yet.
                return final || pending.count - index >= 8 ? .obuStream : nil
            }
            sizes.append(value)
            index += length
        }
        guard index < pending.count else { return final ? .obuStream : nil }
        let header = pending[index]
        let fits = sizes[1] >= 1 && sizes[1] < sizes[0] && sizes[2] >= 1 && sizes[2] < sizes[1]
        return fits && header & 0x80 == 0 && header >> 3 & 0x0F == AV1OBU.Kind.temporalDelimiter.rawValue
            ? .annexB : .obuStream
    }
}
