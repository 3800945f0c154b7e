import Glibc
import Parallax
import ParallaxSandbox

/// The `--inspect NAME` report for one element factory, laid out like `gst-inspect-1.0`.
///
/// ```
/// Factory Details:
///   Long-name                Fake Source
///   Klass                    Source
///   ...
///
/// Pad Templates:
///   SRC template: 'src'
///     Availability: Always
///     Capabilities:
///       ANY
///
/// Element Properties:
///   num-buffers         : Number of buffers to output before sending EOS (-1 = unlimited)
///                         flags: readable, writable
///                         Integer. Range: -1 - 2147483647 Default: -1
/// ```
/// Everything comes from `ElementInfo`, so the report is right for every registered element. Properties are
/// sorted by name as gst-inspect sorts them; caps print one structure per line with their fields indented
/// beneath, as gst-inspect prints them. "Plugin Details" says whether the element is built in or comes from a
/// plugin file, where a plugin element runs, and the sandbox profile an element that opens network connections
/// itself (`NetworkAccessing`) gets when isolated. Unlike gst-inspect, lines carry no trailing spaces and there
/// are no hierarchy, pad or signal sections (Parallax has no GObject types or signals). A pure value; any
/// thread.
struct ElementInspector: Sendable {
    /// The element to describe.
    var info: ElementInfo
    /// The plugin it comes from; nil for a built-in element.
    var origin: PluginOrigin? = nil

    /// The report, ending with a newline.
    var text: String {
        var lines = ["Factory Details:"]
        lines.append(Self.detail("Long-name", info.longName))
        lines.append(Self.detail("Klass", info.klass))
        lines.append(Self.detail("Description", info.description))
        lines.append(Self.detail("Author", info.author))
        lines.append("")
        lines.append("Plugin Details:")
        if let origin {
            lines.append(Self.detail("Origin", "plugin"))
            lines.append(Self.detail("Filename", origin.file))
            let runs =
                origin.trusted
                ? "in-process (trusted with --trust-plugin-element)"
                : "isolated, in a sandboxed element host (--trust-plugin-element \(info.factory) runs it in-process)"
            lines.append(Self.detail("Runs", runs))
        } else {
            lines.append(Self.detail("Origin", "built in"))
        }
        if info.accessesNetwork {
            lines.append(
                Self.detail("Sandbox", "network profile when isolated (sockets, in the pipeline's network namespace)"))
        }
        lines.append("")
        lines.append("Pad Templates:")
        if info.padTemplates.isEmpty { lines.append("  none") }
        for (index, template) in info.padTemplates.enumerated() {
            if index > 0 { lines.append("") }
            lines.append("  \(template.direction.rawValue) template: '\(template.name)'")
            lines.append("    Availability: \(template.presence.rawValue)")
            lines.append("    Capabilities:")
            lines += Self.capsLines(template.caps, indent: 6)
        }
        lines.append("")
        lines.append("Element Properties:")
        if info.properties.isEmpty { lines.append("  none") }
        for property in info.properties.sorted(by: { $0.name < $1.name }) {
            lines += Self.propertyLines(property)
        }
        if !info.padProperties.isEmpty {
            let pads = info.padTemplates.filter { $0.presence == .request }.map { "'\($0.name)'" }
            lines.append("")
            lines.append("Pad Properties (set as PAD::NAME=VALUE on the pads of \(pads.joined(separator: ", "))):")
            for property in info.padProperties.sorted(by: { $0.name < $1.name }) {
                lines += Self.propertyLines(property)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `  Key                      value`, the key padded to 25 columns.
    static func detail(_ key: String, _ value: String) -> String {
        "  " + padded(key, to: 25) + value
    }

    /// Caps as gst-inspect prints them: `ANY`/`EMPTY`, or each structure's name followed by its fields, the
    /// field names right-aligned in 15 columns two spaces further in.
    static func capsLines(_ caps: Caps, indent: Int) -> [String] {
        let margin = String(repeating: " ", count: indent)
        if caps.isAny { return [margin + "ANY"] }
        if caps.structures.isEmpty { return [margin + "EMPTY"] }
        var lines: [String] = []
        for structure in caps.structures {
            var head = structure.name
            if !structure.features.isEmpty, structure.features != ["memory:SystemMemory"] {
                head += "(" + structure.features.joined(separator: ", ") + ")"
            }
            lines.append(margin + head)
            for field in structure.fields {
                let name = String(repeating: " ", count: Swift.max(0, 15 - field.name.count)) + field.name
                lines.append(margin + "  " + name + ": " + serialized(field.value))
            }
        }
        return lines
    }

    /// A field value as `gst_value_serialize` writes it: scalars and ranges without a type
    /// (`320`, `I420`, `[ 1, 2147483647 ]`), lists with a type on every item (`{ (string)I420, (string)NV12 }`).
    static func serialized(_ value: CapsValue) -> String {
        if case .list(let items) = value {
            return "{ " + items.map(\.description).joined(separator: ", ") + " }"
        }
        let typed = value.description  // "(type)value" for every scalar and range
        guard typed.hasPrefix("("), let close = typed.firstIndex(of: ")") else { return typed }
        return String(typed[typed.index(after: close)...])
    }

    /// The three (or more, for enumerations) lines of one property.
    static func propertyLines(_ property: PropertyInfo) -> [String] {
        let margin = String(repeating: " ", count: 24)
        let name = padded(property.name, to: 20)
        var lines = ["  \(name): \(property.blurb)", margin + "flags: readable, writable"]
        let type = property.type
        let fallback = property.defaultValue.description
        switch type {
        case .bool, .string:
            lines.append(margin + "\(type.displayName). Default: \(fallback)")
        case .int(let range):
            lines.append(
                margin + "\(type.displayName). Range: \(range.lowerBound) - \(range.upperBound) Default: \(fallback)")
        case .uint(let range):
            lines.append(
                margin + "\(type.displayName). Range: \(range.lowerBound) - \(range.upperBound) Default: \(fallback)")
        case .double(let range):
            let text: String
            if case .double(let value) = property.defaultValue { text = Self.double(value) } else { text = fallback }
            lines.append(
                margin + "Double. Range: \(Self.double(range.lowerBound)) - \(Self.double(range.upperBound)) "
                    + "Default: \(text)")
        case .fraction(let range):
            lines.append(margin + "Fraction. Range: \(range.lowerBound) - \(range.upperBound) Default: \(fallback)")
        case .caps:
            lines.append(margin + "Caps (Default: \(fallback))")
        case .enumeration(let typeName, let cases):
            let chosen = cases.first { property.defaultValue == .enumeration($0.nick) }
            let defaultText = chosen.map { "\($0.value), \"\($0.nick)\"" } ?? fallback
            lines.append(margin + "Enum \"\(typeName)\" Default: \(defaultText)")
            for item in cases {
                let nick = padded(item.nick, to: 16)
                lines.append(String(repeating: " ", count: 27) + "(\(item.value)): \(nick) - \(item.blurb)")
            }
        }
        return lines
    }

    /// A double as gst-inspect prints it: C's `%15.7g`, right-aligned in 15 columns.
    static func double(_ value: Double) -> String {
        // `%15.7g` writes at most 15 bytes (`-1.797693e+308` is 14); vsnprintf always ends the text with a NUL.
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 32) { buffer in
            guard let base = buffer.baseAddress,
                withVaList([value], { vsnprintf(base, buffer.count, "%15.7g", $0) }) >= 0
            else { return "" }
            return String(cString: base)
        }
    }

    /// `text` followed by spaces up to `width` UTF-16 code units, as Foundation's
    /// `padding(toLength: max(width, text.count), withPad: " ", startingAt: 0)` pads it; a longer text is kept whole.
    static func padded(_ text: String, to width: Int) -> String {
        let missing = width - text.utf16.count
        return missing > 0 ? text + String(repeating: " ", count: missing) : text
    }
}
