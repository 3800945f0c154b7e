import ParallaxCore
import ParallaxElements

/// The buffers an `AppSink` receives, as interleaved audio of sample format `Format`.
///
/// ```swift
/// for try await frame in sink.audioFrames(S16LE.self) {
///     let left: [Int16] = frame.samples(channel: 0)
/// }
/// ```
/// Ends at end-of-stream; throws `FrameLayoutError` when the sink's caps are not raw audio in `Format`.
/// Iterate from any task.
public struct AppSinkAudioFrames<Format: SampleFormat>: AsyncSequence, Sendable {
    /// Each buffer as an `AudioFrame`.
    public typealias Element = AudioFrame<Format>
    /// The negotiated caps do not describe the buffers as raw audio in `Format`.
    public typealias Failure = FrameLayoutError

    let sink: AppSink

    /// An iterator over the frames.
    public struct AsyncIterator: AsyncIteratorProtocol, Sendable {
        var buffers: AppSinkBuffers.AsyncIterator
        let sink: AppSink

        /// The next frame, or nil once the stream has ended.
        public mutating func next() async throws(FrameLayoutError) -> AudioFrame<Format>? {
            guard let buffer = await buffers.next() else { return nil }
            let caps = sink.negotiatedCaps
            guard let info = caps.flatMap(AudioInfo.init(caps:)),
                let frame = AudioFrame<Format>(buffer: buffer, info: info)
            else {
                let format = Format.format?.name ?? "?"
                throw FrameLayoutError(
                    "appsink caps \(caps?.description ?? "(none)") with a buffer of \(buffer.length) bytes are not "
                        + "whole frames of \(format) audio")
            }
            return frame
        }

        /// The next frame (isolation-preserving form).
        public mutating func next(
            isolation actor: isolated (any Actor)?
        ) async throws(FrameLayoutError) -> AudioFrame<Format>? {
            try await next()
        }
    }

    /// An iterator over the frames.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(buffers: sink.buffers.makeAsyncIterator(), sink: sink)
    }
}

extension AppSink {
    /// The buffers this sink receives as interleaved audio of `format`; see `AppSinkAudioFrames`.
    public func audioFrames<Format: SampleFormat>(_ format: Format.Type) -> AppSinkAudioFrames<Format> {
        AppSinkAudioFrames(sink: self)
    }
}
