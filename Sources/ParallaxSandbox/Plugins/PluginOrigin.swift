import ParallaxCore

/// Where a registered plugin element comes from and where it runs: for `--list-elements`, `--inspect` and
/// tools that describe a registry. Nil for built-in elements.
///
/// ```swift
/// if let origin = PluginOrigin(registry["invert"]!) { print(origin.file, origin.trusted) }
/// ```
/// A plain value; any thread.
public struct PluginOrigin: Sendable, Hashable {
    /// The plugin file.
    public var file: String
    /// Whether the element runs in the pipeline's own process (the user trusted it) rather than in a
    /// sandboxed element host.
    public var trusted: Bool

    /// The origin of `element`, or nil when it is built in.
    public init?(_ element: RegisteredElement) {
        guard let type = element.type as? any PluginBacked.Type else { return nil }
        let entry = type.catalogEntry
        file = entry.file.path
        trusted = entry.trusted
    }

    /// `plugin FILE, runs isolated` or `plugin FILE, trusted: runs in-process`.
    public var summary: String {
        "plugin \(file), " + (trusted ? "trusted: runs in-process" : "runs isolated")
    }
}
