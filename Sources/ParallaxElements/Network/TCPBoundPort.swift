#if Network
import Synchronization

/// The port a listening TCP element is bound to (`current-port`), shared by every copy of the element so
/// that the copy a pipeline hands out (`Pipeline.element(named:)`) sees what the running copy bound.
///
/// Thread: written by `start()`, read from any thread.
final class TCPBoundPort: Sendable {
    private let port = Atomic<Int>(0)

    /// The bound port; 0 while not listening.
    var value: Int {
        get { port.load(ordering: .acquiring) }
        set { port.store(newValue, ordering: .releasing) }
    }
}
#endif  // Network
