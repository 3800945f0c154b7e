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

    /// Creates a descriptor.
    public init(
        factory: String, longName: String, klass: String, description: String,
        author: String = "The Parallax authors", properties: [Property<E>] = []
    ) {
        self.factory = factory
        self.longName = longName
        self.klass = klass
        self.description = description
        self.author = author
        self.properties = properties
    }

    /// The property called `name`, if any.
    public func property(named name: String) -> Property<E>? {
        properties.first { $0.name == name }
    }
}
