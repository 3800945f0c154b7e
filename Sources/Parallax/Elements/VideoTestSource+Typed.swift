import ParallaxCore
import ParallaxElements

extension VideoTestSource {
    /// A test source with its run-time parameters as arguments: `videotestsrc pattern=ball num-buffers=30`.
    ///
    /// ```swift
    /// Pipeline { VideoTestSource(pattern: .ball, numBuffers: 30); FakeSink() }
    /// ```
    public init(pattern: Pattern = .smpte, numBuffers: Int = -1, isLive: Bool = false) {
        self.init()
        self.pattern = pattern
        self.numBuffers = numBuffers
        isLiveSource = isLive
    }

    /// A test source of raw video in `format` at a size and frame rate chosen at run time, typed as
    /// `RawVideo<Format>`: `videotestsrc pattern=ball ! video/x-raw,format=I420,width=320,height=240` in a
    /// launch string.
    ///
    /// ```swift
    /// let side = 64                                   // any run-time value
    /// Pipeline { VideoTestSource.producing(I420.self, width: side, height: side, pattern: .ball); I420Sink() }
    /// ```
    public static func producing<Format: PixelFormat>(
        _ format: Format.Type, width: Int? = nil, height: Int? = nil, framerate: Fraction? = nil,
        pattern: Pattern = .smpte, numBuffers: Int = -1, isLive: Bool = false
    ) -> Takes<PipelineStart>.Gives<RawVideo<Format>> {
        let source = Fragment(
            element: VideoTestSource(pattern: pattern, numBuffers: numBuffers, isLive: isLive), hasInput: false,
            hasOutput: true)
        let narrowing = CapsFilter.video(format, width: width, height: height, framerate: framerate)
        return Stage(source.then(narrowing.fragment))
    }
}
