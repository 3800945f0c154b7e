import ParallaxCore

/// One plugin element after `PluginValidator` accepted it: its description as the registry, the launch
/// parser and `--inspect` see it, whether it may process in place, and the plugin file it comes from.
///
/// ```swift
/// let specs = try PluginValidator(reserved: reserved).validate(description)
/// specs[0].info.factory   // "brightness"
/// ```
/// A plain value; any thread.
public struct PluginElementSpec: Sendable, Hashable {
    /// The element's description (role `.transform`, pad templates from the plugin's caps strings).
    public var info: ElementInfo
    /// Whether the plugin declared `PX_PLUGIN_ELEMENT_IN_PLACE`.
    public var processesInPlace: Bool
    /// The element's position in the plugin's table.
    public var index: Int

    /// Creates a spec.
    public init(info: ElementInfo, processesInPlace: Bool, index: Int) {
        self.info = info
        self.processesInPlace = processesInPlace
        self.index = index
    }
}
