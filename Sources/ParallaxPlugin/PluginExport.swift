import CParallaxPlugin
import Glibc
import ParallaxCore
import Synchronization

/// Turns Swift transform elements into the C table a Parallax plugin exports, so that a plugin written in
/// Swift is its element plus one declaration:
///
/// ```swift
/// import ParallaxPlugin
///
/// struct Brightness: Transform { … }   // an ordinary element
///
/// @_cdecl("parallax_plugin_entry")
/// public func entry() -> UnsafeRawPointer { PluginExport.table(Brightness.self) }
/// ```
/// Build it as a `.dynamic` library product and put the `.so` in a directory of `--plugin-path` or
/// `PARALLAX_PLUGIN_PATH`. The table is made once per process and never freed (the ABI wants it to live as
/// long as the process). Properties of types the ABI has no type for (enumerations, fractions, caps) are
/// exported as strings and parsed back with the property's own type.
///
/// Thread: `table` is called by the entry point, once per process; the element functions run as the ABI
/// says (one call at a time per instance).
public enum PluginExport {
    private static let cache = Cache()

    /// The plugin table for `types`, as the entry point returns it.
    public static func table(_ types: any Transform.Type...) -> UnsafeRawPointer {
        cache.table { Self.makeTable(types) }
    }

    private static func makeTable(_ types: [any Transform.Type]) -> UnsafeRawPointer {
        let elements = UnsafeMutablePointer<px_plugin_element>.allocate(capacity: types.count)
        for (index, type) in types.enumerated() {
            (elements + index).initialize(to: element(type))
        }
        let table = UnsafeMutablePointer<px_plugin_table>.allocate(capacity: 1)
        table.initialize(
            to: px_plugin_table(
                abi_version: PX_PLUGIN_ABI_VERSION, struct_size: UInt32(MemoryLayout<px_plugin_table>.size),
                element_count: UInt32(types.count), reserved: 0, elements: UnsafePointer(elements)))
        return UnsafeRawPointer(table)
    }

    private static func element<E: Transform>(_ type: E.Type) -> px_plugin_element {
        let info = E.info
        let properties = UnsafeMutablePointer<px_plugin_property>.allocate(capacity: max(info.properties.count, 1))
        for (index, property) in info.properties.enumerated() {
            (properties + index).initialize(to: Self.property(property))
        }
        let exported = ExportedElement(types: info.properties.map(\.type)) { values throws(ElementError) in
            try TransformInstance<E>(values: values)
        }
        let flags = E().canProcessInPlace ? UInt32(PX_PLUGIN_ELEMENT_IN_PLACE) : 0
        return px_plugin_element(
            struct_size: UInt32(MemoryLayout<px_plugin_element>.size), kind: UInt32(PX_PLUGIN_KIND_TRANSFORM),
            flags: flags, property_count: UInt32(info.properties.count), factory: text(info.factory),
            long_name: text(info.longName), klass: text(info.klass), description: text(info.description),
            author: text(info.author), sink_caps: text(E.template(.sink)?.caps.description ?? "ANY"),
            src_caps: text(E.template(.src)?.caps.description ?? "ANY"), properties: UnsafePointer(properties),
            context: UnsafeRawPointer(Unmanaged.passRetained(exported).toOpaque()), create: PluginThunks.create,
            set_caps: PluginThunks.setCaps, process: PluginThunks.process, event: PluginThunks.event,
            destroy: PluginThunks.destroy)
    }

    private static func property(_ property: PropertyInfo) -> px_plugin_property {
        var exported = px_plugin_property()
        exported.struct_size = UInt32(MemoryLayout<px_plugin_property>.size)
        exported.name = text(property.name)
        exported.blurb = text(property.blurb)
        switch (property.type, property.defaultValue) {
        case (.bool, .bool(let value)):
            exported.type = UInt32(PX_PLUGIN_PROPERTY_BOOL)
            exported.bool_default = value ? 1 : 0
        case (.int(let range), .int(let value)):
            exported.type = UInt32(PX_PLUGIN_PROPERTY_INT)
            (exported.int_min, exported.int_max, exported.int_default) = (range.lowerBound, range.upperBound, value)
        case (.uint(let range), .uint(let value)):
            exported.type = UInt32(PX_PLUGIN_PROPERTY_UINT)
            (exported.uint_min, exported.uint_max, exported.uint_default) = (range.lowerBound, range.upperBound, value)
        case (.double(let range), .double(let value)):
            exported.type = UInt32(PX_PLUGIN_PROPERTY_DOUBLE)
            (exported.double_min, exported.double_max, exported.double_default) =
                (range.lowerBound, range.upperBound, value)
        case (.string, .string(let value)):
            exported.type = UInt32(PX_PLUGIN_PROPERTY_STRING)
            exported.string_default = value.flatMap(text)
        default:
            exported.type = UInt32(PX_PLUGIN_PROPERTY_STRING)
            exported.string_default = text(property.defaultValue.description)
        }
        return exported
    }

    /// A C copy of `string` that lives as long as the process.
    private static func text(_ string: String) -> UnsafePointer<CChar>? { strdup(string).map { UnsafePointer($0) } }

    /// Makes the table once.
    private final class Cache: Sendable {
        private let made = Mutex<UnsafeRawPointer?>(nil)

        func table(_ make: () -> UnsafeRawPointer) -> UnsafeRawPointer {
            made.withLock { made in
                if let made { return made }
                let table = make()
                made = table
                return table
            }
        }
    }
}
