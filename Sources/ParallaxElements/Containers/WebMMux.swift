import ParallaxCore

/// `webmmux`: `matroskamux` restricted to WebM — VP8, VP9 or AV1 video, DocType `webm` — GStreamer's webmmux.
///
/// Sink pads `video_%u` are requested by links, one track each (WebM's audio codecs, Opus and Vorbis, have no
/// encoder here yet, so there is no `audio_%u`).
/// ```
/// parallax-launch filesrc location=a.ivf ! ivfparse ! webmmux ! filesink location=a.webm
/// ```
/// Thread: the muxer's own streaming thread (`Aggregator`).
public struct WebMMux: Aggregator {
    /// VP8, VP9 or AV1 (pad templates below).
    public typealias Input = AnyMedia
    /// `video/webm`.
    public typealias Output = AnyMedia

    /// The factory name and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "webmmux", longName: "WebM muxer", klass: "Codec/Muxer",
        description: "Muxes video and audio streams into a WebM stream",
        properties: [
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
        ])

    /// WritingApp in the Info element; default "Parallax".
    public var writingApp = "Parallax"
    /// Whether to write a live stream: unknown sizes, no Cues, no Duration. Default false.
    public var streamable = false
    /// A Cluster ends at a video keyframe once it lasts this many nanoseconds; default 500 ms.
    public var minClusterDuration = 500_000_000
    /// A Cluster ends when it lasts this many nanoseconds; default 5 s.
    public var maxClusterDuration = 5_000_000_000

    private var core = MatroskaMuxCore(docType: "webm", factory: "webmmux")

    /// A muxer with the defaults above.
    public init() {}

    /// VP8, VP9 and AV1 in, WebM out.
    public static var padTemplates: [PadTemplate] {
        [
            PadTemplate(name: "video_%u", direction: .sink, presence: .request, caps: Caps(MatroskaCodecCaps.webm)),
            PadTemplate(name: "src", direction: .src, caps: Caps("video/webm")),
        ]
    }

    /// One stream's caps in, `video/webm` out.
    public func transformCaps(_ caps: Caps, from direction: PadDirection) -> Caps {
        guard direction == .src else { return Caps("video/webm") }
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
