/// Which way a pad points: data leaves through `src` pads and enters through `sink` pads.
public enum PadDirection: String, Sendable, Hashable, Codable {
    /// An output pad.
    case src = "SRC"
    /// An input pad.
    case sink = "SINK"
}

/// When a pad exists: always, sometimes (appears at run time), or on request (tee's `src_%u`).
public enum PadPresence: String, Sendable, Hashable, Codable {
    /// The pad always exists.
    case always = "Always"
    /// The pad appears at run time.
    case sometimes = "Sometimes"
    /// The pad is created when a link asks for it.
    case request = "On request"
}

/// A pad template: the name pattern, direction, presence and caps of pads an element can have.
///
/// Example: tee's `PadTemplate(name: "src_%u", direction: .src, presence: .request, caps: .any)`.
public struct PadTemplate: Sendable, Hashable, Codable {
    /// The name, or a pattern with `%u` for request pads.
    public var name: String
    /// The direction.
    public var direction: PadDirection
    /// When pads of this template exist.
    public var presence: PadPresence
    /// The caps pads of this template accept or produce.
    public var caps: Caps

    /// Creates a template.
    public init(name: String, direction: PadDirection, presence: PadPresence = .always, caps: Caps) {
        self.name = name
        self.direction = direction
        self.presence = presence
        self.caps = caps
    }

    /// Whether a pad called `padName` belongs to this template (`src_3` matches `src_%u`).
    public func matches(_ padName: String) -> Bool {
        guard name.hasSuffix("%u") else { return padName == name }
        let prefix = name.dropLast(2)
        guard padName.hasPrefix(prefix), padName.count > prefix.count else { return false }
        return padName.dropFirst(prefix.count).allSatisfy { $0 >= "0" && $0 <= "9" }
    }
}
