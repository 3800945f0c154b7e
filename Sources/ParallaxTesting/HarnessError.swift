import ParallaxCore

/// Why an `ElementHarness` could not set up or finish.
///
/// ```swift
/// try harness.finish()   // throws HarnessError.leftoverBuffers(count: 2) if two outputs were never pulled
/// ```
public enum HarnessError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `finish()` found output buffers that the test never pulled.
    case leftoverBuffers(count: Int)
    /// The caps given to the harness do not fit the element.
    case notNegotiated(String)

    /// A sentence for the test log.
    public var description: String {
        switch self {
        case .leftoverBuffers(let count):
            count == 1
                ? "1 output buffer was never pulled; pull() every output (or check it) before finish()"
                : "\(count) output buffers were never pulled; pull() every output (or check them) before finish()"
        case .notNegotiated(let reason):
            "could not negotiate: \(reason)"
        }
    }
}
