import ParallaxCore

/// An element type backed by a plugin (see `PluginElement`).
protocol PluginBacked: Element {
    /// The element's catalog slot.
    static var catalogEntry: PluginCatalog.Entry { get }
}
