import ParallaxCore

/// Types every `prop=value` of a known element with `PropertyType.parse(_:)` and records the settings.
///
/// Property names may use `_` for `-` (`num_buffers`), as GObject allows; the setting carries the canonical
/// name. `PAD::NAME` sets a pad property (`sink_1::xpos=320`). `name=` is left to `NameValidator`. Reports unknown properties (with the element's property list
/// and the nearest name) and values that do not fit the type (with the caret inside caps values).
struct PropertyValidator: LaunchValidator {
    func validate(_ syntax: LaunchSyntax, _ analysis: inout LaunchAnalysis) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for (index, element) in syntax.elements.enumerated() {
            guard let info = analysis.infos[index] else { continue }
            for assignment in element.assignments where assignment.name != "name" {
                let name = Self.canonical(assignment.name)
                guard let property = info.property(named: name) else {
                    problems.append(unknown(assignment, canonical: name, info: info))
                    continue
                }
                let span = SourceSpan(
                    start: assignment.nameSpan.start, length: assignment.valueSpan.end - assignment.nameSpan.start)
                switch property.type.parse(assignment.value.text) {
                case .success(let value):
                    analysis.properties[index].append(
                        PropertySetting(name: name, value: value, text: assignment.rawValue, span: span))
                case .failure(let error):
                    problems.append(invalid(assignment, property: property, info: info, error: error))
                }
            }
        }
        return problems
    }

    /// `_` written for `-` in the property name; a pad property keeps its pad's name (`sink_1::alpha`).
    static func canonical(_ name: String) -> String {
        let property = name.split(separator: "::", omittingEmptySubsequences: false)
        let dashed = String(property.last.map { $0.map { $0 == "_" ? "-" : $0 } } ?? [])
        guard property.count == 2 else { return dashed }
        return "\(property[0])::\(dashed)"
    }

    private func unknown(_ assignment: Token.Assignment, canonical: String, info: ElementInfo) -> Diagnostic {
        if let separator = canonical.firstRange(of: "::") {
            return unknownPadProperty(
                assignment, pad: String(canonical[..<separator.lowerBound]),
                property: String(canonical[separator.upperBound...]), info: info)
        }
        let names = info.properties.map(\.name)
        let list =
            names.isEmpty
            ? "\(info.factory) has no properties"
            : "\(info.factory) has properties: "
                + names.joined(separator: ", ")
        return Diagnostic(
            message: "no property \"\(assignment.name)\" in element \"\(info.factory)\"", span: assignment.nameSpan,
            notes: [list], help: Suggestions.didYouMean(Suggestions.nearest(to: canonical, among: names, limit: 1)))
    }

    /// `PAD::NAME` that names no pad property: the pad is not a request pad of the element, or the property
    /// does not exist on its pads.
    private func unknownPadProperty(
        _ assignment: Token.Assignment, pad: String, property: String, info: ElementInfo
    ) -> Diagnostic {
        let requestPads = info.padTemplates.filter { $0.presence == .request }
        let message = "no property \"\(assignment.name)\" in element \"\(info.factory)\""
        guard requestPads.contains(where: { $0.matches(pad) }) else {
            let note =
                requestPads.isEmpty
                ? "\(info.factory) has no request pads, so no pad properties"
                : "\(info.factory)'s request pads are " + requestPads.map { "\"\($0.name)\"" }.joined(separator: ", ")
            return Diagnostic(message: message, span: assignment.nameSpan, notes: [note])
        }
        let names = info.padProperties.map(\.name)
        let note =
            names.isEmpty
            ? "\(info.factory)'s pads have no properties"
            : "\(info.factory)'s pads have properties: " + names.joined(separator: ", ")
        let nearest = Suggestions.nearest(to: property, among: names, limit: 1).map { "\(pad)::\($0)" }
        return Diagnostic(
            message: message, span: assignment.nameSpan, notes: [note], help: Suggestions.didYouMean(nearest))
    }

    private func invalid(
        _ assignment: Token.Assignment, property: PropertyInfo, info: ElementInfo, error: PropertyValueError
    ) -> Diagnostic {
        var span = assignment.valueSpan
        var help: String?
        switch property.type {
        case .caps:
            do {
                _ = try Caps(parsing: assignment.value.text)
            } catch {
                span = assignment.value.span(offset: error.offset, length: error.length)
            }
        case .enumeration(_, let cases):
            let nicks = cases.map(\.nick)
            help = Suggestions.didYouMean(Suggestions.nearest(to: assignment.value.text, among: nicks, limit: 1))
        default:
            break
        }
        if !assignment.isQuoted, assignment.value.text.contains("!") {
            help = "\"!\" written without a space before it is part of the value; put a space before \"!\" to link"
        }
        return Diagnostic(
            message: "invalid value \(Diagnostic.quoted(assignment.value.text)) for property \"\(property.name)\" of "
                + "\(info.factory): expected \(error.expected)",
            span: span, help: help)
    }
}
