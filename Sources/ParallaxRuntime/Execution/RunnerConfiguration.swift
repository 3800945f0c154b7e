import ParallaxCore

/// What a renegotiation may change in a runner: its output pool and caps, and where the runner stands in
/// the changes published for its source's tree.
///
/// ```
/// caps events seen:   1 (the stream's initial caps)   2                 3
/// change taken:       –                               published[0]      published[1]
/// ```
/// Every change enters at the source, which sends exactly one caps event for it after the stream's first,
/// and events keep their order through queues and fan-outs; so the k-th caps event after the first announces
/// the k-th change of the source. Value owned by one streaming thread (kept in a `StreamingState`).
struct RunnerConfiguration {
    /// The node the runner runs.
    let node: Int
    /// The source at the top of the node's tree, where its changes enter.
    let source: Int
    /// The pool output buffers come from (nil: the runner lends none).
    var pool: BufferPool?
    /// The caps of the runner's output (nil for sinks).
    var caps: Caps?
    /// Changes of the source taken so far.
    private(set) var taken = 0
    /// `Renegotiator.publishedCount` when the source last looked (sources only).
    var seenTotal = 0
    private var capsEvents = 0

    init(node: Int, source: Int, pool: BufferPool?, caps: Caps?) {
        self.node = node
        self.source = source
        self.pool = pool
        self.caps = caps
    }

    /// For a caps event arriving downstream of the source: the change it announces (nil for the first).
    mutating func capsEvent(from renegotiator: Renegotiator) -> Renegotiator.Reconfiguration? {
        capsEvents += 1
        guard capsEvents > 1, let next = renegotiator.reconfiguration(source: source, index: taken) else {
            return nil
        }
        taken += 1
        return next
    }

    /// For the source: the next published change it has not applied yet, without taking it.
    func pending(from renegotiator: Renegotiator) -> Renegotiator.Reconfiguration? {
        renegotiator.reconfiguration(source: source, index: taken)
    }

    /// Marks the pending change as applied by the source.
    mutating func take() { taken += 1 }

    /// Takes this node's part of `change`: the new property values and, where its caps change, `setCaps`
    /// on `element` and the new output caps; then the new output pool, if the change made one.
    mutating func configure<E: Element>(_ element: inout E, for change: Renegotiator.Reconfiguration)
        throws(ElementError)
    {
        if let settings = change.plan.properties[node] { try element.apply(settings) }
        if let caps = change.plan.reconfigured[node] {
            try element.setCaps(input: caps.input, output: caps.output)
            self.caps = caps.output
        }
        if let pool = change.pools[node] { self.pool = pool }
    }
}
