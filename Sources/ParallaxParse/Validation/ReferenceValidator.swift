import ParallaxCore

/// Resolves every reference (`t.`, `t.src_0`) to the element with that name, automatic names included,
/// wherever in the description that element is written.
///
/// Reports references to names no element has, with the nearest names.
struct ReferenceValidator: LaunchValidator {
    func validate(_ syntax: LaunchSyntax, _ analysis: inout LaunchAnalysis) -> [Diagnostic] {
        var byName: [String: Int] = [:]
        for (index, name) in analysis.names.enumerated() where byName[name] == nil {
            byName[name] = index
        }
        var problems: [Diagnostic] = []
        for (index, link) in syntax.links.enumerated() {
            for (isFrom, endpoint) in [(true, link.from), (false, link.to)] {
                guard case .reference(let name) = endpoint.target else { continue }
                if let element = byName[name] {
                    if isFrom { analysis.ends[index].from = element } else { analysis.ends[index].to = element }
                } else {
                    problems.append(dangling(name, endpoint: endpoint, names: analysis.names))
                }
            }
        }
        return problems
    }

    private func dangling(_ name: String, endpoint: LaunchSyntax.Endpoint, names: [String]) -> Diagnostic {
        let span = SourceSpan(start: endpoint.span.start, length: name.utf8.count + 1)
        let nearest = Suggestions.nearest(to: name, among: names)
        if let help = Suggestions.didYouMean(nearest) {
            return Diagnostic(message: "no element named \"\(name)\"", span: span, help: help)
        }
        let note =
            names.isEmpty
            ? "the description has no elements"
            : "the elements are named " + names.map(Diagnostic.quoted).joined(separator: ", ")
        return Diagnostic(
            message: "no element named \"\(name)\"", span: span, notes: [note],
            help: "give the element a name with name=\(name)")
    }
}
