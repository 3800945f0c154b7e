extension PropertyType {
    /// Converts launch-string text into a value of this type, checking the range.
    ///
    /// Accepts what GStreamer's `gst_value_deserialize` accepts for the type: decimal and `0x` hex
    /// integers, `true/false/yes/no/1/0/t/f` booleans (any case), enum nicks or integer values,
    /// `n/d` fractions (or a plain integer), caps strings.
    /// Example: `PropertyType.int(-1...100).parse("42")` → `.int(42)`.
    public func parse(_ text: String) -> Result<PropertyValue, PropertyValueError> {
        let fail = Result<PropertyValue, PropertyValueError>.failure(
            PropertyValueError(text: text, expected: expectation))
        switch self {
        case .bool:
            switch text.lowercased() {
            case "true", "yes", "1", "t": return .success(.bool(true))
            case "false", "no", "0", "f": return .success(.bool(false))
            default: return fail
            }
        case .int(let range):
            guard let v = Self.integer(text), range.contains(v) else { return fail }
            return .success(.int(v))
        case .uint(let range):
            guard let v = Self.unsigned(text), range.contains(v) else { return fail }
            return .success(.uint(v))
        case .double(let range):
            guard let v = Double(text.trimmingSpaces), v.isFinite || range.upperBound.isInfinite, range.contains(v)
            else { return fail }
            return .success(.double(v))
        case .string:
            return .success(.string(text))
        case .enumeration(_, let cases):
            if let c = cases.first(where: { $0.nick == text }) { return .success(.enumeration(c.nick)) }
            if let v = Self.integer(text), let c = cases.first(where: { Int64($0.value) == v }) {
                return .success(.enumeration(c.nick))
            }
            return fail
        case .fraction(let range):
            let parts = text.trimmingSpaces.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 1 || parts.count == 2, let n = Int(parts[0]) else { return fail }
            let d = parts.count == 2 ? Int(parts[1]) : 1
            guard let d, d != 0, range.contains(Fraction(n, d)) else { return fail }
            return .success(.fraction(Fraction(n, d)))
        case .caps:
            do {
                return .success(.caps(try Caps(parsing: text)))
            } catch {
                return .failure(PropertyValueError(text: text, expected: "caps: \(error.message)"))
            }
        }
    }

    static func integer(_ text: String) -> Int64? {
        let t = text.trimmingSpaces
        if t.hasPrefix("0x") || t.hasPrefix("0X") { return Int64(t.dropFirst(2), radix: 16) }
        if t.hasPrefix("-0x") || t.hasPrefix("-0X") { return Int64(t.dropFirst(3), radix: 16).map { -$0 } }
        return Int64(t)
    }

    static func unsigned(_ text: String) -> UInt64? {
        let t = text.trimmingSpaces
        if t.hasPrefix("0x") || t.hasPrefix("0X") { return UInt64(t.dropFirst(2), radix: 16) }
        return UInt64(t)
    }
}

/// A property value that does not fit its type: the text and what was expected.
public struct PropertyValueError: Error, Sendable, Hashable {
    /// The text that was given.
    public var text: String
    /// What the type accepts (`an integer in 0...100`).
    public var expected: String
}

extension String {
    var trimmingSpaces: Substring {
        var s = self[...]
        while s.first == " " || s.first == "\t" { s = s.dropFirst() }
        while s.last == " " || s.last == "\t" { s = s.dropLast() }
        return s
    }
}
