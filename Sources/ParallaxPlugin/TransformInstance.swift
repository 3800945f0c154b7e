import CParallaxPlugin
import ParallaxCore

/// An instance of Swift transform `E` driven through the plugin ABI: properties applied at creation, caps
/// parsed from their text, each `process` call a `ProcessContext` over the C views.
/// Thread: one call at a time, as the ABI promises.
final class TransformInstance<E: Transform>: ExportedInstance, @unchecked Sendable {
    // unchecked: called by one thread at a time (the ABI's rule)
    private var element: E

    init(values: [PropertyValue]) throws(ElementError) {
        element = E()
        let settings = zip(E.info.properties, values).map {
            PropertySetting(name: $0.name, value: $1, text: $1.description)
        }
        try element.apply(settings)
        try element.start()
    }

    override func setCaps(input: String, output: String) throws(ElementError) {
        try element.setCaps(input: try Self.caps(input), output: try Self.caps(output))
    }

    private static func caps(_ text: String) throws(ElementError) -> Caps? {
        guard !text.isEmpty else { return nil }
        do {
            return try Caps(parsing: text)
        } catch {
            throw ElementError("caps \"\(text)\" do not parse: \(error)")
        }
    }

    override func process(_ input: px_plugin_buffer, _ output: inout px_plugin_buffer) throws(ElementError) -> Int32 {
        let metadata = BufferMetadata(
            pts: Self.time(input.pts), dts: Self.time(input.dts), duration: Self.time(input.duration),
            flags: BufferFlags(rawValue: input.flags))
        var context = ElementCallContext(
            inputBase: UnsafeRawPointer(input.data), inputLength: input.length,
            outputBase: UnsafeMutableRawPointer(output.data), outputCapacity: output.capacity,
            outputLength: output.length, metadata: metadata)
        let status = try element.process(&context)
        output.length = context.outputLength
        output.pts = context.metadata.pts?.nanoseconds ?? UInt64.max
        output.dts = context.metadata.dts?.nanoseconds ?? UInt64.max
        output.duration = context.metadata.duration?.nanoseconds ?? UInt64.max
        output.flags = context.metadata.flags.rawValue
        switch status {
        case .ok: return Int32(PX_PLUGIN_OK)
        case .dropped: return Int32(PX_PLUGIN_DROPPED)
        case .eos: return Int32(PX_PLUGIN_EOS)
        }
    }

    override func event(_ event: UInt32) {
        switch Int(event) {
        case PX_PLUGIN_EVENT_EOS: _ = element.handleEvent(.eos)
        case PX_PLUGIN_EVENT_FLUSH: _ = element.handleEvent(.flushStart)
        default: break
        }
    }

    override func stop() { element.stop() }

    private static func time(_ nanoseconds: UInt64) -> ClockTime? {
        nanoseconds == UInt64.max ? nil : ClockTime(nanoseconds: nanoseconds)
    }
}
