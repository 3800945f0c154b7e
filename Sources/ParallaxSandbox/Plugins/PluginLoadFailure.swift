/// Why a plugin library could not be loaded or has no entry point, in words.
struct PluginLoadFailure: Error, CustomStringConvertible {
    /// The reason.
    let description: String

    init(_ description: String) { self.description = description }
}
