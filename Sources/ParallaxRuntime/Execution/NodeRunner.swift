import ParallaxCore
import Synchronization

/// The executor's handle on one element: receives buffers and events from upstream and passes them on.
///
/// Subclasses are generic over the element type, so calls into elements are direct, not through
/// existentials. Thread: `push` and `pushEvent` run on the streaming thread of the runner's segment.
class NodeRunner: @unchecked Sendable {  // unchecked: after setup, used by one streaming thread at a time
    let name: String
    let context: ExecutionContext
    /// Buffers seen (single writer: the streaming thread; read by others for progress).
    private let bufferCount = Atomic<UInt64>(0)
    private let byteCount = Atomic<UInt64>(0)

    init(name: String, context: ExecutionContext) {
        self.name = name
        self.context = context
    }

    /// Takes one buffer; returns how the stream should go on.
    func push(_ buffer: consuming Buffer) -> FlowReturn {
        buffer.release()
        return .error
    }

    /// Takes one event.
    func pushEvent(_ event: Event) -> FlowReturn { .ok }

    /// Counts a buffer of `bytes` bytes (relaxed single-writer update: no locked instruction).
    @inline(__always) final func count(bytes: Int) {
        bufferCount.store(bufferCount.load(ordering: .relaxed) &+ 1, ordering: .relaxed)
        byteCount.store(byteCount.load(ordering: .relaxed) &+ UInt64(bytes), ordering: .relaxed)
    }

    /// The counters so far.
    final var statistics: ElementStatistics {
        ElementStatistics(
            element: name, buffers: bufferCount.load(ordering: .relaxed), bytes: byteCount.load(ordering: .relaxed))
    }

    /// Closes element resources (PAUSED → READY); called on the control thread after streaming threads end.
    func stopElement() {}

    /// Wakes the streaming thread if it is blocked inside element code (called while stopping).
    func unlock() {}

    /// Wakes the element when the pipeline is asked to end its stream: a source waiting for data (a socket, a
    /// feed) returns so that its runner sends EOS. Only sources do anything.
    func unlockForEndOfStream() {}

    /// The streaming threads this runner starts (sources and queues); called once when starting.
    func startThreads() throws(PipelineError) {}
}
