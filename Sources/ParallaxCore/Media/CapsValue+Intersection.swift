extension CapsValue {
    /// The values allowed by both `self` and `other`, or nil when they have nothing in common.
    ///
    /// Follows `gst_value_intersect`: equal fixed values intersect to themselves; a fixed value intersects a
    /// range of its own type when it lies inside (for int ranges also on the step grid); ranges intersect to
    /// their overlap (a single value collapses to a fixed value, int steps combine to their least common
    /// multiple); a list intersects element by element, keeping the list's order (`self`'s order for two
    /// lists) and dropping duplicates, and collapses to a single value when only one remains. Different types
    /// never intersect: `.int(1)` and `.double(1)` have nothing in common.
    ///
    /// ```swift
    /// CapsValue.intRange(16...4096, step: 1).intersection(.list([.int(8), .int(320), .int(640)]))
    /// // .list([.int(320), .int(640)])
    /// ```
    public func intersection(_ other: CapsValue) -> CapsValue? {
        if case .list(let items) = self { return Self.intersect(items, with: other) }
        if case .list(let items) = other { return Self.intersect(items, with: self) }
        switch (self, other) {
        case (.int(let a), .int(let b)): return a == b ? self : nil
        case (.double(let a), .double(let b)): return a == b ? self : nil
        case (.string(let a), .string(let b)): return a == b ? self : nil
        case (.bool(let a), .bool(let b)): return a == b ? self : nil
        case (.fraction(let a), .fraction(let b)): return a == b ? self : nil
        case (.int(let value), .intRange(let range, let step)), (.intRange(let range, let step), .int(let value)):
            return Self.contains(value, range, step: step) ? .int(value) : nil
        case (.double(let value), .doubleRange(let range)), (.doubleRange(let range), .double(let value)):
            return range.contains(value) ? .double(value) : nil
        case (.fraction(let value), .fractionRange(let range)), (.fractionRange(let range), .fraction(let value)):
            return range.contains(value) ? .fraction(value) : nil
        case (.intRange(let a, let stepA), .intRange(let b, let stepB)):
            return Self.intersect(a, step: stepA, b, step: stepB)
        case (.doubleRange(let a), .doubleRange(let b)):
            let lower = Swift.max(a.lowerBound, b.lowerBound), upper = Swift.min(a.upperBound, b.upperBound)
            if lower == upper { return .double(lower) }
            return lower < upper ? .doubleRange(lower...upper) : nil
        case (.fractionRange(let a), .fractionRange(let b)):
            let lower = Swift.max(a.lowerBound, b.lowerBound), upper = Swift.min(a.upperBound, b.upperBound)
            if lower == upper { return .fraction(lower) }
            return lower < upper ? .fractionRange(lower...upper) : nil
        default:
            return nil
        }
    }

    /// Whether `self` and `other` have at least one value in common.
    ///
    /// ```swift
    /// CapsValue.intRange(1...10, step: 1).canIntersect(.int(5))   // true
    /// ```
    public func canIntersect(_ other: CapsValue) -> Bool {
        intersection(other) != nil
    }

    /// Whether every value allowed by `self` is also allowed by `other`.
    ///
    /// Like `gst_value_is_subset`: a list is a subset when each of its elements is; a value is a subset of a
    /// list when it is a subset of one element of that list, or when intersecting leaves it unchanged.
    ///
    /// ```swift
    /// CapsValue.int(320).isSubset(of: .intRange(16...4096, step: 1))                 // true
    /// CapsValue.intRange(1...8, step: 1).isSubset(of: .intRange(2...8, step: 1))     // false
    /// ```
    public func isSubset(of other: CapsValue) -> Bool {
        if case .list(let items) = self { return items.allSatisfy { $0.isSubset(of: other) } }
        if case .list(let items) = other, items.contains(where: { isSubset(of: $0) }) { return true }
        guard let common = intersection(other) else { return false }
        return common.canonical == canonical
    }

    /// The value in a form where equal sets of values compare equal: single-value ranges become fixed values,
    /// int ranges end on their last reachable value, fractions are reduced.
    private var canonical: CapsValue {
        switch self {
        case .fraction(let value):
            return .fraction(value.numerator == Int.min || value.denominator == Int.min ? value : value.reduced)
        case .intRange(let range, let step):
            let step = Swift.max(step, 1)
            let offset = Self.modulo(Self.modulo(range.upperBound, step) - Self.modulo(range.lowerBound, step), step)
            let last = range.upperBound - offset
            return last == range.lowerBound ? .int(last) : .intRange(range.lowerBound...last, step: step)
        case .doubleRange(let range) where range.lowerBound == range.upperBound:
            return .double(range.lowerBound)
        case .fractionRange(let range) where range.lowerBound == range.upperBound:
            return .fraction(range.lowerBound).canonical
        case .list(let items):
            return .list(items.map(\.canonical))
        default:
            return self
        }
    }

    /// Intersects each element of `items` with `other`, flattening nested results and dropping duplicates.
    private static func intersect(_ items: [CapsValue], with other: CapsValue) -> CapsValue? {
        var result: [CapsValue] = []
        func add(_ value: CapsValue) {
            if case .list(let nested) = value {
                nested.forEach(add)
            } else if !result.contains(value) {
                result.append(value)
            }
        }
        for item in items {
            if let common = item.intersection(other) { add(common) }
        }
        switch result.count {
        case 0: return nil
        case 1: return result[0]
        default: return .list(result)
        }
    }

    /// Whether `value` is in `range` and on its step grid (`lowerBound + k * step`).
    static func contains(_ value: Int, _ range: ClosedRange<Int>, step: Int) -> Bool {
        range.contains(value) && (step <= 1 || modulo(value, step) == modulo(range.lowerBound, step))
    }

    /// `value` modulo `divisor` in `0..<divisor` (divisor > 0).
    static func modulo(_ value: Int, _ divisor: Int) -> Int {
        let remainder = value % divisor
        return remainder < 0 ? remainder + divisor : remainder
    }

    private static func gcd(_ a: Int, _ b: Int) -> Int {
        b == 0 ? a : gcd(b, a % b)
    }

    /// The common values of two stepped int ranges: the overlap, on the grid where both steps meet
    /// (solved with the Chinese remainder theorem so ranges with different anchors work too).
    private static func intersect(
        _ a: ClosedRange<Int>, step stepA: Int, _ b: ClosedRange<Int>, step stepB: Int
    ) -> CapsValue? {
        let lower = Swift.max(a.lowerBound, b.lowerBound), upper = Swift.min(a.upperBound, b.upperBound)
        guard lower <= upper else { return nil }
        let s1 = Swift.max(stepA, 1), s2 = Swift.max(stepB, 1)
        // Values are x ≡ r1 (mod s1) and x ≡ r2 (mod s2).
        let r1 = modulo(a.lowerBound, s1), r2 = modulo(b.lowerBound, s2)
        let g = gcd(s1, s2)
        guard (r2 - r1) % g == 0 else { return nil }
        // A combined step beyond Int.max (only possible with steps above ~3e9) is treated as no intersection.
        let (step, overflow) = (s1 / g).multipliedReportingOverflow(by: s2)
        guard !overflow else { return nil }
        // x = r1 + s1 * k with (s1 / g) * k ≡ (r2 - r1) / g (mod s2 / g).
        let m = s2 / g
        var anchor = r1
        if m > 1 {
            let k = mulMod(modulo((r2 - r1) / g, m), inverse(modulo(s1 / g, m), m), m)
            anchor = r1 + s1 * k  // < s1 * m = step, no overflow
        }
        let first = lower.addingReportingOverflow(modulo(modulo(anchor, step) - modulo(lower, step), step))
        guard !first.overflow, first.partialValue <= upper else { return nil }
        let last = upper - modulo(modulo(upper, step) - modulo(anchor, step), step)
        if first.partialValue == last { return .int(last) }
        return .intRange(first.partialValue...last, step: step)
    }

    /// `a * b mod m` without overflow (0 ≤ a, b < m).
    private static func mulMod(_ a: Int, _ b: Int, _ m: Int) -> Int {
        let product = UInt(a).multipliedFullWidth(by: UInt(b))
        return Int(UInt(m).dividingFullWidth(product).remainder)
    }

    /// The inverse of `a` modulo `m` (gcd(a, m) == 1, m > 1).
    private static func inverse(_ a: Int, _ m: Int) -> Int {
        var (oldR, r) = (a, m)
        var (oldS, s) = (1, 0)
        while r != 0 {
            let q = oldR / r
            (oldR, r) = (r, oldR - q * r)
            (oldS, s) = (s, oldS - q * s)
        }
        return modulo(oldS, m)
    }
}
