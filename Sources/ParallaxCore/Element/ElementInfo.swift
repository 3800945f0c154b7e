/// Everything known about an element factory without its Swift type: what `--inspect` prints and the
/// launch parser checks against.
public struct ElementInfo: Sendable, Hashable {
    /// The factory name.
    public var factory: String
    /// A human-readable name.
    public var longName: String
    /// GStreamer's classification.
    public var klass: String
    /// What the element does.
    public var description: String
    /// Who wrote it.
    public var author: String
    /// Pad templates.
    public var padTemplates: [PadTemplate]
    /// Properties with their defaults.
    public var properties: [PropertyInfo]
    /// Properties of each request pad (`sink_0::xpos`), with their defaults.
    public var padProperties: [PropertyInfo] = []
    /// Whether it is a source, transform or sink.
    public var role: ElementRole
    /// Whether it opens network connections itself (`NetworkAccessing`): isolated, it runs with the sandbox's
    /// `network` profile in the pipeline's network namespace.
    public var accessesNetwork: Bool

    /// Creates a description (for elements whose Swift type does not describe them, such as plugin elements).
    public init(
        factory: String, longName: String, klass: String, description: String, author: String,
        padTemplates: [PadTemplate], properties: [PropertyInfo], padProperties: [PropertyInfo] = [],
        role: ElementRole, accessesNetwork: Bool = false
    ) {
        self.factory = factory
        self.longName = longName
        self.klass = klass
        self.description = description
        self.author = author
        self.padTemplates = padTemplates
        self.properties = properties
        self.padProperties = padProperties
        self.role = role
        self.accessesNetwork = accessesNetwork
    }

    /// The property called `name`, if any; `PAD::NAME` names a pad property of a request pad (`sink_1::xpos`).
    public func property(named name: String) -> PropertyInfo? {
        guard let separator = name.firstRange(of: "::") else { return properties.first { $0.name == name } }
        let pad = String(name[..<separator.lowerBound]), property = String(name[separator.upperBound...])
        guard padTemplates.contains(where: { $0.presence == .request && $0.matches(pad) }),
            var info = padProperties.first(where: { $0.name == property })
        else { return nil }
        info.name = name
        return info
    }

    /// The template a pad called `padName` belongs to, if any.
    public func template(forPad padName: String) -> PadTemplate? {
        padTemplates.first { $0.matches(padName) }
    }
}

/// A property as `ElementInfo` lists it: name, type, blurb and default value.
public struct PropertyInfo: Sendable, Hashable {
    /// The launch-string name.
    public var name: String
    /// Type and range.
    public var type: PropertyType
    /// One-line description.
    public var blurb: String
    /// The value of a fresh element.
    public var defaultValue: PropertyValue

    /// Creates a property description.
    public init(name: String, type: PropertyType, blurb: String, defaultValue: PropertyValue) {
        self.name = name
        self.type = type
        self.blurb = blurb
        self.defaultValue = defaultValue
    }
}

/// The three kinds of element.
public enum ElementRole: String, Sendable, Hashable {
    /// Produces buffers.
    case source
    /// Turns buffers into buffers.
    case transform
    /// Consumes buffers.
    case sink
}

extension Element {
    /// The type-erased description of this element type.
    public static var info: ElementInfo {
        let fresh = Self()
        let role: ElementRole =
            switch fresh {
            case is any Source: .source
            case is any Sink: .sink
            default: .transform
            }
        return ElementInfo(
            factory: descriptor.factory, longName: descriptor.longName, klass: descriptor.klass,
            description: descriptor.description, author: descriptor.author, padTemplates: padTemplates,
            properties: descriptor.properties.map {
                PropertyInfo(name: $0.name, type: $0.type, blurb: $0.blurb, defaultValue: $0.get(fresh))
            },
            padProperties: descriptor.padProperties.map(\.info), role: role,
            accessesNetwork: fresh is any NetworkAccessing)
    }
}
