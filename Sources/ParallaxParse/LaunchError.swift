import ParallaxCore

/// Why a launch description could not be turned into a graph: the first problem found, and the description.
///
/// `description` is the rendered diagnostic, ready to print:
/// ```swift
/// do {
///     let graph = try LaunchParser(registry: registry).parse("videotestsrcc ! fakesink")
/// } catch {
///     print(error)   // error: no element "videotestsrcc" ... = help: did you mean "videotestsrc"?
/// }
/// ```
/// Syntax errors are reported before anything else; after that the validators run in a fixed order and the
/// earliest problem in the text wins (see `docs/launch-syntax.md`). A pure value; any thread.
public struct LaunchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The first problem found.
    public var diagnostic: Diagnostic
    /// The description that was parsed.
    public var source: String

    /// Creates an error for `diagnostic` in `source`.
    public init(diagnostic: Diagnostic, source: String) {
        self.diagnostic = diagnostic
        self.source = source
    }

    /// The diagnostic rendered against the source, e.g.
    /// ```
    /// error: no element "videotestsrcc"
    ///  --> 1:1
    ///   |
    /// 1 | videotestsrcc ! fakesink
    ///   | ^^^^^^^^^^^^^
    ///   = help: did you mean "videotestsrc"?
    /// ```
    public var description: String { diagnostic.render(in: source) }
}
