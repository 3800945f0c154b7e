import CParallaxLinux
import Glibc

/// An eventfd that `udpsrc`'s `unlock()` signals to end a `poll` waiting for a datagram. A class, so every
/// copy of the element (the streaming thread's and the control thread's) shares it.
final class UDPWake: Sendable {
    let descriptor: Int32 = px_eventfd()

    deinit { close(descriptor) }

    func signal() {
        var one: UInt64 = 1
        _ = write(descriptor, &one, 8)
    }

    /// Drains pending signals (a new run).
    func reset() {
        var value: UInt64 = 0
        _ = read(descriptor, &value, 8)
    }
}
