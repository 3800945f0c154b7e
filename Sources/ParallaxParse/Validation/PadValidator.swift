import ParallaxCore

/// Chooses the src and sink pad of every link, in the order the links are written, with `PadAllocator`.
///
/// Reports links out of elements without src pads (sinks) or into elements without sink pads (sources),
/// pad names the element does not have or that point the wrong way, and pads linked twice.
struct PadValidator: LaunchValidator {
    func validate(_ syntax: LaunchSyntax, _ analysis: inout LaunchAnalysis) -> [Diagnostic] {
        var allocator = PadAllocator()
        var problems: [Diagnostic] = []
        for (index, link) in syntax.links.enumerated() {
            guard let from = analysis.ends[index].from, let to = analysis.ends[index].to,
                let fromInfo = analysis.infos[from], let toInfo = analysis.infos[to]
            else { continue }
            let source = allocator.allocate(node: from, info: fromInfo, direction: .src, requested: link.from.pad)
            let peer = (try? source.get()).flatMap { fromInfo.template(forPad: $0)?.caps }
            let sink = allocator.allocate(node: to, info: toInfo, direction: .sink, requested: link.to.pad, peer: peer)
            switch (source, sink) {
            case (.success(let fromPad), .success(let toPad)):
                allocator.commit(node: from, pad: fromPad, info: fromInfo, span: link.span)
                allocator.commit(node: to, pad: toPad, info: toInfo, span: link.span)
                analysis.pads[index] = (PadRef(node: from, pad: fromPad), PadRef(node: to, pad: toPad))
            case (.failure(let problem), _):
                problems.append(
                    diagnostic(
                        problem, end: link.from, direction: .src, info: fromInfo, name: analysis.names[from],
                        source: syntax.source))
            case (_, .failure(let problem)):
                problems.append(
                    diagnostic(
                        problem, end: link.to, direction: .sink, info: toInfo, name: analysis.names[to],
                        source: syntax.source))
            }
        }
        return problems
    }

    private func diagnostic(
        _ problem: PadAllocator.Problem, end: LaunchSyntax.Endpoint, direction: PadDirection, info: ElementInfo,
        name: String, source: String
    ) -> Diagnostic {
        let padSpan = end.padSpan ?? end.span
        let requested = end.pad ?? ""
        switch problem {
        case .noPads:
            if direction == .src {
                return Diagnostic(
                    message: "cannot link from \(Diagnostic.quoted(name)): \(info.factory) has no src pads",
                    span: end.span,
                    help: info.role == .sink ? "a sink can only end a chain" : nil)
            }
            return Diagnostic(
                message: "cannot link into \(Diagnostic.quoted(name)): \(info.factory) has no sink pads",
                span: end.span,
                help: info.role == .source ? "a source can only start a chain" : nil)
        case .noSuchPad:
            let pads = info.padTemplates.map { template in
                template.presence == .always ? template.name : "\(template.name) (\(template.presence.diagnosticName))"
            }
            let candidates = info.padTemplates.filter { $0.direction == direction }.map(\.name)
            return Diagnostic(
                message: "element \(Diagnostic.quoted(name)) has no pad \"\(requested)\"", span: padSpan,
                notes: ["\(info.factory) has pads: " + pads.joined(separator: ", ")],
                help: Suggestions.didYouMean(Suggestions.nearest(to: requested, among: candidates, limit: 1)))
        case .wrongDirection:
            let message =
                direction == .src
                ? "cannot link from sink pad \(Diagnostic.quoted("\(name).\(requested)"))"
                : "cannot link into src pad \(Diagnostic.quoted("\(name).\(requested)"))"
            return Diagnostic(
                message: message, span: padSpan,
                help: direction == .src
                    ? "data leaves an element through a src pad" : "data enters an element through a sink pad")
        case .alreadyLinked(let pad, let by):
            let quoted = Diagnostic.quoted("\(name).\(pad)")
            return Diagnostic(
                message: "pad \(quoted) is already linked", span: padSpan,
                notes: ["\(quoted) is first linked at \(SourceLocation.position(of: by, in: source))"],
                help: Self.requestHelp(info: info, direction: direction))
        }
    }

    /// How to get another pad: the next request pad, or a tee for a src pad that is already taken.
    private static func requestHelp(info: ElementInfo, direction: PadDirection) -> String? {
        guard let template = info.padTemplates.first(where: { $0.direction == direction && $0.presence == .request })
        else { return direction == .src ? "to feed several branches from one pad, link it to a tee" : nil }
        return "leave out the pad name to get the next \(template.name) pad"
    }
}

extension PadPresence {
    /// How diagnostics describe the presence: `always`, `sometimes`, `request`.
    fileprivate var diagnosticName: String {
        switch self {
        case .always: "always"
        case .sometimes: "sometimes"
        case .request: "request"
        }
    }
}
