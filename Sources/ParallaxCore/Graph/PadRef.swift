/// A pad of a node: the node's id and the pad's name (`src`, `sink`, `src_0`).
public struct PadRef: Sendable, Hashable, Codable {
    /// The node id.
    public var node: Int
    /// The pad name.
    public var pad: String

    /// Creates a pad reference.
    public init(node: Int, pad: String) {
        self.node = node
        self.pad = pad
    }
}
