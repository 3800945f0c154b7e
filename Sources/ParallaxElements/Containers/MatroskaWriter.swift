import ParallaxCore

/// The Matroska/WebM muxer core: writes the file header, Clusters of SimpleBlocks for any number of tracks, and
/// at the end the Cues and the corrections of the header (Segment size, Duration, SeekHead, last Cluster size).
///
/// ```
/// EBML header │ Segment (size patched) ┬ SeekHead (Info, Tracks, Cues patched over a Void)
///             │                        ├ Info (TimecodeScale 1 ms, MuxingApp, WritingApp, Duration patched)
///             │                        ├ Tracks (one TrackEntry per track)
///             │                        ├ Cluster (size patched when it closes) ─ Timecode, SimpleBlock…
///             │                        ├ Cluster …
///             │                        └ Cues (a CuePoint per Cluster that starts on a video keyframe)
/// ```
/// A new Cluster starts at a video keyframe once the current one lasts `minClusterDuration`, when it lasts
/// `maxClusterDuration`, or when a block's time no longer fits the 16-bit offset from the Cluster's time. The
/// writer hands back chunks: bytes to append, or bytes that replace earlier ones (`overwriteOffset`), which a
/// seekable sink writes in place. When `seekable` is false, sizes stay unknown and no Cues or Duration are
/// written (a live stream).
/// ```swift
/// var writer = try MatroskaWriter(tracks: [video, audio], docType: "matroska", writingApp: "Parallax")
/// var out = writer.header()
/// out += try writer.startBlock(track: 1, timestamp: .zero, duration: nil, keyframe: true, size: frame.count)
/// out += [Chunk(bytes: frame)]
/// out += writer.finish()
/// ```
/// Thread: any; a plain value (the element calls it from its streaming thread).
public struct MatroskaWriter: Sendable {
    /// Bytes for the output: appended to the stream, or written over earlier bytes at `overwriteOffset`.
    public struct Chunk: Sendable, Hashable {
        /// The bytes.
        public var bytes: [UInt8]
        /// Where they go when they replace earlier bytes; nil to append.
        public var overwriteOffset: UInt64?

        /// A chunk to append (`overwriteOffset` nil) or to write at `overwriteOffset`.
        public init(bytes: [UInt8], overwriteOffset: UInt64? = nil) {
            self.bytes = bytes
            self.overwriteOffset = overwriteOffset
        }
    }

    /// The tracks, numbered from 1.
    public private(set) var tracks: [MatroskaTrack]
    /// `matroska` or `webm`.
    public let docType: String
    /// What Info's MuxingApp and WritingApp say.
    public let writingApp: String
    /// Whether the output can be corrected in place (sizes, Duration, Cues); false writes a live stream.
    public let seekable: Bool
    /// A Cluster is closed at a video keyframe once it lasts this long.
    public var minClusterDuration: ClockTime = .milliseconds(500)
    /// A Cluster is closed when it lasts this long, keyframe or not (at most 32 s: block times are 16-bit ms).
    public var maxClusterDuration: ClockTime = .seconds(5)

    /// Bytes appended so far.
    public private(set) var position: UInt64 = 0
    /// The CuePoints collected: time in ms, track, Cluster position from the Segment's data start.
    public private(set) var cuePoints: [(time: UInt64, track: UInt64, cluster: UInt64)] = []

    private var segmentDataStart: UInt64 = 0
    private var durationOffset: UInt64 = 0
    private var cuesSeekOffset: UInt64 = 0
    private var clusterStart: UInt64?
    private var clusterTime: UInt64 = 0
    private var endTime: UInt64 = 0
    private var blocks: UInt64 = 0

    /// The timecode scale: block times count milliseconds.
    public static let timecodeScale: UInt64 = 1_000_000

    /// A writer for `tracks` (numbers 1, 2, … in order); throws when there are none.
    public init(tracks: [MatroskaTrack], docType: String, writingApp: String, seekable: Bool = true)
        throws(ElementError)
    {
        guard !tracks.isEmpty else { throw ElementError("a Matroska file needs at least one track") }
        self.tracks = tracks.enumerated().map { index, track in
            var track = track
            track.number = UInt64(index + 1)
            return track
        }
        self.docType = docType
        self.writingApp = writingApp
        self.seekable = seekable
    }

    /// Sets track `track`'s CodecPrivate (AV1's av1C, known from the first frame); only before `header()`.
    public mutating func setCodecPrivate(_ bytes: [UInt8], track: UInt64) {
        guard position == 0, track >= 1, track <= UInt64(tracks.count) else { return }
        tracks[Int(track - 1)].codecPrivate = bytes
    }

    /// The EBML header, the Segment's start, SeekHead, Info and Tracks: the first bytes of the file.
    public mutating func header() -> [Chunk] {
        var out = EBMLWriter()
        out.master(MatroskaID.ebml) { ebml in
            ebml.unsigned(MatroskaID.ebmlVersion, 1)
            ebml.unsigned(MatroskaID.ebmlReadVersion, 1)
            ebml.unsigned(MatroskaID.ebmlMaxIDLength, 4)
            ebml.unsigned(MatroskaID.ebmlMaxSizeLength, 8)
            ebml.string(MatroskaID.docType, docType)
            ebml.unsigned(MatroskaID.docTypeVersion, 4)
            ebml.unsigned(MatroskaID.docTypeReadVersion, 2)
        }
        out.bytes += EBMLWriter.idBytes(MatroskaID.segment) + EBMLWriter.unknownSize
        segmentDataStart = UInt64(out.bytes.count)
        // SeekHead: 5 bytes of header, three 21-byte Seek entries (the last a Void until the Cues exist).
        let seekHeadSize = 5 + 3 * 21
        let infoPosition = UInt64(seekHeadSize)
        let info = infoElement()
        let tracksPosition = infoPosition + UInt64(info.bytes.count)
        out.bytes += EBMLWriter.idBytes(MatroskaID.seekHead) + EBMLWriter.sizeBytes(63)
        out.bytes += Self.seekEntry(MatroskaID.info, infoPosition)
        out.bytes += Self.seekEntry(MatroskaID.tracks, tracksPosition)
        cuesSeekOffset = UInt64(out.bytes.count)
        out.void(total: 21)
        durationOffset = UInt64(out.bytes.count) + UInt64(info.durationOffset)
        out.bytes += info.bytes
        out.master(MatroskaID.tracks) { list in
            for track in tracks { track.write(to: &list) }
        }
        position = UInt64(out.bytes.count)
        return [Chunk(bytes: out.bytes)]
    }

    /// The chunks that go before a block's payload of `size` bytes on track `track` (1-based) at `timestamp`:
    /// a Cluster change when one is due, then the SimpleBlock's header. The caller appends the payload next.
    public mutating func startBlock(
        track: UInt64, timestamp: ClockTime, duration: ClockTime?, keyframe: Bool, size: Int
    ) throws(ElementError) -> [Chunk] {
        guard track >= 1, track <= UInt64(tracks.count) else {
            throw ElementError("no track \(track) in this Matroska file (it has \(tracks.count))")
        }
        let entry = tracks[Int(track - 1)]
        let time = (timestamp.nanoseconds &+ Self.timecodeScale / 2) / Self.timecodeScale
        var chunks: [Chunk] = []
        let videoKeyframe = keyframe && entry.kind == .video
        let hasVideo = tracks.contains { $0.kind == .video }
        if needsNewCluster(at: time, videoKeyframe: videoKeyframe) {
            chunks += closeCluster()
            var cluster = EBMLWriter()
            cluster.bytes += EBMLWriter.idBytes(MatroskaID.cluster) + EBMLWriter.unknownSize
            cluster.unsigned(MatroskaID.timecode, time)
            clusterStart = position
            clusterTime = time
            if videoKeyframe || (!hasVideo && keyframe) {
                cuePoints.append((time, track, position - segmentDataStart))
            }
            position += UInt64(cluster.bytes.count)
            chunks.append(Chunk(bytes: cluster.bytes))
        }
        let relative = Int16(truncatingIfNeeded: Int64(time) - Int64(clusterTime))
        var header =
            EBMLWriter.idBytes(MatroskaID.simpleBlock)
            + EBMLWriter.sizeBytes(UInt64(size + 4 + trackBytes(track).count - 1))
        header += trackBytes(track)
        header += [UInt8(truncatingIfNeeded: UInt16(bitPattern: relative) >> 8), UInt8(truncatingIfNeeded: relative)]
        header.append(keyframe ? 0x80 : 0x00)
        position += UInt64(header.count + size)
        chunks.append(Chunk(bytes: header))
        let blockDuration = duration?.nanoseconds ?? entry.defaultDuration
        endTime = max(endTime, (timestamp.nanoseconds + blockDuration) / Self.timecodeScale)
        blocks += 1
        return chunks
    }

    /// The chunks ending the file: the last Cluster's size, the Cues, and the corrections of the Segment size,
    /// the Duration and the SeekHead's Cues entry (none of these when not `seekable`).
    public mutating func finish() -> [Chunk] {
        guard seekable else { return [] }
        var chunks = closeCluster()
        var cues = EBMLWriter()
        let cuesPosition = position - segmentDataStart
        if !cuePoints.isEmpty {
            cues.master(MatroskaID.cues) { list in
                for point in cuePoints {
                    list.master(MatroskaID.cuePoint) { cue in
                        cue.unsigned(MatroskaID.cueTime, point.time)
                        cue.master(MatroskaID.cueTrackPositions) { positions in
                            positions.unsigned(MatroskaID.cueTrack, point.track)
                            positions.unsigned(MatroskaID.cueClusterPosition, point.cluster)
                        }
                    }
                }
            }
            chunks.append(Chunk(bytes: cues.bytes))
            position += UInt64(cues.bytes.count)
            chunks.append(Chunk(bytes: Self.seekEntry(MatroskaID.cues, cuesPosition), overwriteOffset: cuesSeekOffset))
        }
        let segmentSize = position - segmentDataStart
        chunks.append(Chunk(bytes: EBMLWriter.sizeBytes(segmentSize, length: 8), overwriteOffset: segmentDataStart - 8))
        var duration = EBMLWriter()
        duration.float(MatroskaID.duration, Double(endTime))
        chunks.append(Chunk(bytes: Array(duration.bytes.suffix(8)), overwriteOffset: durationOffset))
        return chunks
    }

    /// Whether a block at `time` (ms) starts a new Cluster.
    private func needsNewCluster(at time: UInt64, videoKeyframe: Bool) -> Bool {
        guard clusterStart != nil else { return true }
        let elapsed = Int64(time) - Int64(clusterTime)
        if elapsed < Int64(Int16.min) || elapsed > Int64(Int16.max) { return true }
        if elapsed >= Int64(maxClusterDuration.nanoseconds / Self.timecodeScale) { return true }
        return videoKeyframe && elapsed >= Int64(minClusterDuration.nanoseconds / Self.timecodeScale)
    }

    /// The current Cluster's size, written over its unknown size (nothing when not seekable).
    private mutating func closeCluster() -> [Chunk] {
        guard let start = clusterStart else { return [] }
        clusterStart = nil
        guard seekable else { return [] }
        let idLength = UInt64(EBMLWriter.idBytes(MatroskaID.cluster).count)
        let size = position - start - idLength - 8
        return [Chunk(bytes: EBMLWriter.sizeBytes(size, length: 8), overwriteOffset: start + idLength)]
    }

    private func trackBytes(_ track: UInt64) -> [UInt8] { EBMLWriter.sizeBytes(track) }

    /// The Info element, and where its Duration's 8 float bytes start within it.
    private func infoElement() -> (bytes: [UInt8], durationOffset: Int) {
        var body = EBMLWriter()
        body.unsigned(MatroskaID.timecodeScale, Self.timecodeScale)
        body.string(MatroskaID.muxingApp, "Parallax")
        body.string(MatroskaID.writingApp, writingApp)
        var durationAt = -1
        if seekable {
            body.float(MatroskaID.duration, 0)
            durationAt = body.bytes.count - 8
        }
        let head = EBMLWriter.idBytes(MatroskaID.info) + EBMLWriter.sizeBytes(UInt64(body.bytes.count))
        return (head + body.bytes, head.count + durationAt)
    }

    /// A 21-byte Seek entry: element `id` at `position` from the Segment's data start (8-byte position).
    private static func seekEntry(_ id: UInt32, _ position: UInt64) -> [UInt8] {
        var seek = EBMLWriter()
        seek.master(MatroskaID.seek) { entry in
            entry.binary(MatroskaID.seekID, EBMLWriter.idBytes(id))
            entry.unsigned(MatroskaID.seekPosition, position, length: 8)
        }
        return seek.bytes
    }
}
