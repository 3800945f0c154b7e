/// Storage for a runner's mutable state that only its streaming thread touches.
///
/// A class's `var` properties are checked for exclusive access at run time on every mutation (a
/// thread-local access set: a measured 10 % of the per-buffer cost). State that by construction belongs to
/// one thread lives here instead, behind a pointer, so element calls and counters are plain memory accesses.
final class StreamingState<Value>: @unchecked Sendable {  // unchecked: used by one streaming thread at a time
    let pointer: UnsafeMutablePointer<Value>

    init(_ value: Value) {
        pointer = .allocate(capacity: 1)
        pointer.initialize(to: value)
    }

    deinit {
        pointer.deinitialize(count: 1)
        pointer.deallocate()
    }
}
