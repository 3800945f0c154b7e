import ParallaxCore
import Synchronization

/// Every plugin element this process knows, by slot: what `PluginElement<Key>` reads for its static
/// description, where it comes from, whether it is trusted, and — in a process that loaded the plugin —
/// its functions.
///
/// Slots are only added, never removed or changed, so a registered element's type keeps its meaning for
/// the life of the process.
/// Thread: any (a mutex guards the slots).
final class PluginCatalog: Sendable {
    /// The catalog of this process.
    static let shared = PluginCatalog()

    /// One slot.
    struct Entry: Sendable {
        /// The validated description.
        let spec: PluginElementSpec
        /// The plugin file.
        let file: PluginFile
        /// Whether the element runs in the pipeline's own process.
        let trusted: Bool
        /// The element's functions, when this process loaded the plugin.
        let functions: PluginFunctions?
    }

    private let entries = Mutex<[Entry]>([])

    /// Adds `entry` and returns the type of the element it describes.
    func add(_ entry: Entry) -> any Element.Type {
        let slot = entries.withLock { entries in
            entries.append(entry)
            return entries.count - 1
        }
        return Self.elementType(forSlot: slot)
    }

    /// The entry of `slot`; slots handed out by `add` always exist.
    func entry(_ slot: Int) -> Entry {
        entries.withLock { $0[slot] }
    }

    private static func elementType(forSlot slot: Int) -> any Element.Type {
        func make<Key: PluginKey>(_ key: Key.Type) -> any Element.Type { PluginElement<Key>.self }
        return make(PluginKeys.type(forSlot: slot))
    }
}
