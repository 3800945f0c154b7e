import Parallax

/// What `parallax-gen element` generates from: a validated element description.
///
/// ```swift
/// let spec = try ElementSpec(
///     ElementSpec.Draft(name: "brightness", kind: "transform", input: "video/x-raw,format=RGBA",
///                       properties: ["adjustment:int=0[-255...255]"]))
/// spec.typeName             // Brightness
/// spec.input?.swiftType     // RawVideo<RGBA>
/// spec.output?.swiftType    // RawVideo<RGBA> (a transform's output defaults to its input)
/// ```
/// Every field is checked before anything is written; errors name the field (`input: unknown media type …`).
/// Plain data.
public struct ElementSpec: Sendable, Hashable {
    /// The factory name (`brightness`).
    public var factory: String
    /// The Swift type (`Brightness`).
    public var typeName: String
    /// Source, transform or sink.
    public var kind: ElementKind
    /// What the element consumes (nil for a source).
    public var input: MediaTypeName?
    /// What the element produces (nil for a sink).
    public var output: MediaTypeName?
    /// The properties, in order.
    public var properties: [PropertySpec]
    /// What the element does, one sentence.
    public var summary: String
    /// GStreamer's classification (`Filter/Effect/Video`).
    public var klass: String
    /// The package target to write into, when the spec names one.
    public var target: String?

    /// The spec as written, every field optional text: what the command line and the YAML file fill in.
    public struct Draft: Sendable, Hashable {
        /// `name`: the factory name.
        public var name: String?
        /// `kind`: source, transform or sink.
        public var kind: String?
        /// `input`: caps of what the element consumes.
        public var input: String?
        /// `output`: caps of what the element produces.
        public var output: String?
        /// `properties`, in order.
        public var properties: [PropertyEntry]
        /// `type`: the Swift type name, if not the factory name in UpperCamelCase.
        public var typeName: String?
        /// `description`.
        public var description: String?
        /// `class`.
        public var klass: String?
        /// `target`.
        public var target: String?

        /// A draft; everything may be left out and is checked by `ElementSpec.init(_:)`.
        public init(
            name: String? = nil, kind: String? = nil, input: String? = nil, output: String? = nil,
            properties: [String] = [], typeName: String? = nil, description: String? = nil, klass: String? = nil,
            target: String? = nil
        ) {
            self.name = name
            self.kind = kind
            self.input = input
            self.output = output
            self.properties = properties.map { .text($0) }
            self.typeName = typeName
            self.description = description
            self.klass = klass
            self.target = target
        }
    }

    /// One property of a draft: `name:type=default[range]` text, or a YAML mapping's parts.
    public enum PropertyEntry: Sendable, Hashable {
        /// `name:type=default[range]`.
        case text(String)
        /// The mapping form.
        case parts(PropertyParts)
    }

    /// A property in the YAML mapping form (`name`, `type`, `default`, `range`, `description`).
    public struct PropertyParts: Sendable, Hashable {
        /// Parts as the mapping gives them.
        public init(name: String, type: String, defaultValue: String?, range: String?, blurb: String?) {
            self.name = name
            self.type = type
            self.defaultValue = defaultValue
            self.range = range
            self.blurb = blurb
        }

        /// `name`.
        public var name: String
        /// `type`.
        public var type: String
        /// `default`.
        public var defaultValue: String?
        /// `range` (`low...high`).
        public var range: String?
        /// `description`.
        public var blurb: String?
    }

    /// Checks `draft` field by field, in order: name, type, kind, input, output, properties.
    public init(_ draft: Draft) throws(SpecError) {
        guard let name = draft.name, !name.isEmpty else { throw SpecError(field: "name", "missing") }
        guard Self.isFactoryName(name) else {
            throw SpecError(
                field: "name",
                "\"\(name)\" is not a factory name (lowercase letters, digits and dashes, starting with a letter)")
        }
        factory = name
        typeName = draft.typeName ?? SwiftName.upperCamel(name)
        guard SwiftName.isTypeName(typeName) else {
            throw SpecError(field: "type", "\"\(typeName)\" is not a Swift type name")
        }
        guard let kindText = draft.kind else { throw SpecError(field: "kind", "missing (source, transform or sink)") }
        guard let kind = ElementKind(rawValue: kindText) else {
            throw SpecError(field: "kind", "\"\(kindText)\" is not source, transform or sink")
        }
        self.kind = kind
        switch (kind.hasInput, draft.input) {
        case (false, .some): throw SpecError(field: "input", "a source has no input")
        case (true, nil): throw SpecError(field: "input", "missing (a \(kind.rawValue) needs the caps it consumes)")
        case (true, .some(let text)): input = try MediaTypeName(parsing: text, field: "input")
        case (false, nil): input = nil
        }
        switch (kind.hasOutput, draft.output) {
        case (false, .some): throw SpecError(field: "output", "a sink has no output")
        case (true, nil) where kind == .transform: output = input
        case (true, nil): throw SpecError(field: "output", "missing (a source needs the caps it produces)")
        case (true, .some(let text)): output = try MediaTypeName(parsing: text, field: "output")
        case (false, nil): output = nil
        }
        var properties: [PropertySpec] = []
        for (index, entry) in draft.properties.enumerated() {
            let property: PropertySpec
            switch entry {
            case .text(let text):
                property = try PropertySpec(parsing: text, elementType: typeName, index: index)
            case .parts(let parts):
                property = try PropertySpec(
                    name: parts.name, typeText: parts.type, defaultText: parts.defaultValue, rangeText: parts.range,
                    blurb: parts.blurb, elementType: typeName, index: index)
            }
            if properties.contains(where: { $0.name == property.name }) {
                throw SpecError(field: "properties.\(property.name)", "declared twice")
            }
            if properties.contains(where: { $0.swiftName == property.swiftName }) {
                throw SpecError(field: "properties.\(property.name)", "its Swift name \(property.swiftName) is taken")
            }
            properties.append(property)
        }
        self.properties = properties
        summary = draft.description ?? "TODO: say what \(name) does"
        klass = draft.klass ?? Self.defaultClass(kind, input: input, output: output)
        target = draft.target
    }

    /// `Source/Video`, `Filter/Audio`, `Sink`… from the kind and media.
    static func defaultClass(_ kind: ElementKind, input: MediaTypeName?, output: MediaTypeName?) -> String {
        let head = kind == .transform ? "Filter" : kind.protocolName
        let media = (output ?? input)?.swiftType ?? ""
        if media.hasPrefix("RawVideo") || media.hasPrefix("EncodedVideo") { return head + "/Video" }
        if media.hasPrefix("RawAudio") { return head + "/Audio" }
        return head
    }

    /// Lowercase letters, digits and dashes, starting with a letter.
    static func isFactoryName(_ name: String) -> Bool { PropertySpec.isPropertyName(name) }
}
