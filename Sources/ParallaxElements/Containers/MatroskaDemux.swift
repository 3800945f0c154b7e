import ParallaxCore

/// `matroskademux`: reads a Matroska or WebM stream and outputs the frames of one track — the first video track
/// (or the first audio track when there is no video) — GStreamer's matroskademux with one src pad.
///
/// Tracks become caps (`V_UNCOMPRESSED` with its ColourSpace FourCC → `video/x-raw`, `V_VP8`, `V_VP9`, `V_AV1`,
/// `A_PCM/INT/LIT` and `A_PCM/FLOAT/IEEE` → `audio/x-raw`); SimpleBlocks and BlockGroups become buffers stamped
/// with their time (Cluster Timecode + block offset, × TimecodeScale), `deltaUnit` when they are not
/// keyframes. The element reads the format from the file's first 64 KiB before negotiation
/// (`StreamHeaderParsing`), so converters can follow it. Bogus sizes, truncated files and non-Matroska input
/// fail with an error naming the element ID and byte position; laced blocks and ContentEncodings are refused.
/// ```
/// parallax-launch filesrc location=a.mkv ! matroskademux ! videoconvert ! autovideosink
/// parallax-launch filesrc location=a.webm ! matroskademux ! fakesink
/// ```
/// Thread: `discoverFormat` on the control thread; `process` and `drain` on its segment's streaming thread.
public struct MatroskaDemux: StreamHeaderParsing, SendsOwnOutputs {
    /// Matroska or WebM bytes (pad templates below).
    public typealias Input = AnyMedia
    /// The selected track's frames (pad templates below).
    public typealias Output = AnyMedia

    /// The factory name, as GStreamer names it.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "matroskademux", longName: "Matroska demuxer", klass: "Codec/Demuxer",
        description: "Demuxes Matroska/WebM streams into video/audio/subtitles")

    private var discovered: (caps: Caps, track: UInt64)?
    private var negotiated: Caps?
    private var parser = MatroskaParser(maxFrameSize: 1 << 20)
    private var selected: (caps: Caps, track: UInt64, rawFrameSize: Int?)?
    /// The frame being gathered straight into its output buffer, and how many bytes it has.
    private var gathering: (buffer: Buffer, filled: Int)?

    /// A demuxer.
    public init() {}

    /// Matroska and WebM in; the formats `MatroskaTrack` maps out.
    public static var padTemplates: [PadTemplate] {
        [
            PadTemplate(
                name: "sink", direction: .sink,
                caps: Caps([
                    CapsStructure("video/x-matroska"), CapsStructure("audio/x-matroska"), CapsStructure("video/webm"),
                    CapsStructure("audio/webm"),
                ])),
            PadTemplate(name: "src", direction: .src, caps: Caps(MatroskaCodecCaps.video + MatroskaCodecCaps.audio)),
        ]
    }

    /// Enough for the EBML header, SeekHead, Info and Tracks of usual files.
    public var headerPeekLength: Int { 65536 }

    /// Reads the tracks from the file's first bytes and keeps the chosen track's caps.
    public mutating func discoverFormat(fromHeader bytes: [UInt8]) throws(ElementError) {
        var parser = MatroskaParser(maxFrameSize: 1 << 30)
        bytes.withUnsafeBytes { parser.append($0) }
        do throws(ElementError) {
            while let event = try parser.next() {
                guard case .tracks(let tracks) = event else { continue }
                let choice = try Self.choose(from: tracks)
                discovered = (choice.caps, choice.track)
                return
            }
        } catch {
            throw ElementError("matroskademux: \(error.message)")
        }
    }

    /// The discovered track's caps (the src template when the header could not be read ahead).
    public func transformCaps(_ caps: Caps, from direction: PadDirection) -> Caps {
        guard direction == .sink else { return Self.template(.sink)?.caps ?? .empty }
        return discovered?.caps ?? Self.template(.src)?.caps ?? .empty
    }

    /// One raw video frame, or room for a compressed frame of the picture's size.
    public func outputSize(for caps: Caps) -> Int? { Self.frameCapacity(caps) }

    /// Keeps the negotiated caps, to check them against the tracks.
    public mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        negotiated = output
        parser = MatroskaParser(maxFrameSize: output.map(Self.frameCapacity) ?? (1 << 20))
        selected = nil
        gathering = nil
    }

    /// Parses the bytes and emits the selected track's frames. A frame arriving over several inputs is
    /// gathered straight into its output buffer: bytes of it at the start of an input are copied there
    /// without passing through the parser.
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        let streamed = ctx.withUnsafeInput { input in
            guard gathering != nil, parser.bufferedCount == 0 else { return 0 }
            let count = min(parser.frameRemaining, input.count)
            gather(UnsafeRawBufferPointer(rebasing: input[..<count]))
            parser.takeStreamedBytes(count)
            return count
        }
        if parser.frameRemaining == 0, gathering != nil {
            let status = try finishFrame(&ctx)
            if status != .ok { return status }
        }
        ctx.withUnsafeInput { parser.append(UnsafeRawBufferPointer(rebasing: $0[streamed...])) }
        do throws(ElementError) {
            while let event = try parser.next() {
                switch event {
                case .tracks(let tracks):
                    try select(from: tracks)
                case .frame(let track, let pts, let keyframe, let payload):
                    guard let selected, track == selected.track else { continue }
                    if let expected = selected.rawFrameSize, payload.count != expected {
                        throw ElementError(
                            "a frame of track \(track) has \(payload.count) bytes, \(expected) expected for \(selected.caps)"
                        )
                    }
                    var metadata = BufferMetadata(pts: pts, flags: keyframe ? [] : .deltaUnit)
                    metadata.sequence = ctx.metadata.sequence
                    let status = try ctx.emit(metadata: metadata) { out in
                        guard payload.count <= out.count else { return 0 }
                        payload.withUnsafeBytes {
                            out.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: $0.count)
                        }
                        return payload.count
                    }
                    if status != .ok { return status }
                case .frameStart(let track, let pts, let keyframe, let size):
                    guard let selected, track == selected.track else { continue }
                    if let expected = selected.rawFrameSize, size != expected {
                        throw ElementError(
                            "a frame of track \(track) has \(size) bytes, \(expected) expected for \(selected.caps)")
                    }
                    var buffer = try ctx.makeOutputBuffer()
                    guard size <= buffer.length else {
                        throw ElementError(
                            "a frame of track \(track) has \(size) bytes, more than the \(buffer.length) bytes of an output")
                    }
                    buffer.metadata = BufferMetadata(pts: pts, flags: keyframe ? [] : .deltaUnit)
                    buffer.metadata.sequence = ctx.metadata.sequence
                    buffer.length = size
                    gathering = (buffer, 0)
                    if size == 0 {
                        let status = try finishFrame(&ctx)
                        if status != .ok { return status }
                    }
                case .framePart(let bytes):
                    guard gathering != nil else { continue }
                    bytes.withUnsafeBytes { gather($0) }
                    if parser.frameRemaining == 0 {
                        let status = try finishFrame(&ctx)
                        if status != .ok { return status }
                    }
                }
            }
        } catch {
            throw ElementError("matroskademux: \(error.message)")
        }
        return .dropped
    }

    /// Appends `bytes` to the frame being gathered.
    private mutating func gather(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0, let filled = gathering?.filled else { return }
        gathering!.buffer.withUnsafeMutableBytes { target in
            target.baseAddress!.advanced(by: filled).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
        }
        gathering!.filled += bytes.count
    }

    /// Sends the gathered frame on.
    private mutating func finishFrame(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        guard let frame = gathering else { return .ok }
        gathering = nil
        return try ctx.emit(frame.buffer)
    }

    /// Fails for a stream cut inside an element.
    public mutating func drain(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) {
        do throws(ElementError) {
            try parser.finish()
        } catch {
            throw ElementError("matroskademux: \(error.message)")
        }
    }

    /// Chooses the track to output and checks it against the negotiated caps.
    private mutating func select(from tracks: [MatroskaTrack]) throws(ElementError) {
        let choice = try Self.choose(from: tracks)
        if let negotiated, !negotiated.isAny, choice.caps.intersection(negotiated).isEmpty {
            throw ElementError("track \(choice.track) is \(choice.caps), but \(negotiated) was negotiated")
        }
        selected = (choice.caps, choice.track, VideoInfo(caps: choice.caps)?.size)
        parser.selectedTrack = choice.track
    }

    /// The first video track Parallax can read, else the first audio track.
    private static func choose(from tracks: [MatroskaTrack]) throws(ElementError) -> (caps: Caps, track: UInt64) {
        var problems: [String] = []
        for kind in [MatroskaTrack.Kind.video, .audio] {
            for track in tracks where track.kind == kind {
                do throws(ElementError) {
                    return (try track.caps(), track.number)
                } catch {
                    problems.append(error.message)
                }
            }
        }
        let detail = problems.isEmpty ? "" : " (" + problems.joined(separator: "; ") + ")"
        throw ElementError("no video or audio track that can be read among \(tracks.count) tracks\(detail)")
    }

    /// The room one output needs: a raw frame; one second of raw audio (at least 64 KiB); three bytes per pixel
    /// plus 64 KiB for a compressed frame (twice a raw 4:2:0 picture); 1 MiB when the caps say nothing more.
    static func frameCapacity(_ caps: Caps) -> Int {
        if let info = VideoInfo(caps: caps) { return info.size }
        if let info = AudioInfo(caps: caps) {
            return max(65536, min(info.rate, 1 << 20) * min(info.bytesPerFrame, 1 << 10))
        }
        guard let s = caps.structures.first, s.name.hasPrefix("video/"),
            let width = s.int("width"), let height = s.int("height"), width > 0, height > 0, width <= 1 << 16,
            height <= 1 << 16
        else { return 1 << 20 }
        return width * height * 3 + 65536
    }
}
