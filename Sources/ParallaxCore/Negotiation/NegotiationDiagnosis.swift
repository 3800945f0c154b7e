/// Turns a negotiation failure into a compiler-style `NegotiationError`: the link, a span covering both
/// elements, each side's caps, the constraint that emptied the link, and a suggestion.
///
/// ```
/// error: could not link videotestsrc0 to fakesink0: no common format
///  --> 1:1
///   |
/// 1 | videotestsrc ! video/x-raw,format=NOPE ! fakesink
///   | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
///   = note: videotestsrc0 can produce: video/x-raw, format=(string){ BGRA, … }, …
///   = note: the caps filter on this link is: video/x-raw, format=(string)NOPE
///   = note: fakesink0 and what follows accept: ANY
///   = note: emptied by: the caps filter on this link
///   = note: no chain of up to 4 converters (videoconvert, videoscale) turns one into the other
///   = help: format=NOPE is not a format videotestsrc produces; it has BGRA, RGBA, …
/// ```
/// Pure; runs on the control thread.
struct NegotiationDiagnosis {
    let converters: ConverterRegistry

    /// No converter chain bridges the conflict.
    func noChain(_ model: NegotiationModel, _ conflict: NegotiationModel.Conflict) -> NegotiationError {
        var notes = Self.sides(model, conflict)
        if converters.isEmpty {
            notes.append("no converters are available to bridge the two sides")
        } else {
            let names = converters.entries.map(\.factory).joined(separator: ", ")
            notes.append(
                "no chain of up to \(ConverterSearch.maximumLength) converters (\(names)) turns one into the other")
        }
        return NegotiationError(
            message: Self.message(model, conflict.link), span: Self.span(model, conflict.link), notes: notes,
            help: Self.hint(model, conflict))
    }

    /// Strict mode met a conflict that `chain` would bridge.
    func strict(_ model: NegotiationModel, _ conflict: NegotiationModel.Conflict, chain: ConverterSearch.Chain)
        -> NegotiationError
    {
        let link = model.graph.links[conflict.link]
        let names = chain.factories.joined(separator: " ! ")
        let place: String
        if link.caps == nil {
            place = "between \(model.name(link.from.node)) and \(model.name(link.to.node))"
        } else {
            place = chain.filterPosition == 0 ? "after the caps filter" : "before the caps filter"
        }
        return NegotiationError(
            message: Self.message(model, conflict.link), span: Self.span(model, conflict.link),
            notes: Self.sides(model, conflict),
            help: "insert \(names) \(place) (strict negotiation inserts no converters)")
    }

    /// The domains are empty but no single link is to blame (constraints that only meet through several paths).
    func unsolvable(_ model: NegotiationModel, domains: [Caps]) -> NegotiationError {
        let link = domains.firstIndex(where: \.isEmpty) ?? 0
        return NegotiationError(
            message: Self.message(model, link), span: Self.span(model, link),
            notes: ["the constraints of the whole graph leave no format for this link"])
    }

    /// Fixation found nothing that both the element and what follows accept.
    static func unfixable(_ model: NegotiationModel, link: Int, candidate: Caps) -> NegotiationError {
        let from = model.graph.links[link].from.node
        return NegotiationError(
            message: "could not fix a format on the link after \(model.name(from))", span: span(model, link),
            notes: ["\(model.name(from)) can produce: \(candidate)"],
            help: "add a caps filter after \(model.name(from)), e.g. `! video/x-raw,format=I420 !`")
    }

    /// A link no source feeds.
    static func unreachable(_ model: NegotiationModel, link: Int) -> NegotiationError {
        let from = model.graph.links[link].from.node
        return NegotiationError(
            message: "\(model.name(from)) is not connected to a source; its format cannot be decided",
            span: span(model, link))
    }

    static func message(_ model: NegotiationModel, _ link: Int) -> String {
        let l = model.graph.links[link]
        return "could not link \(model.name(l.from.node)) to \(model.name(l.to.node)): no common format"
    }

    /// From the start of the upstream element to the end of the downstream one (the link alone when the
    /// elements have no spans). An element written elsewhere (a tee's branch `t. ! queue`, with other
    /// elements between it and the link) is left out, so the carets stay on one piece of the description.
    static func span(_ model: NegotiationModel, _ link: Int) -> SourceSpan? {
        let l = model.graph.links[link]
        var upstream = model.graph.nodes[l.from.node].span
        if let from = upstream, let linkSpan = l.span,
            model.graph.nodes.contains(where: { ($0.span?.start ?? -1) >= from.end && ($0.span?.end ?? .max) <= linkSpan.start })
        {
            upstream = nil
        }
        let spans = [upstream, l.span, model.graph.nodes[l.to.node].span].compactMap { $0 }
        guard let start = spans.map(\.start).min(), let end = spans.map(\.end).max() else { return nil }
        return SourceSpan(start: start, length: end - start)
    }

    /// Each side's caps, the filter, and which constraint emptied the link.
    static func sides(_ model: NegotiationModel, _ conflict: NegotiationModel.Conflict) -> [String] {
        let l = model.graph.links[conflict.link]
        var notes = ["\(model.name(l.from.node)) can produce: \(conflict.upstream)"]
        if let filter = l.caps { notes.append("the caps filter on this link is: \(filter)") }
        notes.append("\(model.name(l.to.node)) and what follows accept: \(conflict.downstream)")
        notes.append("emptied by: " + emptiedBy(model, conflict))
        return notes
    }

    /// The constraint that leaves nothing of what upstream produces: this link's filter or process boundary,
    /// or one further downstream, reached through the elements named.
    static func emptiedBy(_ model: NegotiationModel, _ conflict: NegotiationModel.Conflict) -> String {
        var link = conflict.link
        if model.graph.links[link].caps.map({ $0.intersection(conflict.upstream).isEmpty }) ?? false {
            return "the caps filter on this link"
        }
        if model.crossesProcess(link), conflict.upstream.passableAcrossProcesses.isEmpty {
            return "the process boundary on this link (only memory passed by descriptor crosses it)"
        }
        let accepted = model.accepted()
        var caps = model.restrict(conflict.upstream, on: link)
        var path: [String] = []
        func through(_ what: String) -> String { path.isEmpty ? what : what + ", reached through " + path.joined(separator: ", ") }
        while true {
            let node = model.graph.links[link].to.node
            let arriving = caps.intersection(model.sinkTemplate(link))
            if arriving.isEmpty { return through("the sink pad of \(model.name(node)) (\(model.sinkTemplate(link)))") }
            let out = model.transfer(arriving, through: node, from: .sink)
            guard let next = model.outgoing[node].first(where: {
                model.restrict(out.intersection(model.srcTemplate($0)), on: $0).intersection(accepted[$0]).isEmpty
            }) else { return through("what follows \(model.name(node))") }
            path.append(model.name(node))
            let leaving = out.intersection(model.srcTemplate(next))
            if leaving.isEmpty { return through("the src pad of \(model.name(node)) (\(model.srcTemplate(next)))") }
            let target = model.name(model.graph.links[next].to.node)
            if let filter = model.graph.links[next].caps, filter.intersection(leaving).isEmpty {
                return through("the caps filter between \(model.name(node)) and \(target) (\(filter))")
            }
            caps = model.restrict(leaving, on: next)
            link = next
        }
    }

    /// A suggestion: the field value upstream cannot meet, and what it can do instead.
    static func hint(_ model: NegotiationModel, _ conflict: NegotiationModel.Conflict) -> String? {
        let l = model.graph.links[conflict.link]
        let producer = producerFactory(model, node: l.from.node)
        if let filter = l.caps, filter.intersection(conflict.upstream).isEmpty {
            return NegotiationHint.mismatch(offered: conflict.upstream, wanted: filter, producer: producer)
        }
        return NegotiationHint.mismatch(offered: model.restrict(conflict.upstream, on: conflict.link),
                                        wanted: conflict.downstream, producer: producer)
    }

    /// The factory whose template the upstream caps come from: the link's upstream element, or the first
    /// element above it that is not a pass-through of ANY caps (identity, queue, tee).
    static func producerFactory(_ model: NegotiationModel, node: Int) -> String {
        var current = node
        while let input = model.incoming[current],
            model.template(current, pad: model.graph.links[model.outgoing[current].first ?? input].from.pad).isAny
        {
            current = model.graph.links[input].from.node
        }
        return model.graph.nodes[current].factory
    }
}
