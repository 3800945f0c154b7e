import ParallaxCore

extension Diagnostic {
    /// `text` in double quotes for a message, with line breaks and tabs written `\n`, `\r`, `\t` so the message
    /// stays on one line. Example: `Diagnostic.quoted("a\nb")` is `"a\nb"` (backslash, n).
    static func quoted(_ text: String) -> String {
        var out = "\""
        for character in text {
            switch character {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\r\n": out += "\\r\\n"
            case "\t": out += "\\t"
            default: out.append(character)
            }
        }
        return out + "\""
    }
}
