import ParallaxCore

/// `matroskamux`: writes one stream (raw video, VP8, VP9, AV1 or PCM audio) as a Matroska file — GStreamer's
/// matroskamux with one sink pad.
///
/// The file is seekable when written to a file: Cues (a CuePoint per Cluster starting on a video keyframe), the
/// Duration and the Segment, Cluster and SeekHead fields are completed at end of stream by outputs flagged
/// `BufferFlags.overwrite`, which `filesink` writes in place. With `streamable=true` sizes stay unknown and
/// no Cues or Duration are written. The core, `MatroskaWriter`, muxes any number of tracks; this element has
/// one sink pad until the runtime supports elements with several.
/// ```
/// parallax-launch videotestsrc num-buffers=50 ! video/x-raw,format=I420,width=320,height=240 ! matroskamux ! filesink location=a.mkv
/// parallax-launch filesrc location=a.ivf ! ivfparse ! matroskamux ! filesink location=a.mkv
/// ```
/// Thread: `process` and `drain` on its segment's streaming thread.
public struct MatroskaMux: Transform {
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
            PadTemplate(name: "sink", direction: .sink, caps: Caps(MatroskaCodecCaps.video + MatroskaCodecCaps.audio)),
            PadTemplate(name: "src", direction: .src, caps: Caps("video/x-matroska")),
        ]
    }

    /// One stream's caps in, `video/x-matroska` out.
    public func transformCaps(_ caps: Caps, from direction: PadDirection) -> Caps {
        Self.template(direction == .sink ? .src : .sink)?.caps ?? .empty
    }

    /// The frame, and at least 4 KiB (the file header goes out in one output).
    public func outputSize(for caps: Caps, inputSize: Int) -> Int? { max(inputSize, 4096) }

    /// The frame goes on in its own memory, after its block header (emitted).
    public var canProcessInPlace: Bool { true }

    /// 64 KiB outputs for what `drain` writes.
    public func outputSize(for caps: Caps) -> Int? { 65536 }

    /// Takes the stream's caps as the track.
    public mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        try core.configure(
            input: input, writingApp: writingApp, streamable: streamable, minCluster: minClusterDuration,
            maxCluster: maxClusterDuration)
    }

    /// Writes the buffer as a SimpleBlock (after the file header for the first).
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        try core.process(&ctx)
    }

    /// Writes the Cues and corrects the header.
    public mutating func drain(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) {
        try core.drain(&ctx)
    }
}
