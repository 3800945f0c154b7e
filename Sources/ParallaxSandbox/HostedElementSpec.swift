/// Supervisor → host: an element to make, by factory name and properties (as written, parsed by the host
/// against its own registry), with the caps negotiation fixed for it. `index` names it in work orders.
public struct HostedElementSpec: Sendable, Hashable {
    /// The element's number within its host.
    public var index: UInt16
    /// The factory name.
    public var factory: String
    /// The node's name in the pipeline (for the host's error messages).
    public var name: String
    /// Properties as `(name, text)`, in the order they were set.
    public var properties: [PropertyText]
    /// Fixed caps of the sink pad, printed, or nil for a source.
    public var inputCaps: String?
    /// Fixed caps of the src pad, printed, or nil for a sink.
    public var outputCaps: String?

    /// A property's name and value text.
    public struct PropertyText: Sendable, Hashable {
        /// The property name.
        public var name: String
        /// The value as text.
        public var text: String

        /// Creates a pair.
        public init(name: String, text: String) {
            self.name = name
            self.text = text
        }
    }

    /// Creates a spec.
    public init(
        index: UInt16, factory: String, name: String, properties: [PropertyText], inputCaps: String?,
        outputCaps: String?
    ) {
        self.index = index
        self.factory = factory
        self.name = name
        self.properties = properties
        self.inputCaps = inputCaps
        self.outputCaps = outputCaps
    }
}

extension HostedElementSpec {
    private static let textLimit = 4096

    func write(to writer: inout ControlWireWriter) {
        writer.u32(UInt32(index))
        writer.string(factory)
        writer.string(name)
        writer.u32(UInt32(properties.count))
        for property in properties {
            writer.string(property.name)
            writer.string(property.text)
        }
        for caps in [inputCaps, outputCaps] {
            writer.bool(caps != nil)
            if let caps { writer.string(caps) }
        }
    }

    init(reading reader: inout ControlWireReader) throws(ControlProtocolError) {
        let index = try reader.u32()
        guard index <= UInt32(UInt16.max) else { throw .invalidField("element.index") }
        let factory = try reader.string("element.factory", limit: 256)
        let name = try reader.string("element.name", limit: 256)
        let count = try reader.u32()
        guard count <= 256 else { throw .invalidField("element.properties") }
        var properties: [PropertyText] = []
        for _ in 0..<count {
            properties.append(
                PropertyText(
                    name: try reader.string("element.property", limit: 256),
                    text: try reader.string("element.value", limit: Self.textLimit)))
        }
        let input = try reader.bool("element.input") ? try reader.string("element.input", limit: Self.textLimit) : nil
        let output =
            try reader.bool("element.output") ? try reader.string("element.output", limit: Self.textLimit) : nil
        self.init(
            index: UInt16(index), factory: factory, name: name, properties: properties, inputCaps: input,
            outputCaps: output)
    }
}
