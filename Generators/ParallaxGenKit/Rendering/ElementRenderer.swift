import Parallax

/// Renders the files of one generated element: the stub, its harness test and its docs page.
///
/// ```swift
/// let renderer = ElementRenderer(spec: spec, target: "MyElements", source: "the command line")
/// renderer.elementFile   // struct Brightness: Transform { … throw ElementError("brightness: process(_:) is not written yet …") }
/// ```
/// The stub compiles and registers; its processing method throws until the user writes it, so the generated
/// test fails with that message. Pure functions of the spec.
public struct ElementRenderer: Sendable {
    /// The element.
    public var spec: ElementSpec
    /// The package target holding the element.
    public var target: String
    /// Where the spec came from, for the headers (`the command line`, `brightness.yaml`).
    public var source: String

    /// A renderer for `spec` in `target`.
    public init(spec: ElementSpec, target: String, source: String) {
        self.spec = spec
        self.target = target
        self.source = source
    }

    /// The element file's path in the package.
    public var elementPath: String { "Sources/\(target)/\(spec.typeName).swift" }
    /// The test file's path in the package.
    public var testPath: String { "Tests/\(target)Tests/\(spec.typeName)Tests.swift" }
    /// The docs page's path in the package.
    public var docsPath: String { "docs/elements/\(spec.factory).md" }

    /// The method the user writes (`process(_:)`).
    var method: String {
        switch spec.kind {
        case .source: "produce(_:)"
        case .transform: "process(_:)"
        case .sink: "render(_:)"
        }
    }

    /// What the stub throws, and the generated test therefore reports, until the user writes the method.
    public var notWrittenMessage: String {
        "\(spec.factory): \(method) is not written yet — edit \(elementPath)"
    }

    // MARK: Element

    /// The element stub.
    public var elementFile: String {
        var lines: [String] = [
            GeneratedHeader.userOwned(by: "element", from: source)
                + "\(GeneratedHeader.elementPrefix)\(spec.factory) \(spec.typeName)",
            "import Parallax",
            "",
            "/// \(spec.summary)",
            "///",
            "/// ```",
            "/// parallax-launch \(exampleLaunch ?? spec.factory)",
            "/// ```",
            "/// Thread: the streaming thread of the element's segment.",
            "struct \(spec.typeName): \(spec.kind.protocolName) {",
        ]
        if let input = spec.input { lines.append("    typealias Input = \(input.swiftType)") }
        if let output = spec.output { lines.append("    typealias Output = \(output.swiftType)") }
        lines.append("")
        for property in spec.properties {
            guard case .enumeration(_, let cases) = property.type else { continue }
            lines += enumDeclaration(property, cases: cases) + [""]
        }
        lines += [
            "    static let descriptor = ElementDescriptor<Self>(",
            "        factory: \(SwiftName.literal(spec.factory)), longName: \(SwiftName.literal(spec.typeName)), "
                + "klass: \(SwiftName.literal(spec.klass)),",
            "        description: \(SwiftName.literal(spec.summary))" + (spec.properties.isEmpty ? ")" : ","),
        ]
        if !spec.properties.isEmpty {
            lines.append("        properties: [")
            lines += spec.properties.map { "            \(descriptorEntry($0))," }
            lines.append("        ])")
        }
        for property in spec.properties {
            lines += ["", "    /// \(property.blurb) (`\(property.name)`).", "    var \(storedDeclaration(property))"]
        }
        lines += [""] + methodStub + ["}"]
        return lines.joined(separator: "\n") + "\n"
    }

    var methodStub: [String] {
        let signature: String
        let hint: String
        switch spec.kind {
        case .source:
            signature =
                "mutating func produce(_ ctx: inout ProcessContext<NoMedia, Output>) throws(ElementError) -> FlowStatus"
            hint =
                "Fill ctx.output, set ctx.outputLength and the timing in ctx.metadata; return .ok, or .eos when done."
        case .transform:
            signature =
                "mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus"
            hint = "Read ctx.input (ctx.inputLength bytes), write ctx.output, set ctx.outputLength; return .ok."
        case .sink:
            signature =
                "mutating func render(_ ctx: inout ProcessContext<Input, NoMedia>) throws(ElementError) -> FlowStatus"
            hint = "Consume ctx.input (ctx.inputLength bytes); return .ok, or .eos to stop the stream."
        }
        return [
            "    \(signature) {",
            "        // \(hint)",
            "        throw ElementError(\(SwiftName.literal(notWrittenMessage)))",
            "    }",
        ]
    }

    func enumDeclaration(_ property: PropertySpec, cases: [PropertyType.EnumCase]) -> [String] {
        let typeName = SwiftName.upperCamel(property.name)
        var lines = [
            "    /// The values of `\(property.name)`.",
            "    enum \(typeName): Int, PropertyEnum {",
        ]
        lines += cases.map { "        case \(SwiftName.lowerCamel($0.nick)) = \($0.value)" }
        lines += ["", "        var nick: String {", "            switch self {"]
        lines += cases.map { "            case .\(SwiftName.lowerCamel($0.nick)): \(SwiftName.literal($0.nick))" }
        lines += ["            }", "        }", "", "        var blurb: String { nick }", "    }"]
        return lines
    }

    func descriptorEntry(_ property: PropertySpec) -> String {
        let name = SwiftName.literal(property.name), path = "\\.\(property.swiftName)"
        let blurb = SwiftName.literal(property.blurb)
        switch property.type {
        case .bool: return ".bool(\(name), \(path), \(blurb))"
        case .string: return ".string(\(name), \(path), \(blurb))"
        case .int(let r):
            let range =
                property.hasDefaultRange ? "Int64(Int32.min)...Int64(Int32.max)" : "\(r.lowerBound)...\(r.upperBound)"
            return ".int(\(name), \(path), range: \(range), \(blurb))"
        case .uint(let r):
            let range = property.hasDefaultRange ? "0...UInt64(UInt32.max)" : "\(r.lowerBound)...\(r.upperBound)"
            return ".uint(\(name), \(path), range: \(range), \(blurb))"
        case .double(let r):
            let range =
                property.hasDefaultRange
                ? "-Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude"
                : "\(r.lowerBound)...\(r.upperBound)"
            return ".double(\(name), \(path), range: \(range), \(blurb))"
        case .enumeration(let typeName, _):
            return ".enumeration(\(name), \(path), typeName: \(SwiftName.literal(typeName)), \(blurb))"
        case .fraction, .caps:
            return "// \(property.name): unsupported type"
        }
    }

    func storedDeclaration(_ property: PropertySpec) -> String {
        let name = property.swiftName
        switch property.defaultValue {
        case .bool(let v): return "\(name) = \(v)"
        case .int(let v): return "\(name) = \(v)"
        case .uint(let v): return "\(name): UInt64 = \(v)"
        case .double(let v): return "\(name): Double = \(v)"
        case .string(let v): return "\(name) = \(SwiftName.literal(v ?? ""))"
        case .enumeration(let nick):
            return "\(name) = \(SwiftName.upperCamel(property.name)).\(SwiftName.lowerCamel(nick))"
        case .fraction, .caps: return "\(name) = 0"
        }
    }

    // MARK: Launch strings

    /// A launch string that runs the element between stock elements, or nil when no stock element can feed it.
    public var exampleLaunch: String? {
        switch spec.kind {
        case .source:
            let caps = spec.output?.testCaps.map { " ! \($0)" } ?? ""
            return "\(spec.factory)\(caps) ! fakesink num-buffers=3"
        case .transform:
            guard let source = spec.input?.launchSource else { return nil }
            let caps = spec.input?.testCaps.map { " ! \($0)" } ?? ""
            return "\(source)\(caps) ! \(spec.factory) ! fakesink"
        case .sink:
            guard let source = spec.input?.launchSource else { return nil }
            let caps = spec.input?.testCaps.map { " ! \($0)" } ?? ""
            return "\(source)\(caps) ! \(spec.factory)"
        }
    }

    // MARK: Test

    /// The name of the registration method (`registerMyElements`).
    public var registerMethod: String { "register" + SwiftName.upperCamel(target) }

    /// The harness test: fails with `notWrittenMessage` until the user writes the processing method.
    public var testFile: String {
        var lines = [
            String(GeneratedHeader.userOwned(by: "element", from: source).dropLast()),
            "import Parallax",
            "import ParallaxTesting",
            "import Testing",
            "",
            "@testable import \(target)",
            "",
            "/// Tests of `\(spec.factory)`. They fail with \"\(method) is not written yet\" until the element's",
            "/// \(method) is written; then replace the checks marked TODO with what the element should do.",
            "@Suite struct \(spec.typeName)Tests {",
        ]
        lines += harnessTest
        if let launch = exampleLaunch {
            lines += [
                "",
                "    /// The element runs in a pipeline made from a launch string.",
                "    @Test func runsInALaunchString() async throws {",
                "        var registry = ElementRegistry.stock",
                "        registry.\(registerMethod)()",
                "        let pipeline = try Pipeline(",
                "            launch: \(SwiftName.literal(launch)),",
                "            registry: registry)",
                "        try await pipeline.run()",
                "    }",
            ]
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    var harnessTest: [String] {
        var lines: [String] = []
        let caps = spec.kind == .source ? spec.output?.testCaps : spec.input?.testCaps
        if let caps { lines.append("        let caps = try Caps(parsing: \(SwiftName.literal(caps)))") }
        let capsArgument = caps == nil ? "" : (spec.kind == .source ? ", outputCaps: caps" : ", inputCaps: caps")
        lines.append("        let harness = try ElementHarness(\(spec.typeName)()\(capsArgument))")
        switch spec.kind {
        case .source:
            lines += [
                "        #expect(try harness.produce() == .ok)",
                "        let output = try #require(harness.pull())",
                "        #expect(output.length > 0)  // TODO: check what the element produced",
            ]
        case .transform:
            let size = spec.input?.testBufferSize ?? "64"
            lines += [
                "        #expect(try harness.push(Buffer(capacity: \(size))) == .ok)",
                "        let output = try #require(harness.pull())",
                "        #expect(output.length > 0)  // TODO: check what the element made of its input",
            ]
        case .sink:
            let size = spec.input?.testBufferSize ?? "64"
            lines.append(
                "        #expect(try harness.push(Buffer(capacity: \(size))) == .ok)  // TODO: check what it did")
        }
        lines.append("        try harness.finish()")
        let name =
            switch spec.kind {
            case .source: "producesABuffer"
            case .transform: "processesABuffer"
            case .sink: "rendersABuffer"
            }
        return ["    /// One buffer through the element harness.", "    @Test func \(name)() throws {"] + lines + [
            "    }"
        ]
    }

    // MARK: Docs

    /// The docs page.
    public var docsFile: String {
        var lines = [
            String(GeneratedHeader.userOwned(by: "element", from: source, comment: "<!--").dropLast()),
            "# \(spec.factory)",
            "",
            spec.summary,
            "",
            "| | |",
            "|---|---|",
            "| Swift type | `\(spec.typeName)` (`\(spec.kind.protocolName)`, in target `\(target)`) |",
            "| Class | `\(spec.klass)` |",
        ]
        if let input = spec.input { lines.append("| Input | `\(input.swiftType)` |") }
        if let output = spec.output { lines.append("| Output | `\(output.swiftType)` |") }
        lines += ["", "## Properties", ""]
        if spec.properties.isEmpty {
            lines.append("None.")
        } else {
            lines += ["| Name | Type | Default | Description |", "|---|---|---|---|"]
            lines += spec.properties.map { property in
                "| `\(property.name)` | \(property.type.expectation) | `\(Self.launchText(property.defaultValue))` | \(property.blurb) |"
            }
        }
        if let launch = exampleLaunch {
            lines += ["", "## Example", "", "```", "parallax-launch \(launch)", "```"]
        }
        lines += [
            "", "## Registering", "", "```swift", "var registry = ElementRegistry.stock",
            "registry.\(registerMethod)()", "```",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    static func launchText(_ value: PropertyValue) -> String {
        if case .string(let text) = value { return text ?? "" }
        return value.description
    }
}
