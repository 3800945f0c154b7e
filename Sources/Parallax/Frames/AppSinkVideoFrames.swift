import ParallaxCore
import ParallaxElements

/// The buffers an `AppSink` receives, as raw video frames laid out by the negotiated caps.
///
/// ```swift
/// for try await frame in sink.videoFrames {
///     print(frame.info.width, frame.strides, frame.pixel(x: 0, y: 0))
/// }
/// ```
/// Ends at end-of-stream; throws `FrameLayoutError` when the sink's caps are not raw video in a known
/// format or a buffer is shorter than a frame. Iterate from any task.
public struct AppSinkVideoFrames: AsyncSequence, Sendable {
    /// Each buffer as a `VideoFrame`.
    public typealias Element = VideoFrame
    /// The negotiated caps do not describe the buffers as raw video.
    public typealias Failure = FrameLayoutError

    let sink: AppSink

    /// An iterator over the frames.
    public struct AsyncIterator: AsyncIteratorProtocol, Sendable {
        var buffers: AppSinkBuffers.AsyncIterator
        let sink: AppSink

        /// The next frame, or nil once the stream has ended.
        public mutating func next() async throws(FrameLayoutError) -> VideoFrame? {
            guard let buffer = await buffers.next() else { return nil }
            guard let caps = sink.negotiatedCaps, let info = VideoInfo(caps: caps) else {
                throw FrameLayoutError("appsink caps \(sink.negotiatedCaps?.description ?? "(none)") are not raw video")
            }
            guard let frame = VideoFrame(buffer: buffer, info: info) else {
                throw FrameLayoutError("a buffer of \(buffer.length) bytes is shorter than a frame of \(caps)")
            }
            return frame
        }

        /// The next frame (isolation-preserving form).
        public mutating func next(isolation actor: isolated (any Actor)?) async throws(FrameLayoutError) -> VideoFrame?
        {
            try await next()
        }
    }

    /// An iterator over the frames.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(buffers: sink.buffers.makeAsyncIterator(), sink: sink)
    }
}

extension AppSink {
    /// The buffers this sink receives as raw video frames (planes, strides, pixel access); see
    /// `AppSinkVideoFrames`.
    public var videoFrames: AppSinkVideoFrames { AppSinkVideoFrames(sink: self) }
}
