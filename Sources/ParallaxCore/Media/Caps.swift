/// Run-time media capabilities: a set of structures, or ANY, or EMPTY — GStreamer's caps model.
///
/// ```swift
/// let caps = try Caps(parsing: "video/x-raw,format=(string)I420,width=[16,4096],framerate=30/1")
/// caps.description   // "video/x-raw, format=(string)I420, width=(int)[ 16, 4096 ], framerate=(fraction)30/1"
/// ```
/// Structures are alternatives in order of preference. Negotiation narrows caps by intersection and
/// fixes them with `fixated()`. Pure value type, usable on any thread.
public struct Caps: Sendable, Hashable, Codable {
    /// The alternatives, most preferred first. Meaningless when `isAny` is true.
    public var structures: [CapsStructure]
    /// Whether these are ANY caps (accept everything).
    public var isAny: Bool

    /// Caps holding the given structures.
    public init(_ structures: [CapsStructure]) {
        self.structures = structures
        self.isAny = false
    }

    /// Caps with one structure.
    public init(_ name: String, _ fields: [(String, CapsValue)] = [], features: [String] = []) {
        self.init([CapsStructure(name, fields, features: features)])
    }

    /// ANY caps.
    public static let any: Caps = {
        var caps = Caps([])
        caps.isAny = true
        return caps
    }()

    /// EMPTY caps (nothing is acceptable).
    public static let empty = Caps([])

    /// Whether nothing is acceptable.
    public var isEmpty: Bool { !isAny && structures.isEmpty }

    /// Whether these caps describe exactly one format: one structure, every field fixed.
    public var isFixed: Bool { !isAny && structures.count == 1 && structures[0].isFixed }
}
