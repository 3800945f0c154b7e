import ParallaxCore

/// One problem in a launch description: a message, the span it is about, notes and an optional fix.
///
/// Rendered like a compiler error, with the offending line and a caret under the span:
/// ```
/// error: no element "videotestsrcc"
///  --> 1:1
///   |
/// 1 | videotestsrcc ! fakesink
///   | ^^^^^^^^^^^^^
///   = help: did you mean "videotestsrc"?
/// ```
/// `span` is in UTF-8 bytes of the description (like every `SourceSpan`); `render(in:)` turns it into a
/// 1-based line and a 1-based column counted in characters. A pure value; use it on any thread.
public struct Diagnostic: Sendable, Hashable {
    /// What is wrong, in one line (`no element "videotestsrcc"`).
    public var message: String
    /// The bytes of the description the problem is about; a zero-length span points between characters
    /// (one past the last character for "end of input").
    public var span: SourceSpan
    /// Extra facts, each rendered as a `= note:` line (`fakesrc has properties: ...`).
    public var notes: [String]
    /// A suggested fix, rendered last as a `= help:` line (`did you mean "videotestsrc"?`).
    public var help: String?

    /// Creates a diagnostic.
    ///
    /// Example: `Diagnostic(message: "empty pipeline description", span: SourceSpan(start: 0, length: 0))`.
    public init(message: String, span: SourceSpan, notes: [String] = [], help: String? = nil) {
        self.message = message
        self.span = span
        self.notes = notes
        self.help = help
    }

    /// The diagnostic as text, quoting the line of `source` that the span starts on.
    ///
    /// Carets cover the whole span (at least one), clipped to the end of that line; tabs in the quoted line
    /// are kept in the caret line so the carets stay aligned. Lines end with `\n` except the last one.
    /// ```swift
    /// let d = Diagnostic(message: "no element \"x\"", span: SourceSpan(start: 0, length: 1))
    /// print(d.render(in: "x ! fakesink"))
    /// ```
    public func render(in source: String) -> String {
        let location = SourceLocation(of: span, in: source)
        let lineNumber = String(location.line)
        let margin = String(repeating: " ", count: lineNumber.count)
        var lines = ["error: \(message)"]
        lines.append("\(margin)--> \(location.line):\(location.column)")
        lines.append("\(margin) |")
        lines.append(location.lineText.isEmpty ? "\(lineNumber) |" : "\(lineNumber) | \(location.lineText)")
        lines.append("\(margin) | \(location.caretPadding)\(String(repeating: "^", count: location.caretCount))")
        for note in notes { lines.append("\(margin) = note: \(note)") }
        if let help { lines.append("\(margin) = help: \(help)") }
        return lines.joined(separator: "\n")
    }
}
