import Glibc
import ParallaxCore

/// An element running inside an element host: made from its spec, configured with the negotiated caps and
/// started, then driven one work order at a time by the host loop.
///
/// ```
/// work(input?, output?) ─► produce (source) | process (transform) | render (sink) ─► done(status, length)
/// work(drain)           ─► drain (transform)                                       ─► done(dropped)
/// ```
/// A transform's extra outputs (`ctx.emit`) and bus messages (`ctx.post`) go through the call's emitter.
/// Thread: the host's only thread.
struct HostedElement {
    private var element: any Element
    let name: String

    /// Makes `spec.factory` from `registry` with its properties, hands it `file` (a descriptor the
    /// supervisor opened for a file-accessing element), sets its caps and starts it. Errors name the
    /// element and what was wrong.
    init(spec: HostedElementSpec, registry: ElementRegistry, file: Int32?) throws(ElementError) {
        guard let entry = registry[spec.factory] else {
            throw ElementError(
                "no element \"\(spec.factory)\" in this element host; register it and call "
                    + "ParallaxHost.runIfRequested(registry:) first in main")
        }
        var settings: [PropertySetting] = []
        for property in spec.properties {
            guard let info = entry.info.property(named: property.name) else {
                throw ElementError("\(spec.name): no property \"\(property.name)\" on \(spec.factory)")
            }
            switch info.type.parse(property.text) {
            case .success(let value):
                settings.append(PropertySetting(name: property.name, value: value, text: property.text))
            case .failure(let error):
                throw ElementError("\(spec.name): property \(property.name): \(error)")
            }
        }
        var element = try entry.make(settings)
        if let file {
            guard var accessing = element as? any FileAccessing else {
                close(file)
                throw ElementError("\(spec.name): a file was passed to an element that reads no file")
            }
            Self.adopt(file, into: &accessing)
            element = accessing
        }
        let input = try Self.caps(spec.inputCaps, spec.name)
        let output = try Self.caps(spec.outputCaps, spec.name)
        try element.setCaps(input: input, output: output)
        try element.start()
        self.element = element
        self.name = spec.name
    }

    private static func caps(_ text: String?, _ name: String) throws(ElementError) -> Caps? {
        guard let text else { return nil }
        do {
            return try Caps(parsing: text)
        } catch {
            throw ElementError("\(name): caps from the supervisor do not parse: \(error)")
        }
    }

    /// Runs one call. `input` is the input buffer (a read-only slot), `output` the writable slot and its room.
    mutating func perform(
        input: Buffer?, output: UnsafeMutableRawPointer?, capacity: Int, metadata: BufferMetadata,
        emitter: HostCallEmitter
    ) throws(ElementError) -> WorkResult {
        var ctx = ElementCallContext(
            input: input, outputBase: output, outputCapacity: capacity,
            outputLength: input == nil ? capacity : (output == nil ? 0 : min(input?.length ?? 0, capacity)),
            metadata: metadata, isInPlace: false, emitter: emitter)
        let status: FlowStatus
        if var source = element as? any Source {
            status = try Self.produce(&source, &ctx)
            element = source
        } else if var transform = element as? any Transform {
            status = try Self.process(&transform, &ctx)
            element = transform
        } else if var sink = element as? any Sink {
            status = try Self.render(&sink, &ctx)
            element = sink
        } else {
            throw ElementError("\(name) is neither a source, a transform nor a sink")
        }
        return WorkResult(
            status: status, outputLength: output == nil ? 0 : UInt64(ctx.outputLength), metadata: ctx.metadata)
    }

    /// A transform's `drain` at end-of-stream: what it still holds goes out through `emitter`.
    mutating func drain(metadata: BufferMetadata, emitter: HostCallEmitter) throws(ElementError) -> WorkResult {
        guard var transform = element as? any Transform else {
            throw ElementError("\(name) is not a transform and has nothing to drain")
        }
        var ctx = ElementCallContext(
            input: nil, outputBase: nil, outputCapacity: 0, outputLength: 0, metadata: metadata, isInPlace: false,
            emitter: emitter)
        try Self.drain(&transform, &ctx)
        element = transform
        return WorkResult(status: .dropped, outputLength: 0, metadata: ctx.metadata)
    }

    private static func drain<T: Transform>(_ t: inout T, _ ctx: inout ElementCallContext) throws(ElementError) {
        try t.drain(&ctx)
    }

    /// Whether the element is a transform (only transforms emit outputs of their own).
    var isTransform: Bool { element is any Transform }

    /// Lets the element see end-of-stream; a sink then finishes (flushes what it holds).
    mutating func endOfStream() throws(ElementError) {
        _ = element.handleEvent(.eos)
        if var sink = element as? any Sink {
            try Self.finish(&sink)
            element = sink
        }
    }

    private static func adopt<F: FileAccessing>(_ file: Int32, into element: inout F) { element.adoptFile(file) }

    private static func finish<K: Sink>(_ k: inout K) throws(ElementError) { try k.finish() }

    /// Stops the element.
    mutating func stop() { element.stop() }

    private static func produce<S: Source>(_ s: inout S, _ ctx: inout ElementCallContext) throws(ElementError)
        -> FlowStatus
    { try s.produce(&ctx) }

    private static func process<T: Transform>(_ t: inout T, _ ctx: inout ElementCallContext) throws(ElementError)
        -> FlowStatus
    { try t.process(&ctx) }

    private static func render<K: Sink>(_ k: inout K, _ ctx: inout ElementCallContext) throws(ElementError)
        -> FlowStatus
    { try k.render(&ctx) }
}
