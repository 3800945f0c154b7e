import ParallaxCore
import ParallaxElements

extension AppSource {
    /// This source as the typed head of a pipeline of raw video in `format` at `width × height`: a copy with
    /// `caps` set to `video/x-raw,format=…,width=…,height=…,framerate=…`, typed `RawVideo<Format>` so the
    /// elements after it are checked. Copies share the feed, so push into this source's `feed`.
    ///
    /// ```swift
    /// let source = AppSource()
    /// let pipeline = try Pipeline { source.producing(GRAY8.self, width: 64, height: 48); Invert(); sink }
    /// async let fed = source.feed.push(frames: frames)       // any AsyncSequence of VideoFrame
    /// ```
    public func producing<Format: PixelFormat>(
        _ format: Format.Type, width: Int, height: Int, framerate: Fraction = Fraction(30, 1)
    ) -> Takes<PipelineStart>.Gives<RawVideo<Format>> {
        let fields = RawVideo<Format>.caps.structures[0].fields.map { ($0.name, $0.value) }
        return typed(
            Caps(
                "video/x-raw",
                fields + [
                    ("width", .int(width)), ("height", .int(height)), ("framerate", .fraction(framerate)),
                ]))
    }

    /// This source as the typed head of a pipeline of interleaved raw audio in `format`.
    public func producing<Format: AudioFormat>(
        _ format: Format.Type, rate: Int, channels: Int
    ) -> Takes<PipelineStart>.Gives<RawAudio<Format>> {
        let fields = RawAudio<Format>.caps.structures[0].fields.map { ($0.name, $0.value) }
        return typed(Caps("audio/x-raw", fields + [("rate", .int(rate)), ("channels", .int(channels))]))
    }

    /// A copy with `caps`, as a stage giving `Media`.
    private func typed<Media>(_ caps: Caps) -> Takes<PipelineStart>.Gives<Media> {
        var copy = self
        copy.caps = caps
        return Stage(Fragment(element: copy, hasInput: false, hasOutput: true))
    }
}

extension AppSourceFeed {
    /// Pushes the buffer of every frame of `frames` in order (any `AsyncSequence` of `VideoFrame`), as
    /// `push(contentsOf:)` does; then call `endOfStream()`.
    @discardableResult
    public func push<S: AsyncSequence>(frames: S) async throws(S.Failure) -> PushResult
    where S.Element == VideoFrame {
        try await push(contentsOf: frames.map(\.buffer))
    }

    /// Pushes the buffer of every audio frame of `frames` in order; then call `endOfStream()`.
    @discardableResult
    public func push<S: AsyncSequence, Format: SampleFormat>(frames: S) async throws(S.Failure) -> PushResult
    where S.Element == AudioFrame<Format> {
        try await push(contentsOf: frames.map(\.buffer))
    }
}
