import Parallax
import Yams

/// Reads a deployment file: YAML, variables substituted, every field and description checked, pipelines
/// put in start order. Nothing is started; the first problem is thrown as a `DeploymentError`.
///
/// ```swift
/// let parser = DeploymentParser(registry: LaunchRegistry.base, variables: ["SITE": "lab"])
/// let deployment = try parser.parse(text, file: "site.yaml")
/// ```
/// `${NAME}` and `${NAME:-default}` are substituted in descriptions and environment values (see
/// `VariableSubstitution`). See `docs/deploy.md` for the format. A pure value; any thread.
struct DeploymentParser: Sendable {
    /// The factories descriptions may name.
    var registry: ElementRegistry
    /// The variables `${NAME}` refers to: the environment, overridden by `--set`.
    var variables: [String: String]

    /// The fields of the file itself.
    static let topFields = ["version", "pipelines"]
    /// The fields of one pipeline.
    static let pipelineFields = ["description", "restart", "sandbox", "depends_on", "environment"]
    /// The fields of a `restart:` mapping.
    static let restartFields = ["policy", "max-restarts", "window", "backoff"]

    /// Parses `text`, the contents of `file` (the name errors show).
    func parse(_ text: String, file: String) throws(DeploymentError) -> Deployment {
        let reader = Reader(source: text, file: file)
        let root: Yams.Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _):
                throw reader.error("not valid YAML: \(problem)", line: mark.line, column: mark.column)
            default:
                throw reader.error("not valid YAML: \(error)", line: 1, column: 1)
            }
        } catch {
            throw reader.error("not valid YAML: \(error)", line: 1, column: 1)
        }
        guard let root, let top = root.mapping else {
            throw reader.error("a deployment file is a mapping with \"version\" and \"pipelines\"", line: 1, column: 1)
        }
        var pipelinesNode: Yams.Node?
        for (key, value) in top {
            let name = key.string ?? ""
            switch name {
            case "version":
                guard value.string == "1" else {
                    throw reader.error(
                        "version: \(reader.shown(value)) is not supported (this parallax-launch reads version 1)",
                        at: value)
                }
            case "pipelines":
                pipelinesNode = value
            default:
                throw reader.error(
                    "unknown field \"\(name)\"", at: key,
                    notes: ["known fields: \(Self.topFields.joined(separator: ", "))"])
            }
        }
        guard let pipelinesNode else {
            throw reader.error("missing field \"pipelines\"", line: 1, column: 1)
        }
        guard let entries = pipelinesNode.mapping, !entries.isEmpty else {
            throw reader.error("pipelines: must be a mapping of names to pipelines", at: pipelinesNode)
        }
        var pipelines: [DeploymentPipeline] = []
        var dependencyNodes: [String: [Yams.Node]] = [:]
        for (key, value) in entries {
            let name = key.string ?? ""
            guard Self.isPipelineName(name) else {
                throw reader.error(
                    "pipeline name \(reader.shown(key)) may only contain letters, digits, \"-\", \"_\" and \".\"",
                    at: key)
            }
            if pipelines.contains(where: { $0.name == name }) {
                throw reader.error("pipeline \"\(name)\" is defined twice", at: key)
            }
            let (pipeline, dependencies) = try self.pipeline(name, value, key: key, reader: reader)
            pipelines.append(pipeline)
            dependencyNodes[name] = dependencies
        }
        for pipeline in pipelines {
            for node in dependencyNodes[pipeline.name] ?? []
            where !pipelines.contains(where: { $0.name == node.string }) {
                throw reader.error(
                    "pipeline \"\(pipeline.name)\": depends_on: no pipeline \"\(node.string ?? "")\"", at: node,
                    notes: ["pipelines: \(pipelines.map(\.name).joined(separator: ", "))"])
            }
        }
        try Self.checkCycles(pipelines, dependencyNodes: dependencyNodes, reader: reader)
        return Deployment(pipelines: Self.startOrder(pipelines))
    }

    /// One pipeline's fields; also returns the nodes of its `depends_on` entries, for later errors.
    private func pipeline(_ name: String, _ node: Yams.Node, key: Yams.Node, reader: Reader) throws(DeploymentError)
        -> (DeploymentPipeline, [Yams.Node])
    {
        guard let fields = node.mapping else {
            throw reader.error("pipeline \"\(name)\": must be a mapping with a \"description\"", at: node)
        }
        var pipeline = DeploymentPipeline(name: name, description: "")
        var dependencies: [Yams.Node] = []
        var descriptionNode: Yams.Node?
        for (fieldKey, value) in fields {
            let field = fieldKey.string ?? ""
            let context = "pipeline \"\(name)\": \(field)"
            switch field {
            case "description":
                guard value.scalar != nil else { throw reader.error("\(context): must be a single value", at: value) }
                descriptionNode = value
            case "restart":
                pipeline.restart = try restart(value, context: context, reader: reader)
            case "sandbox":
                guard let text = value.scalar?.string, let sandbox = DeploymentSandbox(rawValue: text) else {
                    throw reader.error(
                        "\(context): \(reader.shown(value)) is not \(Self.choices(DeploymentSandbox.allCases.map(\.rawValue)))",
                        at: value)
                }
                pipeline.sandbox = sandbox
            case "depends_on":
                if value.scalar != nil {
                    dependencies = [value]
                } else if let sequence = value.sequence, sequence.allSatisfy({ $0.scalar != nil }) {
                    dependencies = Array(sequence)
                } else {
                    throw reader.error("\(context): must be a pipeline name or a list of them", at: value)
                }
                pipeline.dependencies = dependencies.compactMap(\.string)
            case "environment":
                guard let variables = value.mapping else {
                    throw reader.error("\(context): must be a mapping of variable names to values", at: value)
                }
                for (variableKey, variableValue) in variables {
                    let variable = variableKey.string ?? ""
                    guard VariableSubstitution.isName(variable) else {
                        throw reader.error(
                            "\(context): \(reader.shown(variableKey)) is not a variable name", at: variableKey)
                    }
                    guard variableValue.scalar != nil else {
                        throw reader.error("\(context): \(variable): must be a single value", at: variableValue)
                    }
                    let text = try substitute(variableValue, context: "\(context): \(variable)", reader: reader)
                    pipeline.environment.append((variable, text))
                }
            default:
                throw reader.error(
                    "pipeline \"\(name)\": unknown field \"\(field)\"", at: fieldKey,
                    notes: ["known fields: \(Self.pipelineFields.joined(separator: ", "))"])
            }
        }
        guard let descriptionNode else {
            throw reader.error("pipeline \"\(name)\": missing field \"description\"", at: key)
        }
        pipeline.description = try substitute(
            descriptionNode, context: "pipeline \"\(name)\": description", reader: reader)
        do {
            _ = try LaunchParser(registry: registry).parse(pipeline.description)
        } catch {
            throw reader.error(error.diagnostic, in: pipeline.description, at: descriptionNode, pipeline: name)
        }
        return (pipeline, dependencies)
    }

    /// `restart:` as a policy name or a mapping with `policy`, `max-restarts`, `window` and `backoff`.
    private func restart(_ node: Yams.Node, context: String, reader: Reader) throws(DeploymentError)
        -> DeploymentRestart
    {
        func policy(_ node: Yams.Node, _ context: String) throws(DeploymentError) -> DeploymentRestart.Policy {
            guard let text = node.scalar?.string, let policy = DeploymentRestart.Policy(rawValue: text) else {
                throw reader.error(
                    "\(context): \(reader.shown(node)) is not \(Self.choices(DeploymentRestart.Policy.allCases.map(\.rawValue)))",
                    at: node)
            }
            return policy
        }
        var restart = DeploymentRestart()
        if node.scalar != nil {
            restart.policy = try policy(node, context)
            return restart
        }
        guard let fields = node.mapping else {
            throw reader.error("\(context): must be a policy or a mapping with \"policy\"", at: node)
        }
        for (key, value) in fields {
            let field = key.string ?? ""
            let fieldContext = "\(context).\(field)"
            switch field {
            case "policy":
                restart.policy = try policy(value, fieldContext)
            case "max-restarts":
                guard let text = value.scalar?.string, let count = Int(text), count >= 0 else {
                    throw reader.error("\(fieldContext): \(reader.shown(value)) is not a count (0 or more)", at: value)
                }
                restart.maxRestarts = count
            case "window", "backoff":
                guard let text = value.scalar?.string, let duration = DeploymentRestart.duration(text) else {
                    throw reader.error(
                        "\(fieldContext): \(reader.shown(value)) is not a duration (such as 500ms, 2s, 1.5s, 1min)",
                        at: value)
                }
                if field == "window" {
                    guard duration > .zero else {
                        throw reader.error("\(fieldContext): must be longer than 0", at: value)
                    }
                    restart.window = duration
                } else {
                    restart.backoff = duration
                }
            default:
                throw reader.error(
                    "\(context): unknown field \"\(field)\"", at: key,
                    notes: ["known fields: \(Self.restartFields.joined(separator: ", "))"])
            }
        }
        return restart
    }

    /// A scalar's text with its variables substituted; a failure points at the reference in the file.
    private func substitute(_ node: Yams.Node, context: String, reader: Reader) throws(DeploymentError) -> String {
        let text = node.string ?? ""
        do {
            return try VariableSubstitution(variables: variables).apply(text)
        } catch {
            let reference = String(
                decoding: Array(text.utf8)[error.offset..<(error.offset + error.length)], as: UTF8.self)
            var help: String?
            if let variable = error.variable {
                help =
                    "set \(variable) in the environment, pass --set \(variable)=VALUE or write ${\(variable):-default}"
            }
            throw reader.error("\(context): \(error.message)", at: node, find: reference, help: help)
        }
    }

    /// Throws for the first dependency cycle, found by a depth-first walk in file order.
    private static func checkCycles(
        _ pipelines: [DeploymentPipeline], dependencyNodes: [String: [Yams.Node]], reader: Reader
    ) throws(DeploymentError) {
        var done: Set<String> = []
        var path: [String] = []
        func visit(_ name: String) throws(DeploymentError) {
            if done.contains(name) { return }
            path.append(name)
            for node in dependencyNodes[name] ?? [] {
                let dependency = node.string ?? ""
                if let start = path.firstIndex(of: dependency) {
                    let cycle = (path[start...] + [dependency]).joined(separator: " -> ")
                    throw reader.error(
                        "pipeline \"\(name)\": depends_on: \"\(dependency)\" closes a dependency cycle: \(cycle)",
                        at: node)
                }
                try visit(dependency)
            }
            path.removeLast()
            done.insert(name)
        }
        for pipeline in pipelines { try visit(pipeline.name) }
    }

    /// `pipelines` reordered so that each comes after its dependencies, otherwise keeping file order.
    /// Expects no cycles.
    static func startOrder(_ pipelines: [DeploymentPipeline]) -> [DeploymentPipeline] {
        var remaining = pipelines
        var ordered: [DeploymentPipeline] = []
        while let next = remaining.firstIndex(where: { pipeline in
            pipeline.dependencies.allSatisfy { dependency in ordered.contains { $0.name == dependency } }
        }) {
            ordered.append(remaining.remove(at: next))
        }
        return ordered + remaining
    }

    /// Whether `name` may name a pipeline (and so a systemd unit): letters, digits, `-`, `_`, `.`.
    static func isPipelineName(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix(".")
            && name.unicodeScalars.allSatisfy {
                $0.isASCII
                    && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0))
            }
    }

    /// `always, on-failure or never`.
    static func choices(_ values: [String]) -> String {
        values.dropLast().joined(separator: ", ") + " or " + (values.last ?? "")
    }
}

extension DeploymentParser {
    /// Turns YAML positions into `DeploymentError`s against the file's text.
    struct Reader {
        var source: String
        var file: String

        /// An error at 1-based `line` and `column`.
        func error(
            _ message: String, line: Int, column: Int, length: Int = 1, notes: [String] = [], help: String? = nil
        ) -> DeploymentError {
            DeploymentError(
                message: message, line: line, column: column, length: length, notes: notes, help: help, source: source,
                file: file)
        }

        /// An error about `node`, underlining it (a scalar on its line; the first character of anything else),
        /// or the first occurrence of `find` at or after it.
        func error(
            _ message: String, at node: Yams.Node, find: String? = nil, notes: [String] = [], help: String? = nil
        ) -> DeploymentError {
            var line = node.mark?.line ?? 1
            var column = node.mark?.column ?? 1
            var length = 1
            if let scalar = node.scalar {
                let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
                length = scalar.string.unicodeScalars.count + (quoted ? 2 : 0)
            }
            if let find, !find.isEmpty {
                let start = DeploymentError.offset(line: line, column: column, in: source)
                let bytes = Array(source.utf8)
                let needle = Array(find.utf8)
                if let found = Self.firstIndex(of: needle, in: bytes, from: start) {
                    (line, column) = Self.position(of: found, in: bytes)
                    length = find.unicodeScalars.count
                }
            }
            return error(message, line: line, column: column, length: length, notes: notes, help: help)
        }

        /// A launch diagnostic about `description` (the substituted text of `node`), pointing into the file
        /// where the description's text is the file's text up to the problem; otherwise at the value, with
        /// the substituted description quoted in a note.
        func error(_ diagnostic: Diagnostic, in description: String, at node: Yams.Node, pipeline: String)
            -> DeploymentError
        {
            let message = "pipeline \"\(pipeline)\": description: \(diagnostic.message)"
            let bytes = Array(source.utf8)
            let described = Array(description.utf8)
            var start = DeploymentError.offset(line: node.mark?.line ?? 1, column: node.mark?.column ?? 1, in: source)
            if let scalar = node.scalar, scalar.style == .singleQuoted || scalar.style == .doubleQuoted { start += 1 }
            let end = min(diagnostic.span.end, described.count)
            let matches =
                start + end <= bytes.count && Array(bytes[start..<(start + end)]) == Array(described[..<end])
                && !described[..<end].contains(UInt8(ascii: "\n"))
            if matches {
                let (line, column) = Self.position(of: start + diagnostic.span.start, in: bytes)
                let spanEnd = min(diagnostic.span.end, described.count)
                let length = String(
                    decoding: described[diagnostic.span.start..<max(spanEnd, diagnostic.span.start)],
                    as: UTF8.self
                ).unicodeScalars.count
                return error(
                    message, line: line, column: column, length: length, notes: diagnostic.notes,
                    help: diagnostic.help)
            }
            let quoted = "\"" + description + "\""
            let column =
                String(decoding: described[..<min(diagnostic.span.start, described.count)], as: UTF8.self)
                .unicodeScalars.count + 1
            return error(
                message, at: node,
                notes: ["at column \(column) of the substituted description \(quoted)"] + diagnostic.notes,
                help: diagnostic.help)
        }

        /// `"text"` for a scalar, `a mapping` or `a list` otherwise.
        func shown(_ node: Yams.Node) -> String {
            if let scalar = node.scalar { return "\"\(scalar.string)\"" }
            return node.mapping != nil ? "a mapping" : "a list"
        }

        /// 1-based line and column (in scalars) of the UTF-8 offset `offset`.
        static func position(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
            var line = 1
            var lineStart = 0
            for index in 0..<min(offset, bytes.count) where bytes[index] == UInt8(ascii: "\n") {
                line += 1
                lineStart = index + 1
            }
            let column =
                String(decoding: bytes[lineStart..<min(offset, bytes.count)], as: UTF8.self)
                .unicodeScalars.count + 1
            return (line, column)
        }

        static func firstIndex(of needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
            guard needle.count <= bytes.count else { return nil }
            var index = start
            while index + needle.count <= bytes.count {
                if bytes[index] == needle[0], Array(bytes[index..<(index + needle.count)]) == needle { return index }
                index += 1
            }
            return nil
        }
    }
}
