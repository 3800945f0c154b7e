import CParallaxPlugin
import Glibc
import ParallaxCore

/// The C functions every Swift-exported element shares: each finds its Swift object through `context`
/// (create) or `instance` (the others) and turns thrown errors into the ABI's error text.
/// Thread: as the ABI says.
enum PluginThunks {
    static let create: px_plugin_create_fn = { context, values, count, message, size in
        guard let context else {
            write("no element context", to: message, size)
            return nil
        }
        let exported = Unmanaged<ExportedElement>.fromOpaque(context).takeUnretainedValue()
        var converted: [PropertyValue] = []
        for (index, type) in exported.types.enumerated() where index < Int(count) {
            guard let value = values.map({ PluginThunks.value($0[index], as: type) }) ?? nil else {
                write("property \(index + 1) does not hold a value of its type", to: message, size)
                return nil
            }
            converted.append(value)
        }
        do throws(ElementError) {
            return Unmanaged.passRetained(try exported.make(converted)).toOpaque()
        } catch {
            write(error.description, to: message, size)
            return nil
        }
    }

    static let setCaps: px_plugin_set_caps_fn = { instance, input, output, message, size in
        guard let instance else { return Int32(PX_PLUGIN_ERROR) }
        do throws(ElementError) {
            try object(instance).setCaps(
                input: input.map { String(cString: $0) } ?? "", output: output.map { String(cString: $0) } ?? "")
            return Int32(PX_PLUGIN_OK)
        } catch {
            write(error.description, to: message, size)
            return Int32(PX_PLUGIN_ERROR)
        }
    }

    static let process: px_plugin_process_fn = { instance, input, output, message, size in
        guard let instance, let input, let output else { return Int32(PX_PLUGIN_ERROR) }
        do throws(ElementError) {
            return try object(instance).process(input.pointee, &output.pointee)
        } catch {
            write(error.description, to: message, size)
            return Int32(PX_PLUGIN_ERROR)
        }
    }

    static let event: px_plugin_event_fn = { instance, event, _, _ in
        guard let instance else { return Int32(PX_PLUGIN_ERROR) }
        object(instance).event(event)
        return Int32(PX_PLUGIN_OK)
    }

    static let destroy: px_plugin_destroy_fn = { instance in
        guard let instance else { return }
        let object = Unmanaged<ExportedInstance>.fromOpaque(instance)
        object.takeUnretainedValue().stop()
        object.release()
    }

    private static func object(_ instance: UnsafeMutableRawPointer) -> ExportedInstance {
        Unmanaged<ExportedInstance>.fromOpaque(instance).takeUnretainedValue()
    }

    /// A C value as the Swift property type expects it; strings of other types are parsed with that type.
    private static func value(_ value: px_plugin_value, as type: PropertyType) -> PropertyValue? {
        switch (Int(value.type), type) {
        case (PX_PLUGIN_PROPERTY_BOOL, .bool): return .bool(value.bool_value != 0)
        case (PX_PLUGIN_PROPERTY_INT, .int): return .int(value.int_value)
        case (PX_PLUGIN_PROPERTY_UINT, .uint): return .uint(value.uint_value)
        case (PX_PLUGIN_PROPERTY_DOUBLE, .double): return .double(value.double_value)
        case (PX_PLUGIN_PROPERTY_STRING, .string): return .string(value.string_value.map { String(cString: $0) })
        case (PX_PLUGIN_PROPERTY_STRING, _):
            guard let text = value.string_value.map({ String(cString: $0) }) else { return nil }
            return try? type.parse(text).get()
        default: return nil
        }
    }

    /// Copies `text` into the plugin error buffer, truncated to fit, NUL-terminated.
    static func write(_ text: String, to buffer: UnsafeMutablePointer<CChar>?, _ size: Int) {
        guard let buffer, size > 0 else { return }
        let bytes = Array(text.utf8.prefix(size - 1))
        for (index, byte) in bytes.enumerated() { buffer[index] = CChar(bitPattern: byte) }
        buffer[bytes.count] = 0
    }
}
