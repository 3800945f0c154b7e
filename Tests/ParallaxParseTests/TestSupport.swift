import ParallaxCore
import ParallaxParse

/// Helpers shared by the launch parser tests: parse with the fixture registry and describe the outcome as
/// text that tests compare exactly.
enum Launch {
    /// The graph of `description`, as lines: one per node (`name: factory prop=(type)value ...`) then one per
    /// link (`from.pad -> to.pad` and ` [caps]` when filtered), in graph order.
    static func graph(_ description: String) throws -> [String] {
        summary(try Fixtures.parser.parse(description))
    }

    /// The rendered error for `description`, or nil when it parses.
    static func error(_ description: String) -> String? {
        do {
            _ = try Fixtures.parser.parse(description)
            return nil
        } catch {
            return error.description
        }
    }

    /// The diagnostic for `description`, or nil when it parses.
    static func diagnostic(_ description: String) -> Diagnostic? {
        do {
            _ = try Fixtures.parser.parse(description)
            return nil
        } catch {
            return error.diagnostic
        }
    }

    /// Lines describing `graph`.
    static func summary(_ graph: Graph) -> [String] {
        let nodes = graph.nodes.map { node in
            ([node.name + ": " + node.factory] + node.properties.map { "\($0.name)=\(typed($0.value))" })
                .joined(separator: " ")
        }
        let links = graph.links.map { link in
            let from = "\(graph.nodes[link.from.node].name).\(link.from.pad)"
            let to = "\(graph.nodes[link.to.node].name).\(link.to.pad)"
            return "\(from) -> \(to)" + (link.caps.map { " [\($0.description)]" } ?? "")
        }
        return nodes + links
    }

    /// A value with its type, so `(int)16` and `(string)"16"` differ.
    static func typed(_ value: PropertyValue) -> String {
        switch value {
        case .bool(let v): "(bool)\(v)"
        case .int(let v): "(int)\(v)"
        case .uint(let v): "(uint)\(v)"
        case .double(let v): "(double)\(v)"
        case .string(let v): "(string)" + (v.map { "\"\($0)\"" } ?? "null")
        case .enumeration(let v): "(enum)\(v)"
        case .fraction(let v): "(fraction)\(v)"
        case .caps(let v): "(caps)\(v.description)"
        }
    }

    /// The text a span covers in `source`.
    static func text(_ span: SourceSpan?, in source: String) -> String? {
        guard let span else { return nil }
        let bytes = Array(source.utf8)
        guard span.start >= 0, span.end <= bytes.count, span.length >= 0 else { return nil }
        return String(decoding: bytes[span.start..<span.end], as: UTF8.self)
    }
}
