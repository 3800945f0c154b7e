import ParallaxCore
import ParallaxElements

/// The buffers an `AppSink` receives, as frames of pixel format `Format` with typed pixel accessors.
///
/// ```swift
/// for try await frame in sink.videoFrames(I420.self) {
///     print(frame.luma(x: 0, y: 0), frame.chroma(x: 0, y: 0))
/// }
/// ```
/// Ends at end-of-stream; throws `FrameLayoutError` when the negotiated format is not `Format`.
/// Iterate from any task.
public struct AppSinkRawVideoFrames<Format: PixelFormat>: AsyncSequence, Sendable {
    /// Each buffer as a `RawVideoFrame<Format>`.
    public typealias Element = RawVideoFrame<Format>
    /// The buffers are not raw video in `Format`.
    public typealias Failure = FrameLayoutError

    let frames: AppSinkVideoFrames

    /// An iterator over the frames.
    public struct AsyncIterator: AsyncIteratorProtocol, Sendable {
        var frames: AppSinkVideoFrames.AsyncIterator

        /// The next frame, or nil once the stream has ended.
        public mutating func next() async throws(FrameLayoutError) -> RawVideoFrame<Format>? {
            guard let frame = try await frames.next() else { return nil }
            guard let typed = RawVideoFrame<Format>(frame) else {
                let wanted = Format.format?.name ?? "a fixed format"
                throw FrameLayoutError("appsink receives \(frame.info.format.name) frames, not \(wanted)")
            }
            return typed
        }

        /// The next frame (isolation-preserving form).
        public mutating func next(
            isolation actor: isolated (any Actor)?
        ) async throws(FrameLayoutError) -> RawVideoFrame<Format>? {
            try await next()
        }
    }

    /// An iterator over the frames.
    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(frames: frames.makeAsyncIterator()) }
}

extension AppSink {
    /// The buffers this sink receives as frames of `format`, with typed pixel accessors; see
    /// `AppSinkRawVideoFrames`.
    public func videoFrames<Format: PixelFormat>(_ format: Format.Type) -> AppSinkRawVideoFrames<Format> {
        AppSinkRawVideoFrames(frames: videoFrames)
    }
}
