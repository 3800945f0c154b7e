import ParallaxCore

extension Array where Element == UInt8 {
    /// `withUnsafeBytes` for a body that throws only `ElementError`, so callers keep typed throws.
    ///
    /// ```swift
    /// let used = try carry.withElementBytes { (bytes) throws(ElementError) in try parse(bytes) }
    /// ```
    func withElementBytes<R>(_ body: (UnsafeRawBufferPointer) throws(ElementError) -> R) throws(ElementError) -> R {
        let result = withUnsafeBytes { raw in Result { () throws(ElementError) -> R in try body(raw) } }
        return try result.get()
    }
}
