import ParallaxCore

/// One check over a parsed description; the launch parser runs an ordered list of them.
///
/// A validator reads the syntax tree and what earlier validators recorded in the analysis, records what it
/// learns (an element's `ElementInfo`, typed property values, names, parsed caps, resolved pads), and
/// returns the problems it found, each with a span. It skips whatever an earlier problem made
/// meaningless (the properties of an unknown element, a link to an unresolved reference), so every
/// validator runs and the parser reports the earliest problem in the text.
///
/// ```swift
/// struct NoIdentity: LaunchValidator {
///     func validate(_ syntax: LaunchSyntax, _ analysis: inout LaunchAnalysis) -> [Diagnostic] {
///         syntax.elements.filter { $0.factory == "identity" }
///             .map { Diagnostic(message: "identity is not allowed here", span: $0.factorySpan) }
///     }
/// }
/// ```
protocol LaunchValidator: Sendable {
    /// Checks `syntax`, records results in `analysis`, and returns the problems found.
    func validate(_ syntax: LaunchSyntax, _ analysis: inout LaunchAnalysis) -> [Diagnostic]
}
