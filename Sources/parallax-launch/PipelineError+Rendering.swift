import Parallax

extension PipelineError {
    /// The error as `parallax-launch` prints it to standard error, ending with a newline.
    ///
    /// Description errors (`invalidGraph`, `negotiation`) are rendered like launch-string errors, with the
    /// description quoted and a caret under the part at fault:
    /// ```
    /// error: cannot link videotestsrc0 to fakesink0: no common format
    ///  --> 1:1
    ///   ...
    /// ```
    /// Element errors follow gst-launch:
    /// ```
    /// ERROR: from element /pipeline0/filesrc0: Could not open file "/nonexistent" for reading.
    /// Additional debug info:
    /// open: No such file or directory
    /// ```
    func rendered(in description: String) -> String {
        switch self {
        case .invalidGraph(let message, let span):
            return Self.diagnostic(message: message, span: span, notes: [], help: nil, in: description)
        case .negotiation(let error):
            return Self.diagnostic(
                message: error.message, span: error.span, notes: error.notes, help: error.help, in: description)
        case .element(let name, let error):
            var text = "ERROR: from element /pipeline0/\(name): \(error.message)\n"
            if let debug = error.debug { text += "Additional debug info:\n\(debug)\n" }
            return text
        case .resources(let message), .state(let message):
            return "ERROR: \(message)\n"
        }
    }

    /// The exit status this error ends `parallax-launch` with.
    var exitStatus: Int32 { isDescriptionError ? ExitStatus.descriptionError : ExitStatus.runtimeError }

    private static func diagnostic(
        message: String, span: SourceSpan?, notes: [String], help: String?, in description: String
    ) -> String {
        if let span {
            return Diagnostic(message: message, span: span, notes: notes, help: help).render(in: description) + "\n"
        }
        var lines = ["error: \(message)"]
        lines += notes.map { "  = note: \($0)" }
        if let help { lines.append("  = help: \(help)") }
        return lines.joined(separator: "\n") + "\n"
    }
}
