import ParallaxCore

/// `matroskamux`: writes video and audio streams (raw video, VP8, VP9, AV1; PCM audio) as one Matroska file —
/// GStreamer's matroskamux.
///
/// Sink pads are requested by links: `video_%u` and `audio_%u` (`videotestsrc ! mux.` takes a video pad,
/// `audiotestsrc ! mux.` an audio pad); each becomes a track, numbered in pad order. Blocks are written in time
/// order across the tracks (the muxer waits for every pad that has not ended), each frame forwarded without a copy
/// after its block header.
///
/// The file is seekable when written to a file: Cues (a CuePoint per Cluster starting on a video keyframe), the
/// Duration and the Segment, Cluster and SeekHead fields are completed at end of stream by outputs flagged
/// `BufferFlags.overwrite`, which `filesink` writes in place. With `streamable=true` sizes stay unknown and
/// no Cues or Duration are written.
/// ```
/// parallax-launch matroskamux name=m ! filesink location=a.mkv \
///     videotestsrc num-buffers=50 ! video/x-raw,format=I420,width=320,height=240 ! m. \
///     audiotestsrc num-buffers=100 ! audio/x-raw,format=S16LE,rate=48000,channels=2 ! m.
/// parallax-launch filesrc location=a.ivf ! ivfparse ! matroskamux ! filesink location=a.mkv
/// ```
/// Thread: the muxer's own streaming thread (`Aggregator`).
public struct MatroskaMux: Aggregator {
    /// Raw video, VP8, VP9, AV1 or raw audio (pad templates below).
    public typealias Input = AnyMedia
    /// `video/x-matroska`.
    public typealias Output = AnyMedia

    /// The factory name and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "matroskamux", longName: "Matroska muxer", klass: "Codec/Muxer",
        description: "Muxes video/audio/subtitle streams into a matroska stream",
        properties: Self.properties)

    /// The properties both muxers share.
    static var properties: [Property<Self>] {
        [
            .string("writing-app", \.writingApp, "The name the application that creates the matroska file."),
            .bool(
                "streamable", \.streamable,
                "If set to true, the output should be as if it is to be streamed and hence no indexes written or duration written."
            ),
            .int(
                "min-cluster-duration", \.minClusterDuration, range: 0...Int64.max,
                "Desired cluster duration as nanoseconds. A new cluster is started at a video keyframe once the current one lasts this long."
            ),
            .int(
                "max-cluster-duration", \.maxClusterDuration, range: 0...Int64.max,
                "A new cluster will be created if its duration exceeds this value. 0 means no maximum duration (at most 32 s)."
            ),
        ]
    }

    /// WritingApp in the Info element; default "Parallax".
    public var writingApp = "Parallax"
    /// Whether to write a live stream: unknown sizes, no Cues, no Duration. Default false.
    public var streamable = false
    /// A Cluster ends at a video keyframe once it lasts this many nanoseconds; default 500 ms.
    public var minClusterDuration = 500_000_000
    /// A Cluster ends when it lasts this many nanoseconds; default 5 s.
    public var maxClusterDuration = 5_000_000_000

    private var core = MatroskaMuxCore(docType: "matroska", factory: "matroskamux")

    /// A muxer with the defaults above.
    public init() {}

    /// Every format `MatroskaTrack` maps, and Matroska out.
    public static var padTemplates: [PadTemplate] {
        [
            PadTemplate(name: "video_%u", direction: .sink, presence: .request, caps: Caps(MatroskaCodecCaps.video)),
            PadTemplate(name: "audio_%u", direction: .sink, presence: .request, caps: Caps(MatroskaCodecCaps.audio)),
            PadTemplate(name: "src", direction: .src, caps: Caps("video/x-matroska")),
        ]
    }

    /// One stream's caps in, `video/x-matroska` out.
    public func transformCaps(_ caps: Caps, from direction: PadDirection) -> Caps {
        guard direction == .src else { return Caps("video/x-matroska") }
        return Self.padTemplates.filter { $0.direction == .sink }.reduce(Caps.empty) { $0.union($1.caps) }
    }

    /// 64 KiB outputs for the headers, Cues and corrections.
    public func outputSize(for caps: Caps) -> Int? { 65536 }

    /// Takes each pad's caps as a track, numbered from 1 in pad order.
    public mutating func setInputCaps(_ caps: [Caps], pads: [String]) throws(ElementError) {
        try core.configure(
            inputs: caps, pads: pads, writingApp: writingApp, streamable: streamable, minCluster: minClusterDuration,
            maxCluster: maxClusterDuration)
    }

    /// The header, then each queued buffer in time order as a SimpleBlock, then the Cues and the corrections.
    public mutating func aggregate(_ inputs: any AggregatorInputs, _ ctx: inout ProcessContext<Input, Output>)
        throws(ElementError) -> AggregateStep
    {
        try core.aggregate(inputs, &ctx)
    }
}
