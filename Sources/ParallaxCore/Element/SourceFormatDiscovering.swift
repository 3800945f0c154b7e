/// A source that can learn the format it will produce before negotiation — a network subscriber reading the caps
/// its first sample carries — so that it negotiates without being told (`zenoh_sub`).
///
/// ```swift
/// mutating func discoverFormat() throws(ElementError) {
///     let first = try waitForFirstSample()
///     learned = try Caps(parsing: first.capsText)
/// }
/// ```
/// The pipeline calls `discoverFormat()` once, before negotiation; the source then answers `fixate` with what it
/// learned. A throw fails the pipeline with the error, naming the element. Thread: the control thread, before
/// `start()`.
public protocol SourceFormatDiscovering: Source {
    /// Learns the output format (and keeps whatever it read to produce it later).
    mutating func discoverFormat() throws(ElementError)
}
