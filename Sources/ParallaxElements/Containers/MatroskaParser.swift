import ParallaxCore

/// The Matroska/WebM demuxer's state machine: takes the stream's bytes in any pieces and hands back the tracks
/// and then each frame, reading EBML with bounded sizes.
///
/// ```
/// append(bytes) ─► next() ─► .tracks([MatroskaTrack])          at the end of Tracks
///                         ─► .frame(track, pts, keyframe, bytes) per SimpleBlock / BlockGroup
///                         ─► .frameStart(…, size), .framePart(bytes)…  a selected SimpleBlock still arriving
///                         ─► nil                                 more bytes needed
/// ```
/// Once a track is selected, a SimpleBlock of that track whose frame has not fully arrived is streamed: its
/// header gives `.frameStart`, and its bytes come as `.framePart`s as they arrive (or are taken straight from
/// the demuxer's input with `takeStreamedBytes`), so a large frame is never gathered here first. Blocks of
/// other tracks are skipped as they stream past.
/// Only the elements it reads are buffered (frames up to `maxFrameSize`, other values up to 1 MiB); everything
/// else is skipped as it streams past. A size that cannot be right (beyond its parent, over a limit, unknown
/// where Matroska does not allow it), an invalid ID or a missing EBML header throws an error naming the element
/// ID and its byte position; `finish()` reports a stream cut inside an element.
/// ```swift
/// var parser = MatroskaParser(maxFrameSize: 1 << 20)
/// parser.append(chunk)
/// while let event = try parser.next() { … }
/// try parser.finish()
/// ```
/// Thread: any; a plain value (the demuxer calls it from its streaming thread).
struct MatroskaParser: Sendable {
    /// What the parser found.
    enum Event: Sendable, Hashable {
        /// Every track, at the end of the Tracks element.
        case tracks([MatroskaTrack])
        /// One frame of track `track` at `pts`; `payload` is valid until the next call.
        case frame(track: UInt64, pts: ClockTime, keyframe: Bool, payload: ArraySlice<UInt8>)
        /// A frame of the selected track begins; its `size` bytes follow as `.framePart`s.
        case frameStart(track: UInt64, pts: ClockTime, keyframe: Bool, size: Int)
        /// The next bytes of the frame begun by `.frameStart`; valid until the next call.
        case framePart(ArraySlice<UInt8>)
    }

    /// The largest frame accepted, in bytes.
    let maxFrameSize: Int
    /// The largest other element read, in bytes.
    static let maxValueSize = 1 << 20
    /// The most bytes a block's header (track number, time, flags) takes before its frame.
    static let blockHeaderRoom = 11
    /// Frames of other tracks are skipped when set.
    var selectedTrack: UInt64?
    /// The DocType of the EBML header (`matroska`, `webm`).
    private(set) var docType = ""
    /// The tracks, once Tracks has ended.
    private(set) var tracks: [MatroskaTrack] = []

    private var data: [UInt8] = []
    private var head = 0
    private var base: UInt64 = 0
    private var skipRemaining: UInt64 = 0
    private var stack: [(id: UInt32, end: UInt64?)] = []
    private var sawHeader = false
    private var waiting: (id: UInt32, start: UInt64, size: UInt64)?
    private var timecodeScale: UInt64 = 1_000_000
    private var clusterTime: UInt64 = 0
    private var entry: MatroskaTrack?
    private var entryEncoded = false
    private var encodedTracks: Set<UInt64> = []
    private var groupBlock: (track: UInt64, pts: ClockTime, payload: [UInt8])?
    private var groupReferences = false

    /// A parser accepting frames of up to `maxFrameSize` bytes.
    init(maxFrameSize: Int) {
        self.maxFrameSize = maxFrameSize
    }

    /// The stream position of the next byte to read.
    var position: UInt64 { base + UInt64(head) }

    /// Bytes of the streamed frame (`.frameStart`) not handed out yet.
    private(set) var frameRemaining = 0

    /// Bytes appended and not read yet.
    var bufferedCount: Int { data.count - head }

    /// Counts `count` bytes of the streamed frame as read: the demuxer copied them from its input itself,
    /// without appending them. Only while nothing is buffered (`bufferedCount == 0`).
    mutating func takeStreamedBytes(_ count: Int) {
        precondition(bufferedCount == 0 && count <= frameRemaining, "streamed bytes taken out of order")
        base += UInt64(count)
        frameRemaining -= count
        if frameRemaining == 0 { waiting = nil }
    }

    /// Adds the stream's next bytes.
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        data.append(contentsOf: bytes)
    }

    /// The next event, or nil when more bytes are needed.
    mutating func next() throws(ElementError) -> Event? {
        while true {
            if frameRemaining > 0 {
                let count = min(frameRemaining, data.count - head)
                guard count > 0 else { return needMore() }
                let part = data[head..<(head + count)]
                head += count
                frameRemaining -= count
                if frameRemaining == 0 { waiting = nil }
                return .framePart(part)
            }
            if skipRemaining > 0 {
                let n = min(skipRemaining, UInt64(data.count - head))
                head += Int(n)
                skipRemaining -= n
                if skipRemaining > 0 { return needMore() }
                waiting = nil
            }
            if let event = try closeFinishedElements() { return event }
            let start = position
            let at = head
            let headerRead = data.withUnsafeBytes { bytes in
                Result { () throws(ElementError) in try EBMLReader.header(in: bytes, at: at, position: start) }
            }
            guard let header = try headerRead.get() else { return needMore() }
            if !sawHeader, header.id != MatroskaID.ebml {
                throw ElementError(
                    "not a Matroska stream: the element at byte \(start) is \(MatroskaID.hex(header.id)), not the EBML header 0x1A45DFA3"
                )
            }
            if let top = stack.last, top.id == MatroskaID.cluster, top.end == nil,
                MatroskaID.segmentChildren.contains(header.id)
            {
                stack.removeLast()
                continue
            }
            let parent = stack.last?.id
            let payloadStart = start + UInt64(header.headerLength)
            guard let size = header.size else {
                guard header.id == MatroskaID.segment || header.id == MatroskaID.cluster else {
                    throw ElementError(
                        "element \(MatroskaID.hex(header.id)) at byte \(start) has an unknown size, which only Segment and Cluster may have"
                    )
                }
                head += header.headerLength
                stack.append((header.id, nil))
                continue
            }
            let (end, overflow) = payloadStart.addingReportingOverflow(size)
            if overflow || end > (1 << 62) {
                throw ElementError(
                    "element \(MatroskaID.hex(header.id)) at byte \(start) has an impossible size \(size)")
            }
            if let top = stack.last, let parentEnd = top.end, end > parentEnd {
                throw ElementError(
                    "element \(MatroskaID.hex(header.id)) at byte \(start) has size \(size), beyond the end of its parent \(MatroskaID.hex(top.id)) at byte \(parentEnd)"
                )
            }
            if Self.isMaster(header.id, in: parent) {
                head += header.headerLength
                stack.append((header.id, end))
                if header.id == MatroskaID.trackEntry {
                    entry = MatroskaTrack(number: 0, kind: .video, codecID: "")
                    entryEncoded = false
                }
                if header.id == MatroskaID.blockGroup {
                    groupBlock = nil
                    groupReferences = false
                }
                continue
            }
            guard Self.isRead(header.id, in: parent) else {
                head += header.headerLength
                skipRemaining = size
                waiting = (header.id, start, size)
                continue
            }
            let isBlock = header.id == MatroskaID.simpleBlock || header.id == MatroskaID.block
            let limit =
                isBlock
                ? maxFrameSize + Self.blockHeaderRoom : (header.id == MatroskaID.ebml ? 4096 : Self.maxValueSize)
            guard size <= UInt64(limit) else {
                throw ElementError(
                    "element \(MatroskaID.hex(header.id)) at byte \(start) has size \(size), more than the \(limit) bytes accepted"
                )
            }
            guard data.count - head >= header.headerLength + Int(size) else {
                waiting = (header.id, start, size)
                if header.id == MatroskaID.simpleBlock, let event = try streamBlock(header.headerLength, size, at: start) {
                    return event
                }
                if skipRemaining > 0 { continue }
                return needMore()
            }
            let from = head + header.headerLength
            let payload = data[from..<(from + Int(size))]
            head = from + Int(size)
            waiting = nil
            if let event = try read(header.id, payload, at: start) { return event }
        }
    }

    /// Begins streaming a SimpleBlock at `head` whose bytes have not all arrived, once its block header has:
    /// `.frameStart` for the selected track, a skip for other tracks (`skipRemaining`), nil to wait for more
    /// (no track selected yet, or the block header itself incomplete).
    private mutating func streamBlock(_ headerLength: Int, _ size: UInt64, at start: UInt64) throws(ElementError)
        -> Event?
    {
        guard let selectedTrack else { return nil }
        let from = head + headerLength
        let available = min(data.count - from, Int(size))
        let track = data.withUnsafeBytes { EBMLReader.vint(in: UnsafeRawBufferPointer(rebasing: $0[from..<(from + available)]), at: 0) }
        guard let track, track.length + 3 <= available else { return nil }
        guard track.value == selectedTrack else {
            head = from
            skipRemaining = size
            return nil
        }
        let block = try self.block(data[from..<(from + track.length + 3)], at: start)
        if encodedTracks.contains(block.track) {
            throw ElementError(
                "track \(block.track) uses ContentEncodings (compression or encryption), which is not supported")
        }
        head = from + track.length + 3
        frameRemaining = Int(size) - track.length - 3
        if frameRemaining == 0 { waiting = nil }
        return .frameStart(track: block.track, pts: block.pts, keyframe: block.flags & 0x80 != 0, size: frameRemaining)
    }

    /// Throws when the stream ended inside an element (a truncated file).
    func finish() throws(ElementError) {
        if let waiting, skipRemaining > 0 || frameRemaining > 0 || data.count > head {
            throw ElementError(
                "the stream ended at byte \(base + UInt64(data.count)) inside element \(MatroskaID.hex(waiting.id)) at byte \(waiting.start), which has \(waiting.size) bytes"
            )
        }
        if data.count > head {
            throw ElementError("the stream ended at byte \(base + UInt64(data.count)) inside an element header")
        }
        if let open = stack.last(where: { $0.end.map { $0 > position } ?? false }), let end = open.end {
            throw ElementError(
                "the stream ended at byte \(position) inside element \(MatroskaID.hex(open.id)), which ends at byte \(end)"
            )
        }
        if !sawHeader { throw ElementError("not a Matroska stream: no EBML header before the end of the stream") }
    }

    /// Drops the bytes already read and reports that more are needed.
    private mutating func needMore() -> Event? {
        if head > 0 {
            data.removeFirst(head)
            base += UInt64(head)
            head = 0
        }
        return nil
    }

    /// Leaves the elements that end here; the end of Tracks or of a BlockGroup makes an event.
    private mutating func closeFinishedElements() throws(ElementError) -> Event? {
        while let top = stack.last, let end = top.end, position >= end {
            stack.removeLast()
            switch top.id {
            case MatroskaID.trackEntry:
                guard let entry else { continue }
                guard entry.number > 0 else {
                    throw ElementError("the TrackEntry ending at byte \(end) has no TrackNumber")
                }
                if entryEncoded { encodedTracks.insert(entry.number) }
                tracks.append(entry)
                self.entry = nil
            case MatroskaID.tracks:
                return .tracks(tracks)
            case MatroskaID.blockGroup:
                if let block = groupBlock, selectedTrack.map({ $0 == block.track }) ?? true {
                    groupBlock = nil
                    return .frame(
                        track: block.track, pts: block.pts, keyframe: !groupReferences,
                        payload: ArraySlice(block.payload))
                }
            default:
                break
            }
        }
        return nil
    }

    /// Takes the value of a leaf element.
    private mutating func read(_ id: UInt32, _ payload: ArraySlice<UInt8>, at start: UInt64) throws(ElementError)
        -> Event?
    {
        let value = payload.withUnsafeBytes { EBMLReader.unsigned($0) }
        switch id {
        case MatroskaID.ebml:
            docType = try Self.docType(in: payload, at: start)
            sawHeader = true
        case MatroskaID.timecodeScale:
            guard value > 0, value <= 1_000_000_000 else {
                throw ElementError("TimecodeScale \(value) at byte \(start) is out of range")
            }
            timecodeScale = value
        case MatroskaID.trackNumber: entry?.number = value
        case MatroskaID.trackType:
            if value == 2 { entry?.kind = .audio }
        case MatroskaID.codecID: entry?.codecID = payload.withUnsafeBytes { EBMLReader.string($0) }
        case MatroskaID.codecPrivate: entry?.codecPrivate = Array(payload)
        case MatroskaID.defaultDuration: entry?.defaultDuration = value
        case MatroskaID.contentEncodings: entryEncoded = true
        case MatroskaID.pixelWidth: entry?.width = Int(min(value, 1 << 20))
        case MatroskaID.pixelHeight: entry?.height = Int(min(value, 1 << 20))
        case MatroskaID.colourSpace: entry?.colourSpace = Array(payload)
        case MatroskaID.samplingFrequency: entry?.samplingFrequency = payload.withUnsafeBytes { EBMLReader.float($0) }
        case MatroskaID.channels: entry?.channels = Int(min(value, 1 << 16))
        case MatroskaID.bitDepth: entry?.bitDepth = Int(min(value, 1 << 16))
        case MatroskaID.timecode: clusterTime = value
        case MatroskaID.referenceBlock: groupReferences = true
        case MatroskaID.simpleBlock, MatroskaID.block:
            let block = try self.block(payload, at: start)
            guard selectedTrack.map({ $0 == block.track }) ?? true else { return nil }
            if encodedTracks.contains(block.track) {
                throw ElementError(
                    "track \(block.track) uses ContentEncodings (compression or encryption), which is not supported")
            }
            if id == MatroskaID.block {
                groupBlock = (block.track, block.pts, Array(block.payload))
                return nil
            }
            return .frame(track: block.track, pts: block.pts, keyframe: block.flags & 0x80 != 0, payload: block.payload)
        default:
            break
        }
        return nil
    }

    /// A block's track, time, flags and frame.
    private func block(_ payload: ArraySlice<UInt8>, at start: UInt64) throws(ElementError)
        -> (track: UInt64, pts: ClockTime, flags: UInt8, payload: ArraySlice<UInt8>)
    {
        let parsed = payload.withUnsafeBytes { bytes -> (UInt64, Int)? in
            guard let track = EBMLReader.vint(in: bytes, at: 0), track.length + 3 <= bytes.count else { return nil }
            return (track.value, track.length)
        }
        guard let (track, length) = parsed else {
            throw ElementError("the block at byte \(start) is too short for its header")
        }
        let first = payload.startIndex + length
        let relative = Int64(Int16(bitPattern: UInt16(payload[first]) << 8 | UInt16(payload[first + 1])))
        let flags = payload[first + 2]
        if flags & 0x06 != 0 {
            throw ElementError("the block at byte \(start) (track \(track)) uses lacing, which is not supported")
        }
        let ticks = max(0, Int64(clamping: clusterTime) &+ relative)
        let (nanoseconds, overflow) = UInt64(ticks).multipliedReportingOverflow(by: timecodeScale)
        let pts = ClockTime(nanoseconds: overflow ? UInt64.max : nanoseconds)
        return (track, pts, flags, payload[(first + 3)...])
    }

    /// The DocType of an EBML header's payload; throws unless it is `matroska` or `webm`.
    private static func docType(in payload: ArraySlice<UInt8>, at start: UInt64) throws(ElementError) -> String {
        let found = payload.withUnsafeBytes { bytes -> String? in
            var index = 0
            while index < bytes.count {
                guard let child = try? EBMLReader.header(in: bytes, at: index, position: 0),
                    let size = child.size, size <= UInt64(bytes.count - index - child.headerLength)
                else { return nil }
                let from = index + child.headerLength
                if child.id == MatroskaID.docType {
                    return EBMLReader.string(UnsafeRawBufferPointer(rebasing: bytes[from..<(from + Int(size))]))
                }
                index = from + Int(size)
            }
            return nil
        }
        guard let found, found == "matroska" || found == "webm" else {
            throw ElementError(
                "the EBML header at byte \(start) has DocType \(found.map { "\"\($0)\"" } ?? "(none)"), not \"matroska\" or \"webm\""
            )
        }
        return found
    }

    /// Whether `id` inside `parent` is a master element the parser descends into.
    private static func isMaster(_ id: UInt32, in parent: UInt32?) -> Bool {
        switch (parent, id) {
        case (nil, MatroskaID.segment): true
        case (MatroskaID.segment, MatroskaID.info), (MatroskaID.segment, MatroskaID.tracks),
            (MatroskaID.segment, MatroskaID.cluster):
            true
        case (MatroskaID.tracks, MatroskaID.trackEntry): true
        case (MatroskaID.trackEntry, MatroskaID.video), (MatroskaID.trackEntry, MatroskaID.audio): true
        case (MatroskaID.cluster, MatroskaID.blockGroup): true
        default: false
        }
    }

    /// Whether the leaf `id` inside `parent` is one the parser reads.
    private static func isRead(_ id: UInt32, in parent: UInt32?) -> Bool {
        switch (parent, id) {
        case (nil, MatroskaID.ebml): true
        case (MatroskaID.info, MatroskaID.timecodeScale): true
        case (MatroskaID.trackEntry, MatroskaID.trackNumber), (MatroskaID.trackEntry, MatroskaID.trackType),
            (MatroskaID.trackEntry, MatroskaID.codecID), (MatroskaID.trackEntry, MatroskaID.codecPrivate),
            (MatroskaID.trackEntry, MatroskaID.defaultDuration), (MatroskaID.trackEntry, MatroskaID.contentEncodings):
            true
        case (MatroskaID.video, MatroskaID.pixelWidth), (MatroskaID.video, MatroskaID.pixelHeight),
            (MatroskaID.video, MatroskaID.colourSpace):
            true
        case (MatroskaID.audio, MatroskaID.samplingFrequency), (MatroskaID.audio, MatroskaID.channels),
            (MatroskaID.audio, MatroskaID.bitDepth):
            true
        case (MatroskaID.cluster, MatroskaID.timecode), (MatroskaID.cluster, MatroskaID.simpleBlock): true
        case (MatroskaID.blockGroup, MatroskaID.block), (MatroskaID.blockGroup, MatroskaID.referenceBlock): true
        default: false
        }
    }
}
