import Parallax
import ParallaxSandbox

/// The `--list-elements` report: one `factory: Long Name` line per registered element, sorted by factory;
/// a plugin element's line says which plugin file it comes from and whether it runs isolated (built-in
/// elements have no note).
///
/// ```
/// capsfilter: CapsFilter
/// fakesink: Fake Sink
/// invert: Invert (plugin /opt/parallax/plugins/libInvertPlugin.so, runs isolated)
/// ```
/// A pure value; any thread.
struct ElementListing: Sendable {
    /// The registry to list.
    var registry: ElementRegistry

    /// The listing, one line per element, ending with a newline (empty for an empty registry).
    var text: String {
        registry.elements.map { element in
            let note = PluginOrigin(element).map { " (\($0.summary))" } ?? ""
            return "\(element.info.factory): \(element.info.longName)\(note)\n"
        }.joined()
    }
}
