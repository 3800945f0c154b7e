/// Spelling names as Swift identifiers: `adjust-level` → `adjustLevel`, `brightness` → `Brightness`.
///
/// ```swift
/// SwiftName.lowerCamel("num-buffers")   // numBuffers
/// SwiftName.upperCamel("av1-enc")       // Av1Enc
/// SwiftName.lowerCamel("90r")           // _90r
/// ```
/// Pure functions.
public enum SwiftName {
    /// Words of `name` split at `-`, `_`, `.`, spaces and other non-alphanumerics.
    static func words(_ name: String) -> [String] {
        name.split(whereSeparator: { !($0.isLetter || $0.isNumber) || !$0.isASCII }).map(String.init)
    }

    /// `lowerCamelCase`, a keyword escaped with backticks and a leading digit prefixed with `_`.
    public static func lowerCamel(_ name: String) -> String {
        let parts = words(name)
        guard let first = parts.first else { return "_" }
        let joined =
            first.prefix(1).lowercased() + first.dropFirst()
            + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        if joined.first?.isNumber == true { return "_" + joined }
        return keywords.contains(joined) ? "`\(joined)`" : joined
    }

    /// `UpperCamelCase`, a leading digit prefixed with `_`.
    public static func upperCamel(_ name: String) -> String {
        let joined = words(name).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        if joined.isEmpty { return "_" }
        return joined.first?.isNumber == true ? "_" + joined : joined
    }

    /// Whether `name` is usable as a Swift type name as it is (`Brightness`, `MyFilter2`).
    public static func isTypeName(_ name: String) -> Bool {
        guard let first = name.first, first.isLetter || first == "_" else { return false }
        return name.allSatisfy { ($0.isLetter || $0.isNumber || $0 == "_") && $0.isASCII } && !keywords.contains(name)
    }

    /// `text` as a Swift string literal.
    public static func literal(_ text: String) -> String {
        var result = "\""
        for character in text.unicodeScalars {
            switch character {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default: result.unicodeScalars.append(character)
            }
        }
        return result + "\""
    }

    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
        "internal", "let", "open", "operator", "private", "protocol", "public", "rethrows", "static", "struct",
        "subscript", "typealias", "var", "break", "case", "continue", "default", "defer", "do", "else",
        "fallthrough", "for", "guard", "if", "in", "repeat", "return", "switch", "where", "while", "as", "Any",
        "catch", "false", "is", "nil", "super", "self", "Self", "throw", "throws", "true", "try", "Type",
    ]
}
