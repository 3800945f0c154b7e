import ParallaxCore

/// What `matroskamux` and `webmmux` share: the element side of `MatroskaWriter` for one input stream.
///
/// The first buffer is preceded by the file header; each buffer becomes one SimpleBlock (a keyframe unless it
/// has `BufferFlags.deltaUnit`): its header is emitted after any Cluster change, and the frame goes on as the
/// element's output, in place when the runtime allows it (the frame is not copied); at end of stream
/// `drain` emits the Cues and the corrections (`BufferFlags.overwrite` outputs with `metadata.offset`), which
/// `filesink` writes in place.
/// ```
/// buffer 0:  emit(header) emit(Cluster) emit(SimpleBlock header) output(frame, in place)
/// buffer n:  [emit(Cluster size, overwrite) emit(Cluster)] emit(SimpleBlock header) output(frame, in place)
/// EOS:       emit(last Cluster size, overwrite) emit(Cues) emit(Seek, Segment size, Duration: overwrite)
/// ```
/// Thread: the element's streaming thread.
struct MatroskaMuxCore: Sendable {
    /// `matroska` or `webm`.
    let docType: String
    /// The element's factory name, for messages.
    let factory: String
    private var writer: MatroskaWriter?
    private var track: MatroskaTrack?
    private var headerWritten = false
    private var nextTime = ClockTime.zero

    /// A core writing DocType `docType`.
    init(docType: String, factory: String) {
        self.docType = docType
        self.factory = factory
    }

    /// Takes the input caps as the file's one track.
    mutating func configure(input: Caps?, writingApp: String, streamable: Bool, minCluster: Int, maxCluster: Int)
        throws(ElementError)
    {
        guard let input else { throw ElementError("\(factory): no input caps") }
        let track: MatroskaTrack
        do {
            track = try MatroskaTrack(number: 1, caps: input)
        } catch {
            throw ElementError("\(factory): \(error.message)")
        }
        var writer = try MatroskaWriter(
            tracks: [track], docType: docType, writingApp: writingApp, seekable: !streamable)
        writer.minClusterDuration = ClockTime(nanoseconds: UInt64(max(minCluster, 0)))
        // 0 means no maximum, as in GStreamer; block times are 16-bit milliseconds, so 32 s is the most either way.
        let longest = maxCluster == 0 ? 32_000_000_000 : min(max(maxCluster, 1_000_000), 32_000_000_000)
        writer.maxClusterDuration = ClockTime(nanoseconds: UInt64(longest))
        self.writer = writer
        self.track = track
        headerWritten = false
        nextTime = .zero
    }

    /// Writes one buffer as a SimpleBlock.
    mutating func process(_ ctx: inout ElementCallContext) throws(ElementError) -> FlowStatus {
        guard var writer, let track else { throw ElementError("\(factory): not negotiated") }
        var chunks: [MatroskaWriter.Chunk] = []
        if !headerWritten {
            if track.codecID == "V_AV1", track.codecPrivate.isEmpty,
                let configuration = ctx.withUnsafeInput({ MatroskaAV1Configuration(temporalUnit: Array($0)[...]) })
            {
                writer.setCodecPrivate(configuration.bytes, track: 1)
            }
            chunks += writer.header()
            headerWritten = true
        }
        let time = ctx.metadata.pts ?? nextTime
        let duration =
            ctx.metadata.duration ?? (track.defaultDuration > 0 ? ClockTime(nanoseconds: track.defaultDuration) : nil)
        nextTime = time + (duration ?? .zero)
        let keyframe = !ctx.metadata.flags.contains(.deltaUnit)
        chunks += try writer.startBlock(
            track: 1, timestamp: time, duration: duration, keyframe: keyframe, size: ctx.inputLength)
        self.writer = writer
        let status = try Self.emit(chunks, &ctx, metadata: ctx.metadata)
        if status != .ok { return status }
        // The frame itself goes on as the element's output: the input's own memory when the element works in
        // place (no copy), else a copy.
        if !ctx.isInPlace {
            let input = ctx.withUnsafeInput { $0 }
            ctx.withUnsafeOutput { output in
                if let base = input.baseAddress, input.count > 0 {
                    output.baseAddress!.copyMemory(from: base, byteCount: min(input.count, output.count))
                }
            }
        }
        ctx.outputLength = ctx.inputLength
        ctx.metadata.flags.remove(.deltaUnit)
        return .ok
    }

    /// Emits the Cues and the corrections (and the header, for a stream without buffers).
    mutating func drain(_ ctx: inout ElementCallContext) throws(ElementError) {
        guard var writer else { return }
        var chunks: [MatroskaWriter.Chunk] = []
        if !headerWritten {
            chunks += writer.header()
            headerWritten = true
        }
        chunks += writer.finish()
        self.writer = writer
        _ = try Self.emit(chunks, &ctx, metadata: BufferMetadata(pts: nextTime))
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
