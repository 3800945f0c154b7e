import ParallaxCore

/// Decides where each element of a run executes, and supplies stand-ins for elements placed outside the
/// pipeline's process (an element host's proxy). The pipeline consults it once per run, after negotiation
/// and before any element is configured.
///
/// `ParallaxSandbox`'s execution modes implement it; without one, every element runs in-process.
public protocol ElementPlacement: Sendable {
    /// The elements to run for `negotiated.graph`, in node order: `elements[i]` itself for a node that
    /// stays in-process, or a stand-in of the same kind (source, transform, sink). The stand-ins receive
    /// `setCaps`, `start` and `stop` like any element. Throws naming the node that cannot be placed.
    func place(_ negotiated: NegotiatedGraph, elements: [any Element], bus: Bus) throws(PipelineError)
        -> [any Element]

    /// One line per node saying where it runs and what it is allowed, for `-v` and `--inspect`.
    func describe(_ graph: Graph, elements: [any Element]) -> [String]
}
