/// The type of a property, with its allowed range: drives parsing, validation and `--inspect`.
public enum PropertyType: Sendable, Hashable {
    /// `true`/`false` (also `yes`/`no`, `1`/`0`, `t`/`f`).
    case bool
    /// A signed integer in the range (GStreamer's `Integer`/`Integer64`).
    case int(ClosedRange<Int64>)
    /// An unsigned integer in the range (`Unsigned Integer`/`Unsigned Integer64`).
    case uint(ClosedRange<UInt64>)
    /// A floating-point number in the range.
    case double(ClosedRange<Double>)
    /// Any string.
    case string
    /// One of the listed cases: GStreamer enum name, value, nick and description.
    case enumeration(typeName: String, cases: [EnumCase])
    /// A fraction in the range.
    case fraction(ClosedRange<Fraction>)
    /// Caps, written as a caps string.
    case caps

    /// One case of an enumeration property.
    public struct EnumCase: Sendable, Hashable {
        /// The integer value.
        public var value: Int
        /// The nick used in launch strings.
        public var nick: String
        /// A short description.
        public var blurb: String

        /// Creates a case.
        public init(value: Int, nick: String, blurb: String) {
            self.value = value
            self.nick = nick
            self.blurb = blurb
        }
    }

    /// How gst-inspect names the type (`Integer`, `Boolean`, `Enum "GstQueueLeaky"`).
    public var displayName: String {
        switch self {
        case .bool: "Boolean"
        case .int(let r): r.lowerBound < Int64(Int32.min) || r.upperBound > Int64(Int32.max) ? "Integer64" : "Integer"
        case .uint(let r): r.upperBound > UInt64(UInt32.max) ? "Unsigned Integer64" : "Unsigned Integer"
        case .double: "Double"
        case .string: "String"
        case .enumeration(let name, _): "Enum \"\(name)\""
        case .fraction: "Fraction"
        case .caps: "Caps"
        }
    }

    /// What a value must look like, for error messages: `an integer in -1...2147483647`.
    public var expectation: String {
        switch self {
        case .bool: "a boolean (true or false)"
        case .int(let r): "an integer in \(r.lowerBound)...\(r.upperBound)"
        case .uint(let r): "an unsigned integer in \(r.lowerBound)...\(r.upperBound)"
        case .double(let r): "a number in \(r.lowerBound)...\(r.upperBound)"
        case .string: "a string"
        case .enumeration(_, let cases): "one of " + cases.map(\.nick).joined(separator: ", ")
        case .fraction(let r): "a fraction in \(r.lowerBound)...\(r.upperBound)"
        case .caps: "caps (e.g. video/x-raw,format=I420)"
        }
    }
}
