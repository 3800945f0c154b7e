import ParallaxCore

/// Names every element: the value of its `name=`, or `factory` + a per-factory counter from 0 (GStreamer's
/// `fakesink0`, `fakesink1`; `queue2-0` when the factory ends in a digit), skipping names that are taken.
///
/// Reports empty names, a name given twice to one element, and a name given to two elements.
struct NameValidator: LaunchValidator {
    func validate(_ syntax: LaunchSyntax, _ analysis: inout LaunchAnalysis) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var explicit: [String?] = Array(repeating: nil, count: syntax.elements.count)
        for (index, element) in syntax.elements.enumerated() {
            for assignment in element.assignments where assignment.name == "name" {
                let name = assignment.value.text
                if name.isEmpty {
                    problems.append(
                        Diagnostic(
                            message: "element name cannot be empty", span: assignment.valueSpan,
                            help: "leave out name= to get an automatic name"))
                } else if let earlier = explicit[index] {
                    let names = "\(Diagnostic.quoted(earlier)), then \(Diagnostic.quoted(name))"
                    problems.append(
                        Diagnostic(
                            message: "element is named twice (\(names))", span: assignment.valueSpan,
                            help: "keep one name= for each element"))
                } else {
                    explicit[index] = name
                    analysis.nameSpans[index] = assignment.valueSpan
                }
            }
        }

        var owner: [String: Int] = [:]
        for (index, name) in explicit.enumerated() {
            guard let name, let span = analysis.nameSpans[index] else { continue }
            if let first = owner[name], let firstSpan = analysis.nameSpans[first] {
                let position = SourceLocation.position(of: firstSpan, in: syntax.source)
                let quoted = Diagnostic.quoted(name)
                problems.append(
                    Diagnostic(
                        message: "duplicate element name \(quoted)", span: span,
                        notes: ["\(quoted) is first given to \(syntax.elements[first].factory) at \(position)"],
                        help: "element names must be unique; rename one of them"))
            } else {
                owner[name] = index
            }
        }

        var taken = Set(explicit.compactMap { $0 })
        var counters: [String: Int] = [:]
        for (index, element) in syntax.elements.enumerated() {
            if let name = explicit[index] {
                analysis.names[index] = name
                continue
            }
            var name: String
            repeat {
                let number = counters[element.factory, default: 0]
                counters[element.factory] = number + 1
                name = Self.automaticName(factory: element.factory, number: number)
            } while taken.contains(name)
            taken.insert(name)
            analysis.names[index] = name
        }
        return problems
    }

    /// GStreamer's default object name: `fakesink0`, or `queue2-0` when the factory ends in a digit.
    static func automaticName(factory: String, number: Int) -> String {
        if let last = factory.utf8.last, LaunchLexer.isDigit(last) { return "\(factory)-\(number)" }
        return "\(factory)\(number)"
    }
}
