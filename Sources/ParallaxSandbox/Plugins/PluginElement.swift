import CParallaxPlugin
import ParallaxCore

/// The Swift side of one plugin element: a transform whose description comes from the validated plugin
/// table (`PluginCatalog`, slot `Key.number - 1`) and whose work is done by the plugin's C functions.
///
/// Registered in the supervisor for parsing, negotiation and `--inspect` without the supervisor loading the
/// plugin: it runs in an element host (an `IsolatingPlacement` places it there in every mode), where the
/// host loaded the plugin and its catalog has the functions. Only a trusted element is called in the
/// pipeline's own process.
///
/// ```swift
/// let type = PluginCatalog.shared.add(entry)   // PluginElement<PluginKeyZero<PluginKeyRoot>>.self
/// registry.register(type)
/// ```
/// Thread: the streaming thread of the element's segment, as any element.
struct PluginElement<Key: PluginKey>: Transform, PluginBacked {
    typealias Input = AnyMedia
    typealias Output = AnyMedia

    static var catalogEntry: PluginCatalog.Entry { PluginCatalog.shared.entry(Key.number - 1) }

    static var descriptor: ElementDescriptor<Self> {
        let info = catalogEntry.spec.info
        let properties = info.properties.enumerated().map { index, property in
            Property<Self>(
                property.name, type: property.type, property.blurb, get: { $0.values[index] },
                set: { element, value in element.values[index] = value })
        }
        return ElementDescriptor(
            factory: info.factory, longName: info.longName, klass: info.klass, description: info.description,
            author: info.author, properties: properties)
    }

    static var padTemplates: [PadTemplate] { catalogEntry.spec.info.padTemplates }

    /// The property values, in descriptor order.
    var values: [PropertyValue]
    private let inPlace: Bool
    private var instance: PluginInstance?
    private var caps: (input: Caps?, output: Caps?) = (nil, nil)

    init() {
        let spec = Self.catalogEntry.spec
        values = spec.info.properties.map(\.defaultValue)
        inPlace = spec.processesInPlace
    }

    var canProcessInPlace: Bool { inPlace }

    mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        caps = (input, output)
        try instance?.setCaps(input: input, output: output)
    }

    mutating func start() throws(ElementError) {
        _ = try made()
    }

    mutating func stop() {
        instance = nil
    }

    mutating func handleEvent(_ event: Event) -> EventDisposition {
        switch event {
        case .eos: try? instance?.event(Int32(PX_PLUGIN_EVENT_EOS))
        case .flushStart: try? instance?.event(Int32(PX_PLUGIN_EVENT_FLUSH))
        default: break
        }
        return .forward
    }

    mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        let instance = try made()
        var input = ctx.withUnsafeInput { $0 }
        let output = ctx.withUnsafeOutput { $0 }
        let metadata = ctx.metadata
        if inPlace, !ctx.isInPlace, let target = output.baseAddress, output.count >= input.count {
            // An in-place element writes only what it changes: give it a copy of the input to work on, as
            // GStreamer's base transform does when the input buffer is not writable (a hosted element's
            // input arena is mapped read-only).
            if let source = input.baseAddress { target.copyMemory(from: source, byteCount: input.count) }
            input = UnsafeRawBufferPointer(start: target, count: input.count)
        }
        var inputView = Self.view(
            UnsafeMutableRawPointer(mutating: input.baseAddress), input.count, input.count, metadata)
        var outputView = Self.view(output.baseAddress, ctx.outputLength, output.count, metadata)
        let status = try instance.process(&inputView, &outputView)
        ctx.outputLength = Int(min(outputView.length, outputView.capacity))
        ctx.metadata.pts = Self.time(outputView.pts)
        ctx.metadata.dts = Self.time(outputView.dts)
        ctx.metadata.duration = Self.time(outputView.duration)
        ctx.metadata.flags = BufferFlags(rawValue: outputView.flags)
        switch status {
        case Int32(PX_PLUGIN_DROPPED): return .dropped
        case Int32(PX_PLUGIN_EOS): return .eos
        default: return .ok
        }
    }

    /// The instance, made on first use with the current properties and caps.
    private mutating func made() throws(ElementError) -> PluginInstance {
        if let instance { return instance }
        let entry = Self.catalogEntry
        guard let functions = entry.functions else {
            throw ElementError(
                "\(entry.spec.info.factory) comes from plugin \(entry.file.path), which this process did not load: "
                    + "plugin elements run in element hosts (give the pipeline an IsolatingPlacement) unless trusted")
        }
        let made = try PluginInstance(functions, values: values, types: entry.spec.info.properties.map(\.type))
        if caps.input != nil || caps.output != nil { try made.setCaps(input: caps.input, output: caps.output) }
        instance = made
        return made
    }

    private static func view(
        _ base: UnsafeMutableRawPointer?, _ length: Int, _ capacity: Int, _ metadata: BufferMetadata
    ) -> px_plugin_buffer {
        px_plugin_buffer(
            data: base?.assumingMemoryBound(to: UInt8.self), length: length, capacity: capacity,
            pts: metadata.pts?.nanoseconds ?? UInt64.max, dts: metadata.dts?.nanoseconds ?? UInt64.max,
            duration: metadata.duration?.nanoseconds ?? UInt64.max, flags: metadata.flags.rawValue, reserved: 0)
    }

    private static func time(_ nanoseconds: UInt64) -> ClockTime? {
        nanoseconds == UInt64.max ? nil : ClockTime(nanoseconds: nanoseconds)
    }
}
