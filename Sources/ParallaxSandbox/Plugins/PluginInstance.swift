import CParallaxPlugin
import Glibc
import ParallaxCore

/// One instance of a plugin element, made by the plugin's `create` and freed by its `destroy` when the last
/// reference goes; the calls in between pass plain C views and collect the plugin's error text.
///
/// ```swift
/// let instance = try PluginInstance(functions, values: [.int(40)], factory: "brightness")
/// let status = try instance.process(&input, &output)
/// ```
/// Thread: the element's streaming thread; one call at a time, as the ABI promises the plugin.
final class PluginInstance: @unchecked Sendable {  // unchecked: used by one streaming thread at a time
    private let functions: PluginFunctions
    private let handle: UnsafeMutableRawPointer
    private static let errorCapacity = 1024

    /// Calls `create` with `values` (every property, in descriptor order).
    init(_ functions: PluginFunctions, values: [PropertyValue], types: [PropertyType]) throws(ElementError) {
        self.functions = functions
        var strings: [UnsafeMutablePointer<CChar>?] = []
        defer { for string in strings { free(string) } }
        var arguments: [px_plugin_value] = []
        for (value, type) in zip(values, types) {
            var argument = px_plugin_value()
            switch (value, type) {
            case (.bool(let v), _):
                argument.type = UInt32(PX_PLUGIN_PROPERTY_BOOL)
                argument.bool_value = v ? 1 : 0
            case (.int(let v), _):
                argument.type = UInt32(PX_PLUGIN_PROPERTY_INT)
                argument.int_value = v
            case (.uint(let v), _):
                argument.type = UInt32(PX_PLUGIN_PROPERTY_UINT)
                argument.uint_value = v
            case (.double(let v), _):
                argument.type = UInt32(PX_PLUGIN_PROPERTY_DOUBLE)
                argument.double_value = v
            case (.string(let v), _):
                argument.type = UInt32(PX_PLUGIN_PROPERTY_STRING)
                let copy = v.flatMap { strdup($0) }
                strings.append(copy)
                argument.string_value = UnsafePointer(copy)
            default:
                throw ElementError("a plugin property cannot hold \(value)")
            }
            arguments.append(argument)
        }
        var created: UnsafeMutableRawPointer?
        let message = Self.collectingError { error, size in
            created = arguments.withUnsafeBufferPointer {
                functions.create(functions.context, $0.baseAddress, UInt32($0.count), error, size)
            }
            return created == nil ? Int32(PX_PLUGIN_ERROR) : Int32(PX_PLUGIN_OK)
        }
        guard let created else { throw ElementError(message ?? "the plugin could not make the element") }
        self.handle = created
    }

    deinit { functions.destroy(handle) }

    /// Calls `set_caps` when the plugin has one.
    func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        guard let setCaps = functions.setCaps else { return }
        let inputText = input?.description ?? "", outputText = output?.description ?? ""
        if let message = Self.collectingError({ error, size in
            setCaps(handle, inputText, outputText, error, size)
        }) {
            throw ElementError(message)
        }
    }

    /// Calls `process`; returns its status (OK, DROPPED or EOS) or throws its error text.
    func process(_ input: inout px_plugin_buffer, _ output: inout px_plugin_buffer) throws(ElementError) -> Int32 {
        var status: Int32 = 0
        if let message = Self.collectingError({ error, size in
            status = functions.process(handle, &input, &output, error, size)
            return status
        }) {
            throw ElementError(message)
        }
        return status
    }

    /// Calls `event` when the plugin has one.
    func event(_ event: Int32) throws(ElementError) {
        guard let handler = functions.event else { return }
        if let message = Self.collectingError({ error, size in handler(handle, UInt32(event), error, size) }) {
            throw ElementError(message)
        }
    }

    /// Runs `call` with an error buffer; returns the error text when it answered `PX_PLUGIN_ERROR` or a status
    /// the ABI does not define, nil otherwise.
    private static func collectingError(
        _ call: (UnsafeMutablePointer<CChar>, Int) -> Int32
    ) -> String? {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: errorCapacity) { buffer in
            guard let base = buffer.baseAddress else { return "no memory for the plugin's error text" }
            base[0] = 0
            let status = call(base, errorCapacity)
            switch status {
            case Int32(PX_PLUGIN_OK), Int32(PX_PLUGIN_DROPPED), Int32(PX_PLUGIN_EOS): return nil
            default:
                base[errorCapacity - 1] = 0
                let text = String(cString: base)
                if status != Int32(PX_PLUGIN_ERROR) { return "the plugin answered unknown status \(status)" }
                return text.isEmpty ? "the plugin reported an error without text" : text
            }
        }
    }
}
