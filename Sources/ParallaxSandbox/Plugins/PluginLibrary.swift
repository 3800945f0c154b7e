import CParallaxLinux
import CParallaxPlugin
import Glibc

/// A plugin library loaded into this process with `dlopen`: its entry point, and once called, what its
/// table declares and the functions of each element.
///
/// Only element hosts load untrusted plugins (`ParallaxHost`, inside the sandbox); the pipeline's own
/// process loads a plugin only for elements the user trusts (`PluginLoader.trusted`). A library is never
/// unloaded: its elements' code may run until the process ends.
///
/// ```swift
/// let library = try PluginLibrary(path: "/proc/self/fd/5", name: "/opt/px/brightness.so")
/// let (description, functions) = library.readTable()
/// ```
/// Thread: any, but `readTable()` calls plugin code; call it once.
final class PluginLibrary: @unchecked Sendable {  // unchecked: immutable after init; the handle is never closed
    /// The plugin's name in messages (its file).
    let name: String
    private let entry: px_plugin_entry_fn

    /// Loads the library at `path` and finds its entry point. The error text says what failed, in
    /// `dlerror`'s words.
    init(path: String, name: String) throws(PluginLoadFailure) {
        self.name = name
        guard let handle = px_dlopen_local(path) else {
            var reason = Self.lastError()
            if reason.hasPrefix(path + ": ") { reason.removeFirst(path.count + 2) }
            throw PluginLoadFailure("cannot load it: \(reason)")
        }
        guard let symbol = dlsym(handle, PX_PLUGIN_ENTRY_SYMBOL) else {
            throw PluginLoadFailure("it does not export \(PX_PLUGIN_ENTRY_SYMBOL)")
        }
        self.entry = unsafeBitCast(symbol, to: px_plugin_entry_fn.self)
    }

    private static func lastError() -> String {
        guard let text = dlerror() else { return "unknown error" }
        return String(cString: text)
    }

    /// Calls the entry point and reads its table: the description the supervisor checks, and each
    /// element's functions (nil where a required one is missing). Reads nothing beyond the ABI version and
    /// size when the version is not `PX_PLUGIN_ABI_VERSION`, and no struct beyond the size it declares.
    func readTable() -> (PluginDescription, [PluginFunctions?]) {
        guard let table = entry() else {
            return (PluginDescription(file: name, loadFailure: "\(PX_PLUGIN_ENTRY_SYMBOL) returned NULL"), [])
        }
        var description = PluginDescription(
            file: name, abiVersion: table.pointee.abi_version, tableSize: table.pointee.struct_size)
        guard description.abiVersion == PX_PLUGIN_ABI_VERSION,
            Int(description.tableSize) >= MemoryLayout<px_plugin_table>.size
        else { return (description, []) }
        description.declaredElements = table.pointee.element_count
        let count = min(Int(table.pointee.element_count), PluginDescription.maximumElements)
        guard let elements = table.pointee.elements, count > 0 else { return (description, []) }
        var functions: [PluginFunctions?] = []
        for index in 0..<count {
            let element = elements[index]
            guard Int(element.struct_size) >= MemoryLayout<px_plugin_element>.size else {
                description.elements.append(Self.truncated(element.struct_size))
                functions.append(nil)
                continue
            }
            description.elements.append(Self.describe(element))
            functions.append(PluginFunctions(element))
        }
        return (description, functions)
    }

    private static func truncated(_ size: UInt32) -> PluginDescription.Element {
        PluginDescription.Element(
            structSize: size, kind: 0, flags: 0, declaredProperties: 0, factory: nil, longName: nil, klass: nil,
            description: nil, author: nil, sinkCaps: nil, srcCaps: nil, hasRequiredFunctions: false, properties: [])
    }

    private static func describe(_ element: px_plugin_element) -> PluginDescription.Element {
        var properties: [PluginDescription.Property] = []
        let count = min(Int(element.property_count), PluginDescription.maximumProperties)
        if let list = element.properties {
            for index in 0..<count {
                let property = list[index]
                guard Int(property.struct_size) >= MemoryLayout<px_plugin_property>.size else {
                    properties.append(PluginDescription.Property(type: 0, name: nil, blurb: nil))
                    continue
                }
                properties.append(
                    PluginDescription.Property(
                        type: property.type, name: text(property.name), blurb: text(property.blurb),
                        intRange: (property.int_min, property.int_max, property.int_default),
                        uintRange: (property.uint_min, property.uint_max, property.uint_default),
                        doubleRange: (property.double_min, property.double_max, property.double_default),
                        boolDefault: property.bool_default, stringDefault: text(property.string_default)))
            }
        }
        return PluginDescription.Element(
            structSize: element.struct_size, kind: element.kind, flags: element.flags,
            declaredProperties: element.properties == nil ? 0 : element.property_count,
            factory: text(element.factory), longName: text(element.long_name), klass: text(element.klass),
            description: text(element.description), author: text(element.author), sinkCaps: text(element.sink_caps),
            srcCaps: text(element.src_caps), hasRequiredFunctions: PluginFunctions(element) != nil,
            properties: properties)
    }

    /// A C string as text: at most 4096 bytes, invalid UTF-8 repaired (the validator then rejects the name).
    private static func text(_ pointer: UnsafePointer<CChar>?) -> String? {
        guard let pointer else { return nil }
        let length = strnlen(pointer, 4096)
        return pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }
}
