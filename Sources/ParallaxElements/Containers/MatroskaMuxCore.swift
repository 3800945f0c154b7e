import ParallaxCore

/// What `matroskamux` and `webmmux` share: the aggregator side of `MatroskaWriter`, one track per sink pad.
///
/// Once every AV1 track has shown its first temporal unit (for its av1C), the file header goes out; then the
/// queued buffer with the earliest timestamp among the pads that have not ended becomes the next SimpleBlock (a
/// keyframe unless it has `BufferFlags.deltaUnit`): its header is emitted after any Cluster change, and the frame
/// itself is forwarded unchanged (not copied). A pad with nothing queued is waited for, so the blocks are in
/// time order. When every pad has ended, the Cues and the corrections (`BufferFlags.overwrite` outputs with
/// `metadata.offset`, which `filesink` writes in place) go out.
/// ```
/// first:     emit(header)
/// each:      [emit(Cluster size, overwrite) emit(Cluster)] emit(SimpleBlock header) forward(frame)
/// all ended: emit(last Cluster size, overwrite) emit(Cues) emit(Seek, Segment size, Duration: overwrite)
/// ```
/// Thread: the element's streaming thread.
struct MatroskaMuxCore: Sendable {
    /// `matroska` or `webm`.
    let docType: String
    /// The element's factory name, for messages.
    let factory: String
    private var writer: MatroskaWriter?
    private var tracks: [MatroskaTrack] = []
    private var headerWritten = false
    private var finished = false
    /// Where each track's next untimed buffer starts.
    private var nextTime: [ClockTime] = []

    /// A core writing DocType `docType`.
    init(docType: String, factory: String) {
        self.docType = docType
        self.factory = factory
    }

    /// Takes each pad's caps as a track, numbered from 1 in pad order.
    mutating func configure(
        inputs: [Caps], pads: [String], writingApp: String, streamable: Bool, minCluster: Int, maxCluster: Int
    ) throws(ElementError) {
        var tracks: [MatroskaTrack] = []
        for (index, (caps, pad)) in zip(inputs, pads).enumerated() {
            do {
                tracks.append(try MatroskaTrack(number: UInt64(index + 1), caps: caps))
            } catch {
                throw ElementError("\(factory): \(pad): \(error.message)")
            }
        }
        guard !tracks.isEmpty else { throw ElementError("\(factory): no input caps") }
        var writer = try MatroskaWriter(
            tracks: tracks, docType: docType, writingApp: writingApp, seekable: !streamable)
        writer.minClusterDuration = ClockTime(nanoseconds: UInt64(max(minCluster, 0)))
        // 0 means no maximum, as in GStreamer; block times are 16-bit milliseconds, so 32 s is the most either way.
        let longest = maxCluster == 0 ? 32_000_000_000 : min(max(maxCluster, 1_000_000), 32_000_000_000)
        writer.maxClusterDuration = ClockTime(nanoseconds: UInt64(longest))
        self.writer = writer
        self.tracks = tracks
        headerWritten = false
        finished = false
        nextTime = tracks.map { _ in .zero }
    }

    /// The next step: the header, the next block in time order, or the end of the file.
    mutating func aggregate(_ inputs: any AggregatorInputs, _ ctx: inout ElementCallContext)
        throws(ElementError) -> AggregateStep
    {
        guard var writer, !finished else { throw ElementError("\(factory): not negotiated") }
        if !headerWritten {
            for (pad, track) in tracks.enumerated() where track.codecID == "V_AV1" && track.codecPrivate.isEmpty {
                guard let first = inputs.peek(pad) else {
                    if inputs.isFinished(pad) { continue }
                    return .needData(pad: pad)
                }
                if let configuration = first.withUnsafeBytes({ MatroskaAV1Configuration(temporalUnit: Array($0)[...]) }) {
                    writer.setCodecPrivate(configuration.bytes, track: track.number)
                }
            }
            let header = writer.header()
            headerWritten = true
            self.writer = writer
            if try Self.emit(header, &ctx, metadata: BufferMetadata(pts: .zero)) != .ok { return .endOfStream }
        }
        var next: (pad: Int, time: ClockTime)?
        for pad in 0..<inputs.count where !inputs.isFinished(pad) {
            guard let head = inputs.peek(pad) else { return .needData(pad: pad) }
            let time = head.pts ?? nextTime[pad]
            if next == nil || time < next!.time { next = (pad, time) }
        }
        guard let (pad, time) = next, let head = inputs.peek(pad) else {
            finished = true
            let tail = writer.finish()
            self.writer = writer
            _ = try Self.emit(tail, &ctx, metadata: BufferMetadata(pts: nextTime.max() ?? .zero))
            return .endOfStream
        }
        let track = tracks[pad]
        let duration =
            head.duration ?? (track.defaultDuration > 0 ? ClockTime(nanoseconds: track.defaultDuration) : nil)
        nextTime[pad] = time + (duration ?? .zero)
        let keyframe = !head.metadata.flags.contains(.deltaUnit)
        let chunks = try writer.startBlock(
            track: track.number, timestamp: time, duration: duration, keyframe: keyframe, size: head.length)
        self.writer = writer
        if try Self.emit(chunks, &ctx, metadata: head.metadata) != .ok { return .endOfStream }
        return .forward(pad: pad)
    }

    /// Sends `chunks` as outputs: appended ones in as many outputs as their size needs, overwriting ones flagged
    /// `overwrite` with their offset. Stops at the first status other than `.ok`.
    static func emit(_ chunks: [MatroskaWriter.Chunk], _ ctx: inout ElementCallContext, metadata: BufferMetadata)
        throws(ElementError) -> FlowStatus
    {
        for chunk in chunks {
            var done = 0
            while done < chunk.bytes.count {
                var meta = metadata
                meta.flags.remove(.deltaUnit)
                if let offset = chunk.overwriteOffset {
                    meta.flags.insert(.overwrite)
                    meta.offset = offset + UInt64(done)
                }
                let start = done
                var written = 0
                let status = try ctx.emit(metadata: meta) { out in
                    written = min(out.count, chunk.bytes.count - start)
                    chunk.bytes.withUnsafeBytes {
                        out.baseAddress!.copyMemory(from: $0.baseAddress! + start, byteCount: written)
                    }
                    return written
                }
                if status != .ok { return status }
                guard written > 0 else { throw ElementError("the outputs downstream hold no bytes") }
                done += written
            }
        }
        return .ok
    }
}
