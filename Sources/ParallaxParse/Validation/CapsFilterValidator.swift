import ParallaxCore

/// Parses the caps filter of every link (`a ! video/x-raw,width=320 ! b`) with `Caps(parsing:)`.
///
/// A parse error points at the offending byte inside the description, quotes and escapes accounted for:
/// ```
/// error: malformed caps filter: unterminated list (missing '}')
///  --> 1:31
///   |
/// 1 | fakesrc ! video/x-raw,format={ I420, NV12 ! fakesink
///   |                              ^
/// ```
struct CapsFilterValidator: LaunchValidator {
    func validate(_ syntax: LaunchSyntax, _ analysis: inout LaunchAnalysis) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for (index, link) in syntax.links.enumerated() {
            guard let text = link.caps else { continue }
            do {
                analysis.caps[index] = try Caps(parsing: text.text)
            } catch {
                problems.append(
                    Diagnostic(
                        message: "malformed caps filter: \(error.message)",
                        span: text.span(offset: error.offset, length: error.length)))
            }
        }
        return problems
    }
}
