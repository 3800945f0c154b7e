import ParallaxCore
import Synchronization

/// A pipeline's message bus: an `AsyncSequence` of `BusMessage`s, in the order they were posted.
///
/// ```swift
/// Task { for await message in pipeline.bus { print(message) } }
/// try await pipeline.run()
/// ```
/// Messages are kept until read, from the moment the pipeline is created. The bus has one reader;
/// iterating it from two tasks splits the messages between them. It finishes when the pipeline is
/// released. Thread: posting from any thread; reading from any task.
public final class Bus: AsyncSequence, Sendable {
    public typealias Element = BusMessage

    private let stream: AsyncStream<BusMessage>
    private let continuation: AsyncStream<BusMessage>.Continuation
    private let observers = Mutex<[@Sendable (BusMessage) -> Void]>([])

    init() {
        (stream, continuation) = AsyncStream.makeStream(of: BusMessage.self, bufferingPolicy: .unbounded)
    }

    deinit { continuation.finish() }

    /// Adds a synchronous observer called on the posting thread (used by the CLI for `-v`).
    public func observe(_ observer: @escaping @Sendable (BusMessage) -> Void) {
        observers.withLock { $0.append(observer) }
    }

    /// Posts a message.
    package func post(_ message: BusMessage) {
        continuation.yield(message)
        for observer in observers.withLock({ $0 }) { observer(message) }
    }

    public func makeAsyncIterator() -> AsyncStream<BusMessage>.AsyncIterator {
        stream.makeAsyncIterator()
    }
}
