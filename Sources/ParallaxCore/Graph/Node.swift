/// One element in a `Graph`: its factory, unique name and the properties the description set.
public struct Node: Sendable, Hashable, Codable, Identifiable {
    /// The node's index in `Graph.nodes`.
    public var id: Int
    /// The factory name.
    public var factory: String
    /// The element name, unique in the graph (`name=` or an automatic `factory` + counter).
    public var name: String
    /// Properties set by the description, in order (`name` excluded).
    public var properties: [PropertySetting]
    /// Where the element was written, if it came from a launch string.
    public var span: SourceSpan?
    /// Where the node asks to run (a typed pipeline's `.isolated()` / `.group(_:)`), or nil for wherever the
    /// pipeline's execution mode puts it.
    public var isolation: IsolationRequest?
    /// The Swift type of the element (`VideoTestSource`, `Denoise<I420>`) when a typed pipeline made the node,
    /// so diagnostics can name it; nil for a launch string. `Graph.canonical` leaves it out.
    public var typeName: String?
    /// Set on converters that negotiation inserted (nil for nodes the description or the builder wrote).
    public var insertion: NodeInsertion?

    /// Whether negotiation inserted this node.
    public var isInserted: Bool { insertion != nil }

    /// Creates a node.
    public init(
        id: Int, factory: String, name: String, properties: [PropertySetting] = [], span: SourceSpan? = nil,
        isolation: IsolationRequest? = nil, typeName: String? = nil
    ) {
        self.id = id
        self.factory = factory
        self.name = name
        self.properties = properties
        self.span = span
        self.isolation = isolation
        self.typeName = typeName
    }
}
