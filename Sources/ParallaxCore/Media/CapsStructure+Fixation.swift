extension CapsStructure {
    /// The structure with every field fixed to one value (`gst_structure_fixate`): ranges take their lower
    /// bound, lists their first element.
    ///
    /// ```swift
    /// CapsStructure("video/x-raw", [("width", .intRange(16...4096, step: 1))]).fixated().description
    /// // "video/x-raw, width=(int)16"
    /// ```
    public func fixated() -> CapsStructure {
        var copy = self
        copy.fields = fields.map { (name: $0.name, value: $0.value.fixated()) }
        return copy
    }

    /// Fixes field `name` to the int nearest `target` (`gst_structure_fixate_field_nearest_int`).
    ///
    /// An int range becomes `target` clamped into the range and rounded to the nearest value on its step grid;
    /// a list becomes its int element closest to `target` (the first one on a tie; other elements are
    /// ignored). A field that is missing, already fixed, or of another type is left alone.
    ///
    /// ```swift
    /// var s = CapsStructure("video/x-raw", [("width", .intRange(16...4096, step: 1))])
    /// s.fixateField("width", nearestInt: 10000)   // width is now .int(4096)
    /// ```
    /// - Returns: whether the field was changed.
    @discardableResult
    public mutating func fixateField(_ name: String, nearestInt target: Int) -> Bool {
        switch self[name] {
        case .intRange(let range, let step):
            var value = Swift.min(Swift.max(target, range.lowerBound), range.upperBound)
            if step > 1 {
                let remainder = CapsValue.modulo(
                    CapsValue.modulo(value, step) - CapsValue.modulo(range.lowerBound, step), step)
                value -= remainder  // still >= lowerBound, which is on the grid
                let up = value.addingReportingOverflow(step)
                if remainder > step / 2, !up.overflow, up.partialValue <= range.upperBound { value = up.partialValue }
            }
            self[name] = .int(value)
            return true
        case .list(let items):
            return pick(name, from: items) { item, best in
                guard case .int(let value) = item else { return false }
                guard case .int(let bestValue)? = best else { return true }
                return Self.distance(value, target) < Self.distance(bestValue, target)
            }
        default:
            return false
        }
    }

    /// Fixes field `name` to the double nearest `target` (`gst_structure_fixate_field_nearest_double`).
    ///
    /// A double range becomes `target` clamped into it; a list becomes its double element closest to `target`.
    ///
    /// ```swift
    /// var s = CapsStructure("audio/x-foo", [("gain", .doubleRange(0...1))])
    /// s.fixateField("gain", nearestDouble: 0.25)   // gain is now .double(0.25)
    /// ```
    /// - Returns: whether the field was changed.
    @discardableResult
    public mutating func fixateField(_ name: String, nearestDouble target: Double) -> Bool {
        switch self[name] {
        case .doubleRange(let range):
            self[name] = .double(Swift.min(Swift.max(target, range.lowerBound), range.upperBound))
            return true
        case .list(let items):
            return pick(name, from: items) { item, best in
                guard case .double(let value) = item else { return false }
                guard case .double(let bestValue)? = best else { return true }
                return Swift.abs(target - value) < Swift.abs(target - bestValue)
            }
        default:
            return false
        }
    }

    /// Fixes field `name` to the fraction nearest `target` (`gst_structure_fixate_field_nearest_fraction`).
    ///
    /// A fraction range becomes `target` clamped into it; a list becomes its fraction element closest to
    /// `target`. A target with a zero denominator changes nothing.
    ///
    /// ```swift
    /// var s = CapsStructure("video/x-raw", [("framerate", .fractionRange(Fraction(0, 1)...Fraction(60, 1)))])
    /// s.fixateField("framerate", nearestFraction: Fraction(30, 1))   // framerate is now .fraction(30/1)
    /// ```
    /// - Returns: whether the field was changed.
    @discardableResult
    public mutating func fixateField(_ name: String, nearestFraction target: Fraction) -> Bool {
        guard target.denominator != 0 else { return false }
        switch self[name] {
        case .fractionRange(let range):
            self[name] = .fraction(Swift.min(Swift.max(target, range.lowerBound), range.upperBound))
            return true
        case .list(let items):
            return pick(name, from: items) { item, best in
                guard case .fraction(let value) = item else { return false }
                guard case .fraction(let bestValue)? = best else { return true }
                return Swift.abs(target.doubleValue - value.doubleValue)
                    < Swift.abs(target.doubleValue - bestValue.doubleValue)
            }
        default:
            return false
        }
    }

    /// Fixes a string-list field `name` to `target` when the list holds it, else to the list's first string
    /// (`gst_structure_fixate_field_string`).
    ///
    /// ```swift
    /// var s = CapsStructure("video/x-raw", [("format", .list([.string("NV12"), .string("I420")]))])
    /// s.fixateField("format", toString: "I420")   // format is now .string("I420")
    /// ```
    /// - Returns: whether the field was changed.
    @discardableResult
    public mutating func fixateField(_ name: String, toString target: String) -> Bool {
        guard case .list(let items)? = self[name] else { return false }
        return pick(name, from: items) { item, best in
            guard case .string(let value) = item else { return false }
            return best == nil || value == target
        }
    }

    /// Fixes a boolean-list field `name` to `target` when the list holds it, else to the list's first boolean
    /// (`gst_structure_fixate_field_boolean`).
    ///
    /// ```swift
    /// var s = CapsStructure("x/y", [("interlaced", .list([.bool(false), .bool(true)]))])
    /// s.fixateField("interlaced", toBool: true)   // interlaced is now .bool(true)
    /// ```
    /// - Returns: whether the field was changed.
    @discardableResult
    public mutating func fixateField(_ name: String, toBool target: Bool) -> Bool {
        guard case .list(let items)? = self[name] else { return false }
        return pick(name, from: items) { item, best in
            guard case .bool(let value) = item else { return false }
            return best == nil || value == target
        }
    }

    /// Sets field `name` to the element of `items` that `isBetter(candidate, bestSoFar)` prefers, scanning in
    /// order; leaves the field alone when no element qualifies.
    private mutating func pick(
        _ name: String, from items: [CapsValue], isBetter: (CapsValue, CapsValue?) -> Bool
    ) -> Bool {
        var best: CapsValue?
        for item in items where isBetter(item, best) { best = item }
        guard let best else { return false }
        self[name] = best
        return true
    }

    /// |a - b| without overflow.
    private static func distance(_ a: Int, _ b: Int) -> UInt {
        a >= b ? UInt(bitPattern: a &- b) : UInt(bitPattern: b &- a)
    }
}
