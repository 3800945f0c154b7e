import Parallax

/// Renders typed builder wrappers (`ElementByName` structs) for elements known only by their `ElementInfo`,
/// and reports the ones whose pad templates do not determine their media types.
///
/// ```swift
/// let renderer = WrapperRenderer(elements: registry.elements.map(\.info), source: "the stock registry",
///                                command: "wrappers", namespace: "ByName")
/// let (file, skipped) = renderer.render()
/// // skipped: [Skip(factory: "queue", reason: "input: caps ANY"), …]
/// ```
/// An element gets a wrapper when it has at most one always-present sink pad and one src pad, each with one
/// media type in one fixed format (`video/x-raw,format=RGBA` → `RawVideo<RGBA>`). Properties become typed
/// stored properties with the descriptor's defaults. Pure functions of the infos.
public struct WrapperRenderer: Sendable {
    /// An element without a wrapper, and why: a human writes its wrapper by hand.
    public struct Skip: Error, Sendable, Hashable, CustomStringConvertible {
        /// The factory name.
        public var factory: String
        /// Why its types are not determined (`input: caps ANY`).
        public var reason: String

        /// `factory: reason`.
        public var description: String { "\(factory): \(reason)" }
    }

    /// The elements, in any order (rendered sorted by factory name).
    public var elements: [ElementInfo]
    /// Where the infos came from, for the header (`the stock registry`).
    public var source: String
    /// The `parallax-gen` command that regenerates the file, for the header.
    public var command: String
    /// An enum to nest the wrappers in (so they do not clash with Swift types of the same name), or nil.
    public var namespace: String?
    /// Whether the wrappers are `public`.
    public var isPublic: Bool

    /// A renderer.
    public init(
        elements: [ElementInfo], source: String, command: String, namespace: String? = nil, isPublic: Bool = false
    ) {
        self.elements = elements
        self.source = source
        self.command = command
        self.namespace = namespace
        self.isPublic = isPublic
    }

    /// The Swift media types of `info`'s input and output (`PipelineStart`/`PipelineEnd` for a source/sink),
    /// or why they are not determined.
    public static func mediaTypes(of info: ElementInfo) -> Result<(input: String, output: String), Skip> {
        func skip(_ reason: String) -> Result<(input: String, output: String), Skip> {
            .failure(Skip(factory: info.factory, reason: reason))
        }
        if let pad = info.padTemplates.first(where: { $0.presence != .always }) {
            return skip("\(pad.presence == .request ? "request" : "sometimes") pads (\(pad.name))")
        }
        let sinks = info.padTemplates.filter { $0.direction == .sink }
        let sources = info.padTemplates.filter { $0.direction == .src }
        if sinks.count > 1 { return skip("several sink pads") }
        if sources.count > 1 { return skip("several src pads") }
        if sinks.isEmpty, sources.isEmpty { return skip("no pads") }
        var input = "PipelineStart", output = "PipelineEnd"
        if let sink = sinks.first {
            switch MediaTypeName.forTemplate(sink.caps) {
            case .success(let name): input = name.swiftType
            case .failure(let problem): return skip("input: \(problem.message)")
            }
        }
        if let source = sources.first {
            switch MediaTypeName.forTemplate(source.caps) {
            case .success(let name): output = name.swiftType
            case .failure(let problem): return skip("output: \(problem.message)")
            }
        }
        return .success((input, output))
    }

    /// The wrappers file and the elements left out.
    public func render() -> (file: String, skipped: [Skip]) {
        var skipped: [Skip] = []
        var blocks: [[String]] = []
        var taken: Set<String> = []
        for info in elements.sorted(by: { $0.factory < $1.factory }) {
            switch Self.mediaTypes(of: info) {
            case .failure(let skip): skipped.append(skip)
            case .success(let types):
                var name = typeName(for: info)
                if taken.contains(name) { name += SwiftName.upperCamel(info.factory) }
                taken.insert(name)
                blocks.append(wrapper(info, name: name, input: types.input, output: types.output))
            }
        }
        let names = elements.map(\.factory).sorted()
        var lines = [
            GeneratedHeader.doNotEdit(from: "the pad templates and properties of \(source)", command: command)
                + "import Parallax",
            "",
        ]
        let indent = namespace == nil ? "" : "    "
        if let namespace {
            lines += [
                "/// Typed wrappers for elements known by name: \(names.count) element(s) considered.",
                "\(access)enum \(namespace) {",
            ]
        }
        for (index, block) in blocks.enumerated() {
            if index > 0 { lines.append("") }
            lines += block.map { $0.isEmpty ? "" : indent + $0 }
        }
        if namespace != nil { lines.append("}") }
        if !skipped.isEmpty {
            lines += [
                "", "// Not wrapped (their pad templates do not determine a Swift media type; type them by hand):",
            ]
            lines += skipped.map { "// - \($0)" }
        }
        return (lines.joined(separator: "\n") + "\n", skipped)
    }

    var access: String { isPublic ? "public " : "" }

    func typeName(for info: ElementInfo) -> String {
        let fromLongName = SwiftName.upperCamel(info.longName)
        return SwiftName.isTypeName(fromLongName) && !fromLongName.hasPrefix("_")
            ? fromLongName : SwiftName.upperCamel(info.factory)
    }

    struct RenderedProperty {
        var name: String
        var swiftName: String
        var swiftType: String
        var defaultLiteral: String
        var valueExpression: String
        var defaultValue: PropertyValue
        var blurb: String
        var enumDeclaration: [String] = []
    }

    func wrapper(_ info: ElementInfo, name: String, input: String, output: String) -> [String] {
        let properties = info.properties.compactMap(rendered)
        var lines = [
            "/// `\(info.factory)` (\(info.longName)), known by name: \(info.description)",
            "///",
            "/// ```swift",
            "/// Pipeline { …; \(name)(); … }   // made from the pipeline's registry",
            "/// ```",
            "/// Plain data, built on the calling thread.",
            "\(access)struct \(name): ElementByName {",
            "    \(access)typealias Input = \(input)",
            "    \(access)typealias Output = \(output)",
            "    \(access)static let factory = \(SwiftName.literal(info.factory))",
        ]
        for property in properties {
            lines += property.enumDeclaration
            lines += ["    /// \(property.blurb)", "    \(access)var \(property.swiftName): \(property.swiftType)"]
        }
        lines += ["    /// What the modifiers asked for.", "    \(access)var options = NodeOptions()", ""]
        let parameters = properties.map { "\($0.swiftName): \($0.swiftType) = \($0.defaultLiteral)" }
        lines.append("    /// The element with the given properties; each defaults to the element's default.")
        if parameters.isEmpty {
            lines.append("    \(access)init() {}")
        } else {
            lines.append("    \(access)init(")
            lines.append("        " + parameters.joined(separator: ", ") + "")
            lines.append("    ) {")
            lines += properties.map { "        self.\($0.swiftName) = \($0.swiftName)" }
            lines.append("    }")
        }
        lines += ["", "    /// The properties that differ from their defaults."]
        if properties.isEmpty {
            lines.append("    \(access)var settings: [PropertySetting] { [] }")
        } else {
            lines += ["    \(access)var settings: [PropertySetting] {", "        ["]
            lines += properties.map { property in
                "            Self.setting(\(SwiftName.literal(property.name)), \(property.valueExpression), "
                    + "default: \(Self.valueLiteral(property.defaultValue))),"
            }
            lines += ["        ].compactMap { $0 }", "    }"]
        }
        lines.append("}")
        return lines
    }

    static let reservedNames: Set<String> = ["options", "settings", "factory", "with", "configured"]

    func rendered(_ property: PropertyInfo) -> RenderedProperty? {
        var swiftName = SwiftName.lowerCamel(property.name)
        if Self.reservedNames.contains(swiftName) { swiftName += "Property" }
        let blurb = property.blurb.isEmpty ? property.name : property.blurb
        let value = property.defaultValue
        var result = RenderedProperty(
            name: property.name, swiftName: swiftName, swiftType: "", defaultLiteral: "", valueExpression: "",
            defaultValue: value, blurb: "\(blurb) (`\(property.name)`).")
        let plain = swiftName.hasPrefix("`") ? String(swiftName.dropFirst().dropLast()) : swiftName
        switch (property.type, value) {
        case (.bool, .bool(let v)):
            (result.swiftType, result.defaultLiteral, result.valueExpression) = ("Bool", "\(v)", ".bool(\(plain))")
        case (.int, .int(let v)):
            (result.swiftType, result.defaultLiteral, result.valueExpression) = ("Int", "\(v)", ".int(Int64(\(plain)))")
        case (.uint, .uint(let v)):
            (result.swiftType, result.defaultLiteral, result.valueExpression) = ("UInt64", "\(v)", ".uint(\(plain))")
        case (.double, .double(let v)) where !v.isNaN:
            (result.swiftType, result.defaultLiteral, result.valueExpression) =
                ("Double", Self.doubleLiteral(v), ".double(\(plain))")
        case (.string, .string(let v)):
            result.swiftType = v == nil ? "String?" : "String"
            result.defaultLiteral = v.map(SwiftName.literal) ?? "nil"
            result.valueExpression = ".string(\(plain))"
        case (.fraction, .fraction(let v)):
            (result.swiftType, result.defaultLiteral, result.valueExpression) =
                ("Fraction", "Fraction(\(v.numerator), \(v.denominator))", ".fraction(\(plain))")
        case (.enumeration(_, let cases), .enumeration(let nick)):
            let enumName = SwiftName.upperCamel(property.name)
            var caseNames: [String] = []
            for enumCase in cases {
                var caseName = SwiftName.lowerCamel(enumCase.nick)
                while caseNames.contains(caseName) { caseName += "_" }
                caseNames.append(caseName)
            }
            guard let index = cases.firstIndex(where: { $0.nick == nick }) else { return nil }
            result.swiftType = enumName
            result.defaultLiteral = ".\(caseNames[index])"
            result.valueExpression = ".enumeration(\(plain).rawValue)"
            result.enumDeclaration = [
                "    /// The values of `\(property.name)`.",
                "    \(access)enum \(enumName): String, Sendable, CaseIterable {",
            ]
            result.enumDeclaration += zip(caseNames, cases).map { "        case \($0) = \(SwiftName.literal($1.nick))" }
            result.enumDeclaration.append("    }")
        default:
            return nil
        }
        return result
    }

    static func doubleLiteral(_ value: Double) -> String {
        if value == .infinity { return ".infinity" }
        if value == -.infinity { return "-.infinity" }
        if value == .greatestFiniteMagnitude { return ".greatestFiniteMagnitude" }
        if value == -.greatestFiniteMagnitude { return "-.greatestFiniteMagnitude" }
        return "\(value)"
    }

    static func valueLiteral(_ value: PropertyValue) -> String {
        switch value {
        case .bool(let v): ".bool(\(v))"
        case .int(let v): ".int(\(v))"
        case .uint(let v): ".uint(\(v))"
        case .double(let v): ".double(\(doubleLiteral(v)))"
        case .string(let v): ".string(\(v.map(SwiftName.literal) ?? "nil"))"
        case .enumeration(let nick): ".enumeration(\(SwiftName.literal(nick)))"
        case .fraction(let v): ".fraction(Fraction(\(v.numerator), \(v.denominator)))"
        case .caps(let v): ".caps(\(v.isAny ? ".any" : ".empty"))"
        }
    }
}
