import ParallaxCore

/// A diagnostic thrown inside the parser, before it is paired with its source as a `LaunchError`.
struct DiagnosticError: Error, Sendable, Hashable {
    /// The problem.
    var diagnostic: Diagnostic

    /// Wraps `diagnostic`.
    init(_ diagnostic: Diagnostic) {
        self.diagnostic = diagnostic
    }

    /// Builds the diagnostic in place.
    init(_ message: String, _ span: SourceSpan, notes: [String] = [], help: String? = nil) {
        self.diagnostic = Diagnostic(message: message, span: span, notes: notes, help: help)
    }
}
