/// The cheapest chain of converters that turns what upstream produces into what downstream accepts:
/// Dijkstra over caps, where each edge is one converter's transfer function and costs its
/// `Converter.conversionCost`.
///
/// ```
/// (I420 any size, filter not yet passed) ─videoconvert 3─► (every format, same size) ─filter 0─► (RGBA) ✓
/// ```
/// The link's caps filter is one more edge (cost 0) that every chain takes exactly once, so a converter may
/// sit before the filter (`videotestsrc ! videoconvert ! video/x-raw,format=NV12`) or after it
/// (`… ! video/x-raw,format=I420 ! videoconvert ! RGBA-only sink`). Ties go to the shorter chain, then to
/// factory names in order, so the answer is deterministic. Pure; runs on the control thread.
struct ConverterSearch {
    /// One converter the search may use: its registry entry and a fresh element for its transfer function.
    struct Candidate {
        let entry: ConverterRegistry.Entry
        let element: any Element
        let sinkTemplate: Caps
        let srcTemplate: Caps
    }

    /// A chain found by the search.
    struct Chain {
        /// The converters, upstream first.
        var steps: [ConverterRegistry.Entry]
        /// How many converters come before the caps filter (0 … factories.count).
        var filterPosition: Int
        /// The summed cost.
        var cost: Int

        /// The converters' factory names, upstream first.
        var factories: [String] { steps.map(\.factory) }
    }

    /// The longest chain considered.
    static let maximumLength = 4

    let candidates: [Candidate]

    init(_ registry: ConverterRegistry) {
        candidates = registry.entries.map { entry in
            let element = entry.element.type.init()
            let templates = entry.element.info.padTemplates
            return Candidate(
                entry: entry, element: element,
                sinkTemplate: templates.first { $0.direction == .sink }?.caps ?? .any,
                srcTemplate: templates.first { $0.direction == .src }?.caps ?? .any)
        }
    }

    /// The cheapest chain from `upstream` through `restrict` (the link's filter, applied exactly once) to
    /// something `downstream` accepts, or nil when none of at most `maximumLength` converters exists.
    func cheapestChain(from upstream: Caps, restrict: (Caps) -> Caps, to downstream: Caps) -> Chain? {
        struct State: Hashable {
            var caps: Caps
            var filtered: Bool
        }
        struct Path {
            var state: State
            var chain: Chain
            func precedes(_ other: Path) -> Bool {
                (chain.cost, chain.factories.count, chain.factories.joined(separator: " "), chain.filterPosition)
                    < (other.chain.cost, other.chain.factories.count, other.chain.factories.joined(separator: " "),
                       other.chain.filterPosition)
            }
        }
        var frontier = [Path(state: State(caps: upstream, filtered: false), chain: Chain(steps: [], filterPosition: 0, cost: 0))]
        var settled = Set<State>()
        while let best = frontier.indices.min(by: { frontier[$0].precedes(frontier[$1]) }) {
            let path = frontier.remove(at: best)
            guard settled.insert(path.state).inserted else { continue }
            let caps = path.state.caps
            if path.state.filtered, caps.canIntersect(downstream) { return path.chain }
            if !path.state.filtered {
                let passed = restrict(caps)
                if !passed.isEmpty {
                    var chain = path.chain
                    chain.filterPosition = chain.steps.count
                    frontier.append(Path(state: State(caps: passed, filtered: true), chain: chain))
                }
            }
            guard path.chain.steps.count < Self.maximumLength else { continue }
            for candidate in candidates {
                let input = caps.intersection(candidate.sinkTemplate)
                guard !input.isEmpty else { continue }
                let output = candidate.element.transformCaps(input, from: .sink).intersection(candidate.srcTemplate)
                guard !output.isEmpty else { continue }
                var chain = path.chain
                chain.steps.append(candidate.entry)
                chain.cost += candidate.entry.cost
                frontier.append(Path(state: State(caps: output, filtered: path.state.filtered), chain: chain))
            }
        }
        return nil
    }
}
