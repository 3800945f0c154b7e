/// Where negotiation inserted a converter node: between which two written elements.
///
/// ```
/// videotestsrc0 ─► videoconvert0 (inserted between videotestsrc0 and fakesink0) ─► fakesink0
/// ```
/// Pure value; `--dot`, `--graph-json` and `-v` print it.
public struct NodeInsertion: Sendable, Hashable, Codable {
    /// The name of the element upstream of the chain the node belongs to.
    public var upstream: String
    /// The name of the element downstream of that chain.
    public var downstream: String

    /// Creates the record.
    public init(upstream: String, downstream: String) {
        self.upstream = upstream
        self.downstream = downstream
    }
}
