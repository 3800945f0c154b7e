import Parallax

/// The `--list-elements` report: one `factory: Long Name` line per registered element, sorted by factory.
///
/// ```
/// capsfilter: CapsFilter
/// fakesink: Fake Sink
/// fakesrc: Fake Source
/// ```
/// A pure value; any thread.
struct ElementListing: Sendable {
    /// The registry to list.
    var registry: ElementRegistry

    /// The listing, one line per element, ending with a newline (empty for an empty registry).
    var text: String {
        registry.elements.map { "\($0.info.factory): \($0.info.longName)\n" }.joined()
    }
}
