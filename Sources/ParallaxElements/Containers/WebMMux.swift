import ParallaxCore

/// `webmmux`: `matroskamux` restricted to WebM — VP8, VP9 or AV1 video, DocType `webm` — GStreamer's webmmux
/// with one sink pad.
///
/// ```
/// parallax-launch filesrc location=a.ivf ! ivfparse ! webmmux ! filesink location=a.webm
/// ```
/// Thread: `process` and `drain` on its segment's streaming thread.
public struct WebMMux: Transform {
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
            PadTemplate(name: "sink", direction: .sink, caps: Caps(MatroskaCodecCaps.webm)),
            PadTemplate(name: "src", direction: .src, caps: Caps("video/webm")),
        ]
    }

    /// One stream's caps in, `video/webm` out.
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
