import ParallaxCore

extension Element {
    /// A copy of the element with one property changed, for setting properties inside a builder.
    ///
    /// ```swift
    /// Pipeline.graph { VideoTestSource().with(\.numBuffers, 3); FakeSink() }
    /// ```
    /// A value that differs from the element's default becomes a property of its node, as
    /// `num-buffers=3` does in a launch string.
    public func with<Value>(_ path: WritableKeyPath<Self, Value>, _ value: Value) -> Self {
        var copy = self
        copy[keyPath: path] = value
        return copy
    }
}
