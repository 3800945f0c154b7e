/// A JSON document with ordered object keys, printed as Python's
/// `json.dumps(value, indent=2, ensure_ascii=False)` prints it.
///
/// ```swift
/// let value = JSONValue.object([("name", .string("fakesrc0")), ("links", .array([]))])
/// print(value.rendered)
/// // {
/// //   "name": "fakesrc0",
/// //   "links": []
/// // }
/// ```
/// Keys keep the order they are given in, so `--graph-json` output is stable and can be diffed as text against
/// `gst-parse-graph.py`, which prints with `ensure_ascii=False`: non-ASCII characters are written as they are.
/// A pure value; any thread.
enum JSONValue: Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A signed integer.
    case int(Int64)
    /// An unsigned integer.
    case uint(UInt64)
    /// A finite floating-point number (non-finite numbers are not JSON: give them as strings).
    case double(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object whose keys keep their order.
    case object([(String, JSONValue)])

    /// The document with two-space indentation and no trailing newline.
    var rendered: String {
        var out = ""
        write(to: &out, indent: 0)
        return out
    }

    private func write(to out: inout String, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .uint(let value): out += String(value)
        case .double(let value): out += Self.number(value)
        case .string(let value): out += Self.quoted(value)
        case .array(let items):
            guard !items.isEmpty else {
                out += "[]"
                return
            }
            out += "["
            for (index, item) in items.enumerated() {
                out += (index == 0 ? "\n" : ",\n") + Self.spaces(indent + 2)
                item.write(to: &out, indent: indent + 2)
            }
            out += "\n" + Self.spaces(indent) + "]"
        case .object(let members):
            guard !members.isEmpty else {
                out += "{}"
                return
            }
            out += "{"
            for (index, member) in members.enumerated() {
                out += (index == 0 ? "\n" : ",\n") + Self.spaces(indent + 2) + Self.quoted(member.0) + ": "
                member.1.write(to: &out, indent: indent + 2)
            }
            out += "\n" + Self.spaces(indent) + "}"
        }
    }

    private static func spaces(_ count: Int) -> String { String(repeating: " ", count: count) }

    /// A finite double as Python's `repr` writes it (`440.0`, `0.5`, `1e-05`); non-finite ones as `null`
    /// (callers give those as strings instead).
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        let text = value.description  // shortest round-trip digits: "440.0", "1e-05", "1.5e+300"
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return text }
        // Python writes exponents with at least two digits and an explicit sign (`1e-05`, `1e+16`).
        var mantissa = String(text[..<e])
        if mantissa.hasSuffix(".0") { mantissa.removeLast(2) }
        var exponent = String(text[text.index(after: e)...])
        var sign = "+"
        if exponent.hasPrefix("-") || exponent.hasPrefix("+") {
            if exponent.hasPrefix("-") { sign = "-" }
            exponent.removeFirst()
        }
        if exponent.count < 2 { exponent = "0" + exponent }
        return mantissa + "e" + sign + exponent
    }

    /// A JSON string literal with Python's escapes: `\"`, `\\`, `\n`, `\r`, `\t`, `\b`, `\f`, and `\u00XX` for the
    /// other control characters; everything else, non-ASCII included, as it is.
    static func quoted(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{00}"..."\u{1F}":
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
