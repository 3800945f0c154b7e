/// Recursive-descent parser for GStreamer's caps string syntax; the engine behind `Caps(parsing:)`.
///
/// Works on the UTF-8 bytes of the text so error offsets are byte offsets. Grammar, as in
/// `gst_caps_from_string` / `gst_structure_from_string`:
/// ```
/// caps      := "ANY" | "EMPTY" | "NONE" | structure (";" structure)* [";"]
/// structure := name ["(" feature ("," feature)* ")"] ("," field)* [","]
/// field     := name "=" value
/// value     := ["(" type ")"] ( scalar | "{" values "}" | "<" values ">" | "[" lo "," hi ["," step] "]" )
/// scalar    := '"' quoted string '"' | run of letters, digits and _-+/:.
/// ```
/// Whitespace is allowed around every token. Example: `var p = CapsParser("video/x-raw"); try p.parseCaps()`.
struct CapsParser {
    private let bytes: [UInt8]
    private var position = 0

    /// Creates a parser over `text`.
    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// The element types a type annotation such as `(int)` or `(fraction)` selects.
    private enum ValueType {
        case int, uint, double, string, bool, fraction

        init?(annotation: String) {
            switch annotation {
            case "int", "i", "gint", "int64", "gint64", "long": self = .int
            case "uint", "u", "guint", "uint64", "guint64": self = .uint
            case "double", "d", "gdouble", "float", "f", "gfloat": self = .double
            case "string", "str", "s", "gchararray": self = .string
            case "boolean", "bool", "b", "gboolean": self = .bool
            case "fraction", "GstFraction": self = .fraction
            default: return nil
            }
        }
    }

    // MARK: Caps and structures

    /// Parses the whole text as caps.
    mutating func parseCaps() throws(CapsParseError) -> Caps {
        skipSpace()
        guard position < bytes.count else {
            throw CapsParseError(message: "empty caps string", offset: 0, length: 0)
        }
        var end = bytes.count
        while end > position, Self.isSpace(bytes[end - 1]) { end -= 1 }
        switch text(position, end) {
        case "ANY": return .any
        case "EMPTY", "NONE": return .empty
        default: break
        }
        var structures: [CapsStructure] = []
        while true {
            structures.append(try parseStructure())
            guard position < bytes.count else { break }
            position += 1  // the ';' that ended the structure
            skipSpace()
            guard position < bytes.count else { break }
        }
        return Caps(structures)
    }

    /// Parses one structure; stops at the `;` that ends it or at the end of the text.
    private mutating func parseStructure() throws(CapsParseError) -> CapsStructure {
        let nameStart = position
        let name = scanToken()
        guard let first = name.utf8.first else { throw expected("structure name") }
        guard Self.isLetter(first) else {
            throw CapsParseError(
                message: "invalid structure name '\(name)' (must start with a letter)",
                offset: nameStart, length: position - nameStart)
        }
        skipSpace()
        var structure = CapsStructure(name)
        if peek == UInt8(ascii: "(") {
            structure.features = try parseFeatures()
        }
        var context = "structure name '\(name)'"
        while true {
            skipSpace()
            guard let c = peek, c != UInt8(ascii: ";") else { break }
            guard c == UInt8(ascii: ",") else { throw expected("',' or ';' after \(context)") }
            position += 1
            skipSpace()
            guard let next = peek, next != UInt8(ascii: ";") else { break }  // trailing comma
            let fieldName = scanToken()
            guard !fieldName.isEmpty else { throw expected("field name") }
            skipSpace()
            guard peek == UInt8(ascii: "=") else { throw expected("'=' after field name '\(fieldName)'") }
            position += 1
            // A repeated field replaces the earlier value in place, as GStreamer does.
            structure[fieldName] = try parseValue(field: fieldName, type: nil)
            context = "value of field '\(fieldName)'"
        }
        return structure
    }

    /// Parses `(feature, feature)` after a structure name.
    private mutating func parseFeatures() throws(CapsParseError) -> [String] {
        let open = position
        position += 1
        var features: [String] = []
        skipSpace()
        if peek == UInt8(ascii: ")") {
            position += 1
            return []
        }
        while true {
            skipSpace()
            guard peek != nil else { throw unterminated("caps features", close: ")", at: open) }
            let start = position
            let feature = scanToken()
            guard !feature.isEmpty else { throw expected("caps feature name") }
            guard Self.isValidFeature(feature) else {
                throw CapsParseError(
                    message: "invalid caps feature '\(feature)' (expected 'namespace:Name')",
                    offset: start, length: position - start)
            }
            features.append(feature)
            skipSpace()
            guard let c = peek else { throw unterminated("caps features", close: ")", at: open) }
            if c == UInt8(ascii: ")") {
                position += 1
                break
            }
            guard c == UInt8(ascii: ",") else { throw expected("',' or ')' in caps features") }
            position += 1
        }
        if features.count > 1, features.contains("ANY") {
            throw CapsParseError(
                message: "caps feature 'ANY' cannot be combined with other features",
                offset: open, length: position - open)
        }
        return features == ["memory:SystemMemory"] ? [] : features
    }

    // MARK: Values

    /// Parses a value with an optional type annotation; `type` is the annotation inherited from an enclosing
    /// list or range.
    private mutating func parseValue(field: String, type inherited: ValueType?) throws(CapsParseError) -> CapsValue {
        skipSpace()
        var type = inherited
        if peek == UInt8(ascii: "(") {
            type = try parseAnnotation()
            skipSpace()
        }
        guard let c = peek else { throw expected("value for field '\(field)'") }
        switch c {
        case UInt8(ascii: "["):
            return try parseRange(field: field, type: type)
        case UInt8(ascii: "{"):
            return try parseList(field: field, type: type, close: UInt8(ascii: "}"), kind: "list")
        case UInt8(ascii: "<"):
            return try parseList(field: field, type: type, close: UInt8(ascii: ">"), kind: "array")
        case UInt8(ascii: "\""):
            let start = position
            let unquoted = try scanQuoted()
            return try convert(text(start, position), unquoted: unquoted, type: type, field: field, start: start)
        default:
            let start = position
            let token = scanToken()
            guard !token.isEmpty else { throw expected("value for field '\(field)'") }
            return try convert(token, unquoted: nil, type: type, field: field, start: start)
        }
    }

    /// Parses `(typename)` and returns the selected type.
    private mutating func parseAnnotation() throws(CapsParseError) -> ValueType {
        let open = position
        position += 1
        skipSpace()
        let name = scanToken()
        skipSpace()
        guard let c = peek else { throw unterminated("type annotation", close: ")", at: open) }
        guard c == UInt8(ascii: ")"), !name.isEmpty else {
            throw expected(name.isEmpty ? "type name after '('" : "')' after type name '\(name)'")
        }
        position += 1
        guard let type = ValueType(annotation: name) else {
            throw CapsParseError(
                message: "unknown type annotation '(\(name))'", offset: open, length: position - open)
        }
        return type
    }

    /// Parses `{ a, b }` or `< a, b >`; both become `.list`.
    private mutating func parseList(
        field: String, type: ValueType?, close: UInt8, kind: String
    ) throws(CapsParseError) -> CapsValue {
        let open = position
        position += 1
        var items: [CapsValue] = []
        while true {
            skipSpace()
            guard let c = peek else { throw unterminated(kind, close: Character(Unicode.Scalar(close)), at: open) }
            if c == close {
                position += 1
                break
            }
            items.append(try parseValue(field: field, type: type))
            skipSpace()
            guard let next = peek else {
                throw unterminated(kind, close: Character(Unicode.Scalar(close)), at: open)
            }
            if next == close {
                position += 1
                break
            }
            guard next == UInt8(ascii: ",") else {
                throw expected("',' or '\(Character(Unicode.Scalar(close)))' in \(kind)")
            }
            position += 1
        }
        return .list(items)
    }

    /// Parses `[ lo, hi ]` or `[ lo, hi, step ]` into an int, double or fraction range.
    private mutating func parseRange(field: String, type: ValueType?) throws(CapsParseError) -> CapsValue {
        let open = position
        position += 1
        var bounds: [CapsValue] = []
        while true {
            skipSpace()
            guard peek != nil else { throw unterminated("range", close: "]", at: open) }
            let start = position
            let bound = try parseValue(field: field, type: type)
            switch bound {
            case .int, .double, .fraction: bounds.append(bound)
            default:
                let message = "range bound '\(text(start, position))' for field '\(field)' "
                    + "is not an int, double or fraction"
                throw CapsParseError(message: message, offset: start, length: position - start)
            }
            skipSpace()
            guard let c = peek else { throw unterminated("range", close: "]", at: open) }
            if c == UInt8(ascii: "]") {
                position += 1
                break
            }
            guard c == UInt8(ascii: ","), bounds.count < 3 else {
                throw expected(bounds.count < 3 ? "',' or ']' in range" : "']' after range step")
            }
            position += 1
        }
        func rangeError(_ message: String) -> CapsParseError {
            CapsParseError(message: message, offset: open, length: position - open)
        }
        guard bounds.count >= 2 else { throw rangeError("range needs a lower and an upper bound") }
        if bounds.count == 3 {
            guard case .int = bounds[0], case .int = bounds[1] else {
                throw rangeError("only int ranges can have a step")
            }
        }
        func orderError(_ lower: String, _ upper: String) -> CapsParseError {
            rangeError("range lower bound \(lower) is greater than upper bound \(upper)")
        }
        switch (bounds[0], bounds[1]) {
        case (.int(let lower), .int(let upper)):
            var step = 1
            if bounds.count == 3 {
                guard case .int(let s) = bounds[2] else { throw rangeError("range step must be an int") }
                guard s > 0 else { throw rangeError("range step \(s) must be positive") }
                step = s
            }
            guard lower <= upper else { throw orderError("\(lower)", "\(upper)") }
            return .intRange(lower...upper, step: step)
        case (.double(let lower), .double(let upper)):
            guard !lower.isNaN, !upper.isNaN else { throw rangeError("range bounds cannot be nan") }
            guard lower <= upper else {
                throw orderError(CapsValue.format(lower), CapsValue.format(upper))
            }
            return .doubleRange(lower...upper)
        case (.fraction(let lower), .fraction(let upper)):
            guard lower <= upper else { throw orderError(lower.description, upper.description) }
            return .fractionRange(lower...upper)
        default:
            throw rangeError(
                "range bounds have different types (\(Self.typeName(bounds[0])) and \(Self.typeName(bounds[1])))")
        }
    }

    /// Turns a scalar token into a value of the annotated type, or infers the type like GStreamer does:
    /// int, then double, then fraction, then boolean, else string. Quoted text is always a string.
    private func convert(
        _ token: String, unquoted: String?, type: ValueType?, field: String, start: Int
    ) throws(CapsParseError) -> CapsValue {
        func invalid(_ what: String) -> CapsParseError {
            CapsParseError(
                message: "invalid \(what) '\(token)' for field '\(field)'", offset: start, length: position - start)
        }
        let int32Min = Int(Int32.min), int32Max = Int(Int32.max)
        switch type {
        case nil:
            if let unquoted { return .string(unquoted) }
            if let value = Self.integer(token, min: int32Min, max: int32Max) { return .int(value) }
            if let value = Self.double(token) { return .double(value) }
            if let value = Self.fraction(token) { return .fraction(value) }
            if let value = Self.boolean(token) { return .bool(value) }
            return .string(token)
        case .int:
            guard let value = Self.integer(token, min: int32Min, max: int32Max) else { throw invalid("integer") }
            return .int(value)
        case .uint:
            guard let value = Self.integer(token, min: 0, max: Int(UInt32.max)), value >= 0 else {
                throw invalid("unsigned integer")
            }
            return .int(value)
        case .double:
            guard let value = Self.double(token) else { throw invalid("double") }
            return .double(value)
        case .fraction:
            guard let value = Self.fraction(token) else { throw invalid("fraction") }
            return .fraction(value)
        case .bool:
            guard let value = Self.boolean(token) else { throw invalid("boolean") }
            return .bool(value)
        case .string:
            return .string(unquoted ?? token)
        }
    }

    // MARK: Scalar conversions

    /// Decimal digits with an optional sign: `-12`, `+5`.
    private static func decimal(_ text: Substring) -> Int? {
        var digits = text
        var negative = false
        if let sign = digits.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              let magnitude = UInt(digits)
        else { return nil }
        return signed(magnitude, negative: negative)
    }

    /// An integer as GStreamer reads it: decimal, `0x` hexadecimal, or the keywords `min` / `max`.
    private static func integer(_ text: String, min: Int, max: Int) -> Int? {
        switch text.lowercased() {
        case "min": return min
        case "max": return max
        default: break
        }
        var body = Substring(text)
        var negative = false
        if let sign = body.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            body = body.dropFirst()
        }
        guard body.hasPrefix("0x") || body.hasPrefix("0X") else { return decimal(Substring(text)) }
        let digits = body.dropFirst(2)
        guard !digits.isEmpty, digits.allSatisfy(\.isHexDigit), let magnitude = UInt(digits, radix: 16) else {
            return nil
        }
        return signed(magnitude, negative: negative)
    }

    private static func signed(_ magnitude: UInt, negative: Bool) -> Int? {
        if negative {
            guard magnitude <= UInt(Int.max) + 1 else { return nil }
            return Int(bitPattern: 0 &- magnitude)
        }
        guard magnitude <= UInt(Int.max) else { return nil }
        return Int(magnitude)
    }

    /// A floating-point number: `1.5`, `.5`, `2.`, `1e3`, `-4.2E-1`, `inf`, `nan`, or `min` / `max`.
    private static func double(_ text: String) -> Double? {
        switch text.lowercased() {
        case "min": return -Double.greatestFiniteMagnitude
        case "max": return Double.greatestFiniteMagnitude
        case "inf", "+inf", "infinity", "+infinity": return Double.infinity
        case "-inf", "-infinity": return -Double.infinity
        case "nan", "+nan", "-nan": return Double.nan
        default: break
        }
        let chars = Array(text.utf8)
        var i = 0
        func digits() -> Int {
            let start = i
            while i < chars.count, chars[i] >= UInt8(ascii: "0"), chars[i] <= UInt8(ascii: "9") { i += 1 }
            return i - start
        }
        if i < chars.count, chars[i] == UInt8(ascii: "+") || chars[i] == UInt8(ascii: "-") { i += 1 }
        var mantissaDigits = digits()
        if i < chars.count, chars[i] == UInt8(ascii: ".") {
            i += 1
            mantissaDigits += digits()
        }
        guard mantissaDigits > 0 else { return nil }
        if i < chars.count, chars[i] == UInt8(ascii: "e") || chars[i] == UInt8(ascii: "E") {
            i += 1
            if i < chars.count, chars[i] == UInt8(ascii: "+") || chars[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { return nil }
        }
        guard i == chars.count else { return nil }
        return Double(text)
    }

    /// A fraction: `30/1`, `-1/2`, `30` (= 30/1), or `min`, `max`, `1/max`. Reduced to lowest terms.
    private static func fraction(_ text: String) -> Fraction? {
        let int32Max = Int(Int32.max)
        switch text.lowercased() {
        case "min": return Fraction(-int32Max, 1)
        case "max": return Fraction(int32Max, 1)
        case "1/max": return Fraction(1, int32Max)
        default: break
        }
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let numerator = decimal(parts[0]), numerator != Int.min else { return nil }
        guard parts.count == 2 else { return Fraction(numerator, 1) }
        guard let denominator = decimal(parts[1]), denominator != 0, denominator != Int.min else { return nil }
        return Fraction(numerator, denominator).reduced
    }

    /// `true`/`yes`/`t`/`1` or `false`/`no`/`f`/`0`, any case.
    private static func boolean(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "yes", "t", "1": true
        case "false", "no", "f", "0": false
        default: nil
        }
    }

    // MARK: Lexing

    private var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

    private func text(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<end], as: UTF8.self)
    }

    private mutating func skipSpace() {
        while position < bytes.count, Self.isSpace(bytes[position]) { position += 1 }
    }

    /// Consumes a run of unquoted-string characters: letters, digits and `_-+/:.`.
    private mutating func scanToken() -> String {
        let start = position
        while position < bytes.count, Self.isStringChar(bytes[position]) { position += 1 }
        return text(start, position)
    }

    /// Consumes a `"..."` string and returns its unescaped content. `\ooo` (first digit 0-3) is an octal
    /// byte; a backslash before any other character keeps that character.
    private mutating func scanQuoted() throws(CapsParseError) -> String {
        let open = position
        position += 1
        var content: [UInt8] = []
        func unterminatedString() -> CapsParseError {
            CapsParseError(
                message: "unterminated string (missing '\"')", offset: open, length: bytes.count - open)
        }
        while true {
            guard let c = peek else { throw unterminatedString() }
            position += 1
            if c == UInt8(ascii: "\"") { break }
            guard c == UInt8(ascii: "\\") else {
                content.append(c)
                continue
            }
            guard let escaped = peek else { throw unterminatedString() }
            guard escaped >= UInt8(ascii: "0"), escaped <= UInt8(ascii: "3") else {
                content.append(escaped)
                position += 1
                continue
            }
            let digits = bytes[position..<min(position + 3, bytes.count)]
            let isOctal = { (c: UInt8) in c >= UInt8(ascii: "0") && c <= UInt8(ascii: "7") }
            guard digits.count == 3, digits.allSatisfy(isOctal) else {
                // Show the escape up to and including the first character that is not an octal digit.
                let end = min((digits.firstIndex { !isOctal($0) } ?? digits.endIndex) + 1, bytes.count)
                throw CapsParseError(
                    message: "invalid escape sequence '\\\(text(position, end))' in string",
                    offset: position - 1, length: end - position + 1)
            }
            content.append(digits.reduce(0) { $0 &* 8 &+ ($1 - UInt8(ascii: "0")) })
            position += 3
        }
        return String(decoding: content, as: UTF8.self)
    }

    // MARK: Errors

    /// "expected <what>" pointing at the current character (or at the end of the text).
    private func expected(_ what: String) -> CapsParseError {
        CapsParseError(message: "expected \(what)", offset: position, length: characterLength(at: position))
    }

    private func unterminated(_ kind: String, close: Character, at open: Int) -> CapsParseError {
        CapsParseError(message: "unterminated \(kind) (missing '\(close)')", offset: open, length: 1)
    }

    /// Byte length of the UTF-8 character starting at `offset` (0 at the end of the text).
    private func characterLength(at offset: Int) -> Int {
        guard offset < bytes.count else { return 0 }
        let lead = bytes[offset]
        let length = lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        return min(length, bytes.count - offset)
    }

    // MARK: Character classes

    private static func isSpace(_ c: UInt8) -> Bool {
        c == 0x20 || (c >= 0x09 && c <= 0x0D)
    }

    private static func isLetter(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
    }

    private static func isDigit(_ c: UInt8) -> Bool {
        c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")
    }

    /// GStreamer's `GST_ASCII_IS_STRING` (without `*`, which GStreamer 1.22 rejects).
    static func isStringChar(_ c: UInt8) -> Bool {
        isLetter(c) || isDigit(c) || c == UInt8(ascii: "_") || c == UInt8(ascii: "-") || c == UInt8(ascii: "+")
            || c == UInt8(ascii: "/") || c == UInt8(ascii: ":") || c == UInt8(ascii: ".")
    }

    /// `gst_caps_feature_name_is_valid`: letters, `:`, a letter, then letters and digits; or `ANY`.
    private static func isValidFeature(_ feature: String) -> Bool {
        if feature == "ANY" { return true }
        let chars = Array(feature.utf8)
        guard let colon = chars.firstIndex(of: UInt8(ascii: ":")) else { return false }
        let namespace = chars[..<colon], name = chars[(colon + 1)...]
        guard let first = name.first, isLetter(first) else { return false }
        return namespace.allSatisfy(isLetter) && name.allSatisfy { isLetter($0) || isDigit($0) }
    }

    private static func typeName(_ value: CapsValue) -> String {
        switch value {
        case .int: "int"
        case .double: "double"
        case .fraction: "fraction"
        case .string: "string"
        case .bool: "boolean"
        default: "range or list"
        }
    }
}
