/// The static description of element type `E`: factory name, documentation and properties.
///
/// Declared once, as `static let descriptor` in the element's file; registration, the launch parser and
/// `--inspect` all read it. Example in `Property`.
public struct ElementDescriptor<E: Element>: Sendable {
    /// The factory name used in launch strings (`videotestsrc`).
    public let factory: String
    /// A human-readable name (`Video test source`).
    public let longName: String
    /// GStreamer's classification (`Source/Video`).
    public let klass: String
    /// One sentence on what the element does.
    public let description: String
    /// Who wrote it.
    public let author: String
    /// The properties, in the order `--inspect` lists them.
    public let properties: [Property<E>]
    /// The properties of each request pad (`sink_0::xpos`), in the order `--inspect` lists them.
    public let padProperties: [PadProperty<E>]

    /// Creates a descriptor.
    public init(
        factory: String, longName: String, klass: String, description: String,
        author: String = "The Parallax authors", properties: [Property<E>] = [], padProperties: [PadProperty<E>] = []
    ) {
        self.padProperties = padProperties
        self.factory = factory
        self.longName = longName
        self.klass = klass
        self.description = description
        self.author = author
        self.properties = properties
    }

    /// The property called `name`, if any; `PAD::NAME` names a pad property of a request pad (`sink_1::xpos`).
    public func property(named name: String) -> Property<E>? {
        guard let separator = name.firstRange(of: "::") else { return properties.first { $0.name == name } }
        let pad = String(name[..<separator.lowerBound]), property = String(name[separator.upperBound...])
        guard E.padTemplates.contains(where: { $0.presence == .request && $0.matches(pad) }) else { return nil }
        return padProperties.first { $0.name == property }?.bound(to: pad)
    }
}
