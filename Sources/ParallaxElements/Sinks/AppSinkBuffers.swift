import ParallaxCore

/// The buffers an `AppSink` receives, as an asynchronous sequence that ends at end-of-stream.
///
/// ```swift
/// for await buffer in sink.buffers {
///     print(buffer.pts ?? .zero, buffer.length)
/// }
/// // the pipeline reached end-of-stream or stopped
/// ```
/// Every buffer is the pipeline's own (no bytes are copied); while you hold one, its memory stays out of
/// the pipeline's pool, so let go of buffers promptly. Several iterators share the buffers: each buffer goes
/// to one of them. Taking a buffer makes room for the streaming thread when `max-buffers` holds it back.
/// Thread: iterate from any task; cancelling the task ends the iteration.
public struct AppSinkBuffers: AsyncSequence, Sendable {
    /// The sequence yields the pipeline's buffers.
    public typealias Element = Buffer
    /// Iteration never throws; it ends at end-of-stream.
    public typealias Failure = Never

    let channel: AppSinkChannel

    /// An iterator over the buffers.
    public struct AsyncIterator: AsyncIteratorProtocol, Sendable {
        /// The sequence yields the pipeline's buffers.
        public typealias Element = Buffer
        /// Iteration never throws; it ends at end-of-stream.
        public typealias Failure = Never

        let channel: AppSinkChannel
        var finished = false

        /// The next buffer, or nil once the stream has ended.
        public mutating func next() async -> Buffer? {
            guard !finished else { return nil }
            let buffer = await channel.next()
            if buffer == nil { finished = true }
            return buffer
        }

        /// The next buffer, or nil once the stream has ended (isolation-preserving form).
        public mutating func next(isolation actor: isolated (any Actor)?) async -> Buffer? {
            guard !finished else { return nil }
            let buffer = await channel.next()
            if buffer == nil { finished = true }
            return buffer
        }
    }

    /// An iterator over the buffers.
    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(channel: channel) }
}
