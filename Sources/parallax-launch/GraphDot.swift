import Parallax

/// The `--dot` view of a negotiated pipeline: a Graphviz digraph with one box per element and one edge per
/// link, labelled with the caps negotiated on it.
///
/// ```
/// digraph pipeline {
///   n0 [label="videotestsrc0\n(videotestsrc)\nnum-buffers=1", fillcolor="#aaddff"];
///   n1 [label="fakesink0\n(fakesink)", fillcolor="#ffccaa"];
///   n0 -> n1 [label="video/x-raw\nformat=(string)I420\nwidth=(int)64\n..."];
/// }
/// ```
/// Element boxes show the name, the factory and each property the description set; sources, transforms and
/// sinks get different colours; converters that negotiation inserted are dashed and say `inserted`. Edges name their pads when they are not plain `src`/`sink` (`tee`'s
/// `src_0`). Caps are printed one field per line, one structure after another. Every label is escaped so
/// `dot -Tsvg` accepts it whatever the names and values hold. A pure value; any thread.
struct GraphDot: Sendable {
    /// The graph to draw.
    var graph: Graph
    /// `linkCaps[i]` is the caps of `graph.links[i]` (negotiated ones; the filter when there are none).
    var linkCaps: [Caps?]
    /// Each node's role, for its colour.
    var roles: [ElementRole?]
    /// The launch description, shown as the graph's title.
    var title: String

    /// The DOT text, ending with a newline.
    var text: String {
        var lines = [
            "digraph pipeline {",
            "  rankdir=LR;",
            "  labelloc=t;",
            "  fontname=\"sans\";",
            "  fontsize=10;",
            "  label=\(Self.quoted(title));",
            "  node [shape=box, style=\"filled,rounded\", fontname=\"sans\", fontsize=10];",
            "  edge [fontname=\"monospace\", fontsize=9];",
            "",
        ]
        for node in graph.nodes {
            var label = [node.name, "(\(node.factory))"]
            label += node.properties.map { "\($0.name)=\($0.value)" }
            if node.isInserted { label.append("inserted") }
            let role = roles.indices.contains(node.id) ? roles[node.id] : nil
            let style = node.isInserted ? ", style=\"filled,rounded,dashed\"" : ""
            lines.append("  n\(node.id) [label=\(Self.label(label)), fillcolor=\"\(Self.colour(role))\"\(style)];")
        }
        if !graph.links.isEmpty { lines.append("") }
        for (index, link) in graph.links.enumerated() {
            var attributes: [String] = []
            let caps = linkCaps.indices.contains(index) ? linkCaps[index] : link.caps
            if let caps { attributes.append("label=" + Self.label(Self.lines(of: caps))) }
            if link.from.pad != "src" { attributes.append("taillabel=" + Self.quoted(link.from.pad)) }
            if link.to.pad != "sink" { attributes.append("headlabel=" + Self.quoted(link.to.pad)) }
            let suffix = attributes.isEmpty ? "" : " [" + attributes.joined(separator: ", ") + "]"
            lines.append("  n\(link.from.node) -> n\(link.to.node)\(suffix);")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Caps as label lines: each structure's name (with features), then one `field=(type)value` line per field.
    static func lines(of caps: Caps) -> [String] {
        if caps.isAny { return ["ANY"] }
        if caps.structures.isEmpty { return ["EMPTY"] }
        var lines: [String] = []
        for structure in caps.structures {
            var head = structure.name
            if !structure.features.isEmpty, structure.features != ["memory:SystemMemory"] {
                head += "(" + structure.features.joined(separator: ", ") + ")"
            }
            lines.append(head)
            lines += structure.fields.map { "\($0.name)=\($0.value)" }
        }
        return lines
    }

    /// Several lines as one quoted, escaped DOT label.
    static func label(_ lines: [String]) -> String {
        "\"" + lines.map(escaped).joined(separator: "\\n") + "\""
    }

    /// One line as a quoted, escaped DOT string.
    static func quoted(_ text: String) -> String { "\"" + escaped(text) + "\"" }

    /// `text` safe inside a DOT double-quoted string: backslashes and quotes escaped, line breaks as `\n`.
    static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n", "\r\n": out += "\\n"
            case "\r": break
            default: out.append(character)
            }
        }
        return out
    }

    private static func colour(_ role: ElementRole?) -> String {
        switch role {
        case .source: "#aaddff"
        case .sink: "#ffccaa"
        case .transform, nil: "#aaffaa"
        }
    }
}
