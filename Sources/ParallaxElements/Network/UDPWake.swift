#if Network
import CParallaxLinux
import Glibc
import Synchronization

/// An eventfd that `udpsrc`'s `unlock()` signals to end a `poll` waiting for a datagram. A class, so every
/// copy of the element (the streaming thread's and the control thread's) shares it. `isSignalled` lets a
/// receiver that never waits (datagrams keep arriving) notice the signal without a system call.
final class UDPWake: Sendable {
    let descriptor: Int32 = px_eventfd()
    private let signalled = Atomic(false)

    /// Whether `signal()` was called since the last `reset()`.
    var isSignalled: Bool { signalled.load(ordering: .acquiring) }

    deinit { close(descriptor) }

    func signal() {
        signalled.store(true, ordering: .releasing)
        var one: UInt64 = 1
        _ = write(descriptor, &one, 8)
    }

    /// Drains pending signals (a new run).
    func reset() {
        signalled.store(false, ordering: .releasing)
        var value: UInt64 = 0
        _ = read(descriptor, &value, 8)
    }
}
#endif  // Network
