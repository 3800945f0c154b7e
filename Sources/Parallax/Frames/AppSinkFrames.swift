import ParallaxCore
import ParallaxElements

/// The buffers an `AppSink` receives, each read as a typed frame laid out by the negotiated caps:
/// `VideoFrame` (`sink.videoFrames`), `RawVideoFrame<F>` (`sink.videoFrames(I420.self)`) or
/// `AudioFrame<F>` (`sink.audioFrames(S16LE.self)`).
///
/// ```swift
/// for try await frame in sink.videoFrames(I420.self) {
///     print(frame.luma(x: 0, y: 0), frame.chroma(x: 0, y: 0))
/// }
/// for try await frame in sink.audioFrames(S16LE.self) {
///     let left: [Int16] = frame.samples(channel: 0)
/// }
/// ```
/// Ends at end-of-stream; throws `FrameLayoutError` when the caps do not describe the buffers as the frame
/// type asks (audio read as video, I420 read as NV12, a short buffer). Iterate from any task.
public struct AppSinkFrames<Frame: Sendable>: AsyncSequence, Sendable {
    /// One typed frame per buffer.
    public typealias Element = Frame
    /// The buffers are not frames of the kind asked for.
    public typealias Failure = FrameLayoutError

    let sink: AppSink
    let read: @Sendable (Buffer, Caps?) throws(FrameLayoutError) -> Frame

    /// An iterator over the frames.
    public struct AsyncIterator: AsyncIteratorProtocol, Sendable {
        var buffers: AppSinkBuffers.AsyncIterator
        let sink: AppSink
        let read: @Sendable (Buffer, Caps?) throws(FrameLayoutError) -> Frame

        /// The next frame, or nil once the stream has ended.
        public mutating func next() async throws(FrameLayoutError) -> Frame? {
            guard let buffer = await buffers.next() else { return nil }
            return try read(buffer, sink.negotiatedCaps)
        }

        /// The next frame (isolation-preserving form).
        public mutating func next(isolation actor: isolated (any Actor)?) async throws(FrameLayoutError) -> Frame? {
            try await next()
        }
    }

    /// An iterator over the frames.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(buffers: sink.buffers.makeAsyncIterator(), sink: sink, read: read)
    }
}

extension AppSink {
    /// The buffers this sink receives as raw video frames (planes, strides, bytes).
    public var videoFrames: AppSinkFrames<VideoFrame> {
        AppSinkFrames(sink: self) { (buffer, caps) throws(FrameLayoutError) in try Self.videoFrame(buffer, caps) }
    }

    /// The buffers this sink receives as frames of `format`, with typed pixel accessors.
    public func videoFrames<Format: PixelFormat>(_ format: Format.Type) -> AppSinkFrames<RawVideoFrame<Format>> {
        AppSinkFrames(sink: self) { (buffer, caps) throws(FrameLayoutError) in
            let frame = try Self.videoFrame(buffer, caps)
            guard let typed = RawVideoFrame<Format>(frame) else {
                let wanted = Format.format?.name ?? "a fixed format"
                throw FrameLayoutError("appsink receives \(frame.info.format.name) frames, not \(wanted)")
            }
            return typed
        }
    }

    /// The buffers this sink receives as interleaved audio of `format`.
    public func audioFrames<Format: SampleFormat>(_ format: Format.Type) -> AppSinkFrames<AudioFrame<Format>> {
        AppSinkFrames(sink: self) { (buffer, caps) throws(FrameLayoutError) in
            guard let info = caps.flatMap(AudioInfo.init(caps:)),
                let frame = AudioFrame<Format>(buffer: buffer, info: info)
            else {
                throw FrameLayoutError(
                    "appsink caps \(caps?.description ?? "(none)") with a buffer of \(buffer.length) bytes are not "
                        + "whole frames of \(Format.format?.name ?? "?") audio")
            }
            return frame
        }
    }

    /// `buffer` as a raw video frame of `caps`.
    static func videoFrame(_ buffer: Buffer, _ caps: Caps?) throws(FrameLayoutError) -> VideoFrame {
        guard let caps, let info = VideoInfo(caps: caps) else {
            throw FrameLayoutError("appsink caps \(caps?.description ?? "(none)") are not raw video")
        }
        guard let frame = VideoFrame(buffer: buffer, info: info) else {
            throw FrameLayoutError("a buffer of \(buffer.length) bytes is shorter than a frame of \(caps)")
        }
        return frame
    }
}
