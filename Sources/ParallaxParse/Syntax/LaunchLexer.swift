import ParallaxCore

/// Cuts a launch description into tokens, following the token rules of GStreamer 1.22's `parse.l`.
///
/// ```
/// identifier  [A-Za-z0-9_][A-Za-z0-9_%:-]*          element factory names, property names
/// assignment  identifier \s* = \s* value            value: "…" or '…' (escapes \x), or a run of
///                                                   non-space characters (escapes \x, so "\ " is a space)
/// reference   identifier . [identifier]             t.  t.src_0
/// padRef      . identifier                          .src
/// link        !  |  ! \s* caps \s* !                caps: a media type a/b (or a quoted string) up to the
///                                                   next unescaped ! outside quotes
/// ```
/// Whitespace separates tokens. Constructs Parallax does not support (bins, URIs, presets, `:` links, pad
/// lists) and characters that start no token are reported with a diagnostic here.
/// Example: `var lexer = LaunchLexer("fakesrc ! fakesink"); let tokens = try lexer.tokenize()`.
struct LaunchLexer {
    private let bytes: [UInt8]
    private var position = 0

    /// A lexer over `source`.
    init(_ source: String) {
        bytes = Array(source.utf8)
    }

    /// All tokens of the description, in order.
    mutating func tokenize() throws(DiagnosticError) -> [Token] {
        var tokens: [Token] = []
        while true {
            skipSpace()
            guard let c = peek else { break }
            tokens.append(try token(startingWith: c))
        }
        return tokens
    }

    // MARK: Tokens

    private mutating func token(startingWith c: UInt8) throws(DiagnosticError) -> Token {
        let start = position
        switch c {
        case UInt8(ascii: "!"):
            return try link()
        case UInt8(ascii: "."):
            guard let next = byte(at: start + 1), Self.isIdentifierStart(next) else {
                throw unexpected(at: start)
            }
            position += 1
            let pad = identifier()
            return Token(kind: .padReference(pad), span: span(from: start))
        case UInt8(ascii: "("):
            throw DiagnosticError(
                "bins \"( ... )\" are not supported", SourceSpan(start: start, length: 1),
                help: "write the elements of the bin directly in the description")
        case UInt8(ascii: ":"):
            throw DiagnosticError(
                "the link-all operator \":\" is not supported", SourceSpan(start: start, length: 1),
                help: "link the pads one by one with \"!\"")
        case UInt8(ascii: "@"):
            throw DiagnosticError(
                "presets (\"@preset=...\") are not supported", spanOfWord(at: start),
                help: "set the properties one by one")
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            let quoted = try quotedText(at: start)
            throw DiagnosticError(
                "unexpected quoted text", SourceSpan(start: start, length: quoted.end + 1 - start),
                help: "quotes may enclose a property value (name=\"...\") or a caps filter (! \"...\" !)")
        case UInt8(ascii: "#"):
            throw DiagnosticError(
                "unexpected character \"#\"", SourceSpan(start: start, length: 1),
                help: "launch descriptions have no comments")
        case UInt8(ascii: "/"):
            throw DiagnosticError(
                "unexpected character \"/\"", spanOfWord(at: start),
                help: "a file path goes in a property, e.g. \"filesrc location=/path/to/file\"")
        default:
            guard Self.isIdentifierStart(c) else { throw unexpected(at: start) }
            return try word()
        }
    }

    /// An identifier and what follows it: a reference, an assignment, or an element.
    private mutating func word() throws(DiagnosticError) -> Token {
        let start = position
        if let uriEnd = uriSchemeEnd(at: start) {
            throw DiagnosticError(
                "URIs are not supported (\"\(text(start, uriEnd))...\")", spanOfWord(at: start),
                help: "use an element with a location property, e.g. \"filesrc location=...\"")
        }
        let name = identifier()
        let nameSpan = span(from: start)
        if peek == UInt8(ascii: ".") {
            return try reference(name: name, start: start)
        }
        let afterName = position
        skipSpace()
        if peek == UInt8(ascii: "=") {
            position += 1
            return try assignment(name: name, nameSpan: nameSpan)
        }
        position = afterName
        if peek == UInt8(ascii: "/"), let next = byte(at: position + 1), Self.isMimeChar(next),
            name.utf8.allSatisfy(Self.isMimeChar)
        {
            throw DiagnosticError(
                "caps filter \"\(text(start, wordEnd(from: start)))\" has nothing before it", spanOfWord(at: start),
                help: "a caps filter goes between two elements: \"a ! video/x-raw ! b\"")
        }
        return Token(kind: .element(name), span: nameSpan)
    }

    /// `name.` or `name.pad`, after `name` was read and `position` is at the dot.
    private mutating func reference(name: String, start: Int) throws(DiagnosticError) -> Token {
        position += 1  // the dot
        var pad: String?
        var padSpan: SourceSpan?
        if let c = peek, Self.isIdentifierStart(c) {
            let padStart = position
            pad = identifier()
            padSpan = span(from: padStart)
        }
        let end = position
        skipSpace()
        if pad == nil, peek == UInt8(ascii: "(") {
            throw DiagnosticError(
                "bins \"\(name).( ... )\" are not supported", SourceSpan(start: start, length: position + 1 - start),
                help: "write the elements of the bin directly in the description")
        }
        if peek == UInt8(ascii: ",") {
            throw DiagnosticError(
                "pad lists (\"\(text(start, end)),...\") are not supported", SourceSpan(start: position, length: 1),
                help: "link each pad in its own chain: \"\(name).pad1 ! ...  \(name).pad2 ! ...\"")
        }
        position = end
        return Token(kind: .reference(Token.Reference(name: name, pad: pad, padSpan: padSpan)), span: span(from: start))
    }

    /// The value of `name=`, with `position` just past the `=`.
    private mutating func assignment(name: String, nameSpan: SourceSpan) throws(DiagnosticError) -> Token {
        skipSpace()
        let valueStart = position
        guard let first = peek, first != UInt8(ascii: "!") else {
            throw DiagnosticError(
                "expected a value for property \"\(name)\" after \"=\"", SourceSpan(start: valueStart, length: 0),
                help: "write a value, or quote an empty one: \(name)=\"\"")
        }
        let value: MappedText
        let isQuoted = first == UInt8(ascii: "\"") || first == UInt8(ascii: "'")
        if isQuoted {
            value = try quotedText(at: valueStart)
            position = value.end + 1
            if let next = peek, !Self.isSpace(next), next != UInt8(ascii: "!") {
                throw DiagnosticError(
                    "unexpected text after the quoted value of \"\(name)\"", spanOfWord(at: position),
                    help: "put a space after the closing quote")
            }
        } else {
            value = unquotedValue()
        }
        let valueSpan = span(from: valueStart)
        let assignment = Token.Assignment(
            name: name, nameSpan: nameSpan, value: value, rawValue: text(valueStart, position), valueSpan: valueSpan,
            isQuoted: isQuoted)
        return Token(kind: .assignment(assignment), span: span(from: nameSpan.start))
    }

    /// `!` or `! caps !`.
    private mutating func link() throws(DiagnosticError) -> Token {
        let bang = position
        position += 1
        let afterBang = position
        skipSpace()
        let capsStart = position
        guard let c = peek else {
            position = afterBang
            return Token(kind: .link(caps: nil), span: span(from: bang))
        }
        var caps: MappedText
        let capsEnd: Int
        if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
            caps = try quotedText(at: capsStart)
            capsEnd = caps.end + 1
            position = capsEnd
            skipSpace()
        } else if isMimeTypeAhead() {
            caps = try unquotedCaps()
            capsEnd = caps.end
        } else {
            position = afterBang
            return Token(kind: .link(caps: nil), span: span(from: bang))
        }
        let capsSpan = SourceSpan(start: capsStart, length: Swift.max(capsEnd - capsStart, 1))
        guard let next = peek else {
            let shown = Diagnostic.quoted("a ! \(caps.text) ! b")
            throw DiagnosticError(
                "caps filter \(Diagnostic.quoted(caps.text)) has nothing after it", capsSpan,
                help: "a caps filter goes between two elements: \(shown)")
        }
        guard next == UInt8(ascii: "!") else {
            throw DiagnosticError(
                "expected \"!\" after the caps filter", spanOfWord(at: position),
                help: "a caps filter goes between two elements: \"a ! video/x-raw ! b\"")
        }
        position += 1
        caps.trimTrailingWhitespace()
        return Token(kind: .link(caps: caps), span: span(from: bang))
    }

    // MARK: Pieces

    /// Caps text from `position` (a media type) up to the next `!` outside quotes, or the end.
    /// Backslash escapes outside quotes are removed; inside quotes they are kept for the caps parser.
    private mutating func unquotedCaps() throws(DiagnosticError) -> MappedText {
        var caps = MappedText(start: position)
        var openQuote: Int?
        while let c = peek {
            if openQuote == nil, c == UInt8(ascii: "!") { break }
            if c == UInt8(ascii: "\\"), let escaped = byte(at: position + 1) {
                if openQuote != nil { caps.append(c, from: position) }
                caps.append(escaped, from: position + 1)
                position += 2
                continue
            }
            if c == UInt8(ascii: "\"") { openQuote = openQuote == nil ? position : nil }
            caps.append(c, from: position)
            position += 1
        }
        if let openQuote {
            throw DiagnosticError(
                "unterminated quoted string in caps filter", SourceSpan(start: openQuote, length: 1),
                help: "close the string with '\"'")
        }
        caps.trimTrailingWhitespace()
        return caps
    }

    /// A quoted string starting at `start` (a `"` or `'`): the content without quotes and escapes, whose `end`
    /// is the closing quote.
    private func quotedText(at start: Int) throws(DiagnosticError) -> MappedText {
        let quote = bytes[start]
        var text = MappedText(start: start + 1)
        var index = start + 1
        while index < bytes.count {
            let c = bytes[index]
            if c == UInt8(ascii: "\\"), index + 1 < bytes.count {
                text.append(bytes[index + 1], from: index + 1)
                index += 2
            } else if c == quote {
                text.close(at: index)
                return text
            } else {
                text.append(c, from: index)
                index += 1
            }
        }
        let mark = Character(Unicode.Scalar(quote))
        throw DiagnosticError(
            "unterminated quoted string", SourceSpan(start: start, length: 1),
            help: "close the string with '\(mark)'")
    }

    /// A run of non-space characters with backslash escapes removed (`\ ` is a space, `\\` a backslash).
    private mutating func unquotedValue() -> MappedText {
        var value = MappedText(start: position)
        while let c = peek, !Self.isSpace(c) {
            if c == UInt8(ascii: "\\") {
                if let escaped = byte(at: position + 1) { value.append(escaped, from: position + 1) }
                position += 2
            } else {
                value.append(c, from: position)
                position += 1
            }
        }
        position = Swift.min(position, bytes.count)
        value.close(at: position)
        return value
    }

    /// Reads `[A-Za-z0-9_][A-Za-z0-9_%:-]*` from `position`.
    private mutating func identifier() -> String {
        let start = position
        while let c = peek, Self.isIdentifierChar(c) { position += 1 }
        return text(start, position)
    }

    /// Whether a media type (`video/x-raw`) starts at `position`.
    private func isMimeTypeAhead() -> Bool {
        var index = position
        while let c = byte(at: index), Self.isMimeChar(c) { index += 1 }
        guard index > position, byte(at: index) == UInt8(ascii: "/"), let after = byte(at: index + 1) else {
            return false
        }
        return Self.isMimeChar(after)
    }

    /// If a URI scheme and `://` start at `start`, the index of the `:`.
    private func uriSchemeEnd(at start: Int) -> Int? {
        guard let first = byte(at: start), Self.isLetter(first) else { return nil }
        var index = start + 1
        while let c = byte(at: index),
            Self.isLetter(c) || Self.isDigit(c) || c == UInt8(ascii: "+") || c == UInt8(ascii: "-")
                || c == UInt8(ascii: ".")
        {
            index += 1
        }
        guard byte(at: index) == UInt8(ascii: ":"), byte(at: index + 1) == UInt8(ascii: "/"),
            byte(at: index + 2) == UInt8(ascii: "/")
        else { return nil }
        return index + 3
    }

    // MARK: Helpers

    private var peek: UInt8? { byte(at: position) }

    private func byte(at index: Int) -> UInt8? {
        index >= 0 && index < bytes.count ? bytes[index] : nil
    }

    private mutating func skipSpace() {
        while let c = peek, Self.isSpace(c) { position += 1 }
    }

    private func span(from start: Int) -> SourceSpan {
        SourceSpan(start: start, length: position - start)
    }

    private func text(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[Swift.max(start, 0)..<Swift.min(Swift.max(end, start), bytes.count)], as: UTF8.self)
    }

    /// The end of the run of non-space characters starting at `start` (stopping at `!` too).
    private func wordEnd(from start: Int) -> Int {
        var index = start
        while let c = byte(at: index), !Self.isSpace(c), index == start || c != UInt8(ascii: "!") {
            index += SourceLocation.scalarLength(bytes, at: index)
        }
        return Swift.max(index, Swift.min(start + 1, bytes.count))
    }

    private func spanOfWord(at start: Int) -> SourceSpan {
        SourceSpan(start: start, length: wordEnd(from: start) - start)
    }

    /// A diagnostic for a character that starts no token.
    private func unexpected(at index: Int) -> DiagnosticError {
        let length = SourceLocation.scalarLength(bytes, at: index)
        let character = text(index, index + length)
        let shown =
            character.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F }
            ? "\"\(character)\"" : character.unicodeScalars.map { "U+\(Self.hex($0.value))" }.joined(separator: " ")
        return DiagnosticError("unexpected character \(shown)", SourceSpan(start: index, length: length))
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: Swift.max(0, 4 - digits.count)) + digits
    }

    /// C `isspace`: space, tab, line feed, vertical tab, form feed, carriage return.
    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || (c >= 0x09 && c <= 0x0D) }

    static func isLetter(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    static func isIdentifierStart(_ c: UInt8) -> Bool { isLetter(c) || isDigit(c) || c == UInt8(ascii: "_") }

    static func isIdentifierChar(_ c: UInt8) -> Bool {
        isIdentifierStart(c) || c == UInt8(ascii: "-") || c == UInt8(ascii: "%") || c == UInt8(ascii: ":")
    }

    static func isMimeChar(_ c: UInt8) -> Bool { isLetter(c) || isDigit(c) || c == UInt8(ascii: "-") }
}
