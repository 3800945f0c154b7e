/// A rational number, as GStreamer uses for frame rates and pixel aspect ratios (`30/1`, `30000/1001`).
///
/// Values are kept as written; `==` compares by value (`60/2 == 30/1`), and `reduced` gives lowest terms.
/// Example: `Fraction(30000, 1001).doubleValue` ≈ 29.97. Pure value type, usable on any thread.
public struct Fraction: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The numerator.
    public var numerator: Int
    /// The denominator; never zero for a valid fraction.
    public var denominator: Int

    /// Creates `numerator/denominator`.
    public init(_ numerator: Int, _ denominator: Int = 1) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// The fraction in lowest terms with a positive denominator.
    public var reduced: Fraction {
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? Swift.abs(a) : gcd(b, a % b) }
        let g = Swift.max(gcd(numerator, denominator), 1)
        let sign = denominator < 0 ? -1 : 1
        return Fraction(sign * numerator / g, sign * denominator / g)
    }

    /// The value as a `Double`.
    public var doubleValue: Double { Double(numerator) / Double(denominator) }

    /// `numerator/denominator`, as GStreamer prints it.
    public var description: String { "\(numerator)/\(denominator)" }

    public static func == (a: Fraction, b: Fraction) -> Bool {
        a.numerator.multipliedFullWidth(by: b.denominator) == b.numerator.multipliedFullWidth(by: a.denominator)
    }

    public func hash(into hasher: inout Hasher) {
        let r = reduced
        hasher.combine(r.numerator)
        hasher.combine(r.denominator)
    }

    public static func < (a: Fraction, b: Fraction) -> Bool {
        let (x, y) = (a.reduced, b.reduced)
        let lhs = x.numerator.multipliedFullWidth(by: y.denominator)
        let rhs = y.numerator.multipliedFullWidth(by: x.denominator)
        return lhs.high < rhs.high || (lhs.high == rhs.high && lhs.low < rhs.low)
    }
}
