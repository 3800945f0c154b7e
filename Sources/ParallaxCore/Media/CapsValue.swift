/// One field value inside a caps structure: a fixed value, a list of alternatives, or a range.
///
/// Mirrors GStreamer's GValue types used in caps: `(int)320`, `(string)I420`, `(fraction)30/1`,
/// `(boolean)true`, `(double)1.5`, `{ I420, NV12 }` lists and `[ 16, 4096 ]` ranges.
/// A value is *fixed* when it is a single concrete value (no list, no range).
public indirect enum CapsValue: Sendable, Hashable, Codable {
    /// A signed integer (`(int)`, also used for GStreamer's `(uint)`/`(int64)` fields).
    case int(Int)
    /// A floating-point number (`(double)`, also `(float)`).
    case double(Double)
    /// A string (`(string)I420`).
    case string(String)
    /// A boolean (`(boolean)true`).
    case bool(Bool)
    /// A fraction (`(fraction)30/1`).
    case fraction(Fraction)
    /// An inclusive integer range with an optional step (`[ 16, 4096 ]`, `[ 2, 8192, 2 ]`).
    case intRange(ClosedRange<Int>, step: Int)
    /// An inclusive floating-point range (`[ 0.0, 1.0 ]`).
    case doubleRange(ClosedRange<Double>)
    /// An inclusive fraction range (`[ 0/1, 2147483647/1 ]`).
    case fractionRange(ClosedRange<Fraction>)
    /// A list of alternatives in order of preference (`{ I420, NV12 }`).
    case list([CapsValue])

    /// Whether this is one concrete value (not a list or range).
    public var isFixed: Bool {
        switch self {
        case .int, .double, .string, .bool, .fraction: true
        case .intRange(let r, _): r.lowerBound == r.upperBound
        case .doubleRange(let r): r.lowerBound == r.upperBound
        case .fractionRange(let r): r.lowerBound == r.upperBound
        case .list(let items): items.count == 1 && items[0].isFixed
        }
    }
}
