extension CapsValue: CustomStringConvertible {
    /// The value with its type annotation, exactly as `gst_caps_to_string` prints a field value.
    ///
    /// Scalars: `(int)320`, `(double)1.5`, `(string)I420`, `(string)"two words"` (quoted and escaped when the
    /// string is empty or has characters other than letters, digits and `_-+/:.`), `(boolean)true`,
    /// `(fraction)30/1` (reduced). Ranges: `(int)[ 16, 4096 ]`, `(int)[ 2, 8, 2 ]`, `(double)[ 0, 1 ]`,
    /// `(fraction)[ 0/1, 2147483647/1 ]`. Lists of one type take the type in front, as GStreamer prints them:
    /// `(string){ I420, NV12 }`; lists mixing types annotate each element instead so the text still parses back
    /// to the same value: `{ (int)1, (string)x }`. Doubles use the shortest text that reads back to the same
    /// number, laid out like C's `%g` (`2`, `0.5`, `1e+17`); GStreamer itself prints 17 significant digits,
    /// so it writes `0.1` as `0.10000000000000001`.
    ///
    /// ```swift
    /// CapsValue.list([.string("I420"), .string("NV12")]).description   // "(string){ I420, NV12 }"
    /// ```
    public var description: String {
        if case .list(let items) = self, let type = Self.commonTypeName(of: items) {
            return "(\(type))" + Self.listText(items, typedElements: false)
        }
        return typedText
    }

    /// The GStreamer type name of a scalar or range (`int`, `double`, `string`, `boolean`, `fraction`), or nil for
    /// a list.
    var typeName: String? {
        switch self {
        case .int, .intRange: "int"
        case .double, .doubleRange: "double"
        case .string: "string"
        case .bool: "boolean"
        case .fraction, .fractionRange: "fraction"
        case .list: nil
        }
    }

    /// The value with a `(type)` prefix; lists annotate each element instead.
    private var typedText: String {
        guard let typeName else { return bareText }
        return "(\(typeName))" + bareText
    }

    /// The value without a type prefix, as `gst_value_serialize` writes it. Nested lists annotate their elements.
    private var bareText: String {
        switch self {
        case .int(let value): "\(value)"
        case .double(let value): Self.format(value)
        case .string(let value): Self.quoted(value)
        case .bool(let value): value ? "true" : "false"
        case .fraction(let value): Self.format(value)
        case .intRange(let range, let step):
            step == 1
                ? "[ \(range.lowerBound), \(range.upperBound) ]"
                : "[ \(range.lowerBound), \(range.upperBound), \(step) ]"
        case .doubleRange(let range): "[ \(Self.format(range.lowerBound)), \(Self.format(range.upperBound)) ]"
        case .fractionRange(let range): "[ \(Self.format(range.lowerBound)), \(Self.format(range.upperBound)) ]"
        case .list(let items): Self.listText(items, typedElements: true)
        }
    }

    private static func listText(_ items: [CapsValue], typedElements: Bool) -> String {
        "{ " + items.map { typedElements ? $0.typedText : $0.bareText }.joined(separator: ", ") + " }"
    }

    /// The one type name shared by every element (looking into nested lists), `int` for an empty list as in
    /// GStreamer, or nil when the elements mix types.
    private static func commonTypeName(of items: [CapsValue]) -> String? {
        var found: String?
        for item in items {
            let name: String?
            if case .list(let nested) = item {
                guard !nested.isEmpty else { continue }
                name = commonTypeName(of: nested)
            } else {
                name = item.typeName
            }
            guard let name, found == nil || found == name else { return nil }
            found = name
        }
        return found ?? "int"
    }

    /// A fraction in lowest terms, as GStreamer stores and prints it: `30/1`, `-1/2`.
    static func format(_ value: Fraction) -> String {
        guard value.numerator != Int.min, value.denominator != Int.min else { return value.description }
        return value.reduced.description
    }

    /// A double in C's `%g` layout using the shortest digits that round-trip: `2`, `1.5`, `0.0001`, `1e-05`,
    /// `1e+17`, `-0`, `inf`, `nan`.
    static func format(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == 0 { return value.sign == .minus ? "-0" : "0" }
        let text = Swift.abs(value).description  // shortest round-trip, e.g. "0.0001", "1.5e+300", "100.0"
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var integerPart = mantissa, fractionPart = Substring("")
        if let dot = mantissa.firstIndex(of: ".") {
            integerPart = mantissa[..<dot]
            fractionPart = mantissa[mantissa.index(after: dot)...]
        }
        var digits = Array(integerPart + fractionPart)
        var pointExponent = integerPart.count - 1 + exponent  // decimal exponent of digits[0]
        while digits.first == "0" {
            digits.removeFirst()
            pointExponent -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        let sign = value < 0 ? "-" : ""
        if pointExponent < -4 || pointExponent >= 17 {
            var result = String(digits.prefix(1))
            if digits.count > 1 { result += "." + String(digits.dropFirst()) }
            let magnitude = Swift.abs(pointExponent)
            result += (pointExponent < 0 ? "e-" : "e+") + (magnitude < 10 ? "0" : "") + "\(magnitude)"
            return sign + result
        }
        if pointExponent < 0 {
            return sign + "0." + String(repeating: "0", count: -pointExponent - 1) + String(digits)
        }
        if digits.count <= pointExponent + 1 {
            return sign + String(digits) + String(repeating: "0", count: pointExponent + 1 - digits.count)
        }
        return sign + String(digits.prefix(pointExponent + 1)) + "." + String(digits.dropFirst(pointExponent + 1))
    }

    /// A string as `gst_string_wrap` writes it: unchanged when it is only letters, digits and `_-+/:.`;
    /// otherwise (or when empty, or the literal `NULL`) in double quotes, with control and non-ASCII bytes as
    /// `\ooo` octal escapes and other punctuation backslash-escaped: `"two\ words"`.
    static func quoted(_ value: String) -> String {
        let utf8 = value.utf8
        guard utf8.isEmpty || value == "NULL" || !utf8.allSatisfy(CapsParser.isStringChar) else { return value }
        var out: [UInt8] = [UInt8(ascii: "\"")]
        for byte in utf8 {
            if CapsParser.isStringChar(byte) {
                out.append(byte)
            } else if byte < 0x20 || byte >= 0x7F {
                out += [UInt8(ascii: "\\"), 0x30 + (byte >> 6), 0x30 + ((byte >> 3) & 7), 0x30 + (byte & 7)]
            } else {
                out += [UInt8(ascii: "\\"), byte]
            }
        }
        out.append(UInt8(ascii: "\""))
        return String(decoding: out, as: UTF8.self)
    }
}
