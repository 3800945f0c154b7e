/// A property's value, typed: what the launch parser produces and elements receive.
public enum PropertyValue: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A boolean.
    case bool(Bool)
    /// A signed integer (GStreamer's int and int64).
    case int(Int64)
    /// An unsigned integer (GStreamer's uint and uint64).
    case uint(UInt64)
    /// A floating-point number (float and double).
    case double(Double)
    /// A string; nil is GStreamer's NULL (`location` before it is set).
    case string(String?)
    /// An enumeration value, by its nick (`ball`, `downstream`).
    case enumeration(String)
    /// A fraction.
    case fraction(Fraction)
    /// Caps.
    case caps(Caps)

    /// The value as gst-inspect prints a default (`true`, `-1`, `"ball"`, `null`, `30/1`).
    public var description: String {
        switch self {
        case .bool(let v): v ? "true" : "false"
        case .int(let v): String(v)
        case .uint(let v): String(v)
        case .double(let v): v.description
        case .string(let v): v.map { "\"\($0)\"" } ?? "null"
        case .enumeration(let nick): nick
        case .fraction(let v): v.description
        case .caps(let v): v.description
        }
    }
}
