import Synchronization

/// An element type's `ElementInfo`, worked out on first use and kept (`RegisteredElement.info`).
///
/// ```swift
/// let lazy = LazyElementInfo(Identity.self)   // nothing computed yet
/// lazy.value.factory                          // "identity", computed now and kept
/// ```
/// Thread: any; the first callers may compute it concurrently, and one result is kept.
final class LazyElementInfo: Sendable {
    private let make: @Sendable () -> ElementInfo
    private let made = Mutex<ElementInfo?>(nil)

    /// Defers `E.info`.
    init<E: Element>(_ type: E.Type) {
        make = { E.info }
    }

    /// The description, computed by the first call.
    var value: ElementInfo {
        if let known = made.withLock({ $0 }) { return known }
        let fresh = make()
        return made.withLock { kept in
            if let kept { return kept }
            kept = fresh
            return fresh
        }
    }
}
