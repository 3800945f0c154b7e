/// What one renegotiation changes in a running graph: the new fixed caps of the links, the elements to
/// configure again, and the property settings that travel with the change.
///
/// ```
/// source ─► capsfilter ─► videoscale ─► appsink       change: capsfilter caps width=160
///   link 0 (unchanged)  link 1 (320→160)  link 2 (unchanged)
///   reconfigured: capsfilter, videoscale      properties: capsfilter caps=…
/// ```
/// A change enters the stream at one source (`source`): every element of that source's tree takes its part
/// of the plan when the in-band caps event of the change reaches it. Pure value.
public struct RenegotiationPlan: Sendable, Hashable {
    /// The caps on both sides of one element after the change (`input` nil for sources, `output` nil for sinks).
    public struct NodeCaps: Sendable, Hashable {
        /// The caps entering the element.
        public var input: Caps?
        /// The caps leaving the element.
        public var output: Caps?

        /// Creates the caps of one element.
        public init(input: Caps?, output: Caps?) {
            self.input = input
            self.output = output
        }
    }

    /// The source where the change enters the stream (the root of the tree it travels through).
    public var source: Int
    /// The nodes of the source's tree, upstream first.
    public var tree: [Int]
    /// The fixed caps of every link after the change, in `Graph.links` order.
    public var linkCaps: [Caps]
    /// The links whose caps change, in link order.
    public var changedLinks: [Int]
    /// The new caps of every element whose caps change; `setCaps` is called again on exactly these.
    public var reconfigured: [Int: NodeCaps]
    /// Properties to set on running elements, by node, before they are configured.
    public var properties: [Int: [PropertySetting]]

    /// Creates a plan.
    public init(
        source: Int, tree: [Int], linkCaps: [Caps], changedLinks: [Int], reconfigured: [Int: NodeCaps],
        properties: [Int: [PropertySetting]]
    ) {
        self.source = source
        self.tree = tree
        self.linkCaps = linkCaps
        self.changedLinks = changedLinks
        self.reconfigured = reconfigured
        self.properties = properties
    }

    /// Whether the plan changes nothing (no caps and no property): nothing needs to travel.
    public var isEmpty: Bool { changedLinks.isEmpty && properties.isEmpty }
}
