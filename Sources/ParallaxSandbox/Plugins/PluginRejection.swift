/// Why a plugin was not loaded: the plugin file and what was wrong, in words.
///
/// ```
/// plugin /opt/px/old.so rejected: it was built for plugin ABI version 7; this Parallax loads version 1
/// plugin /opt/px/crash.so rejected: its entry point crashed the validating host (SIGSEGV)
/// ```
/// The other plugins of the same search path still load. A plain value; any thread.
public struct PluginRejection: Error, Sendable, Hashable, CustomStringConvertible {
    /// The plugin file.
    public var file: String
    /// What was wrong.
    public var reason: String

    /// Creates a rejection.
    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }

    /// `plugin FILE rejected: REASON`.
    public var description: String { "plugin \(file) rejected: \(reason)" }
}
