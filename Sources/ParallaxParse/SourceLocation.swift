import ParallaxCore

/// Where a byte span of a description falls for display: line, column and the caret geometry.
///
/// Lines are split at `\n` (a trailing `\r` is not shown). The column is 1-based and counts characters;
/// a span past the end of its line (or of the input) points one past the line's last character.
/// Example: the span of `fakesink` in `"a !\nfakesink"` is at line 2, column 1.
struct SourceLocation: Sendable, Hashable {
    /// 1-based line number.
    var line: Int
    /// 1-based column, in characters.
    var column: Int
    /// The text of the line, without its line break.
    var lineText: String
    /// Whitespace that puts the first caret under the span's first character (tabs kept as tabs).
    var caretPadding: String
    /// How many carets underline the span on this line (at least one).
    var caretCount: Int

    /// Locates `span` in `source`, clamping spans that lie outside it.
    init(of span: SourceSpan, in source: String) {
        let bytes = Array(source.utf8)
        let start = Swift.min(Swift.max(span.start, 0), bytes.count)
        let end = Swift.min(Swift.max(span.end, start), bytes.count)
        var lineStart = 0
        var line = 1
        for index in 0..<start where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        var lineEnd = lineStart
        while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
        var shownEnd = lineEnd
        if shownEnd > lineStart, bytes[shownEnd - 1] == UInt8(ascii: "\r") { shownEnd -= 1 }

        var padding = ""
        var column = 1
        var index = lineStart
        while index < Swift.min(start, shownEnd) {
            padding.append(bytes[index] == UInt8(ascii: "\t") ? "\t" : " ")
            column += 1
            index += Self.scalarLength(bytes, at: index)
        }
        var carets = 0
        while index < Swift.min(end, shownEnd) {
            carets += 1
            index += Self.scalarLength(bytes, at: index)
        }
        self.line = line
        self.column = column
        self.lineText = String(decoding: bytes[lineStart..<shownEnd], as: UTF8.self)
        self.caretPadding = padding
        self.caretCount = Swift.max(carets, 1)
    }

    /// `line:column` of a span, for notes that point at another place (`first linked at 1:12`).
    static func position(of span: SourceSpan, in source: String) -> String {
        let location = SourceLocation(of: span, in: source)
        return "\(location.line):\(location.column)"
    }

    /// The number of bytes of the UTF-8 sequence starting at `index` (1 for a stray continuation byte).
    static func scalarLength(_ bytes: [UInt8], at index: Int) -> Int {
        let lead = bytes[index]
        let length =
            switch lead {
            case 0xF0...0xF7: 4
            case 0xE0...0xEF: 3
            case 0xC0...0xDF: 2
            default: 1
            }
        return Swift.min(length, bytes.count - index)
    }
}
