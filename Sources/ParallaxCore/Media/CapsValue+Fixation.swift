extension CapsValue {
    /// One concrete value picked from `self` the way `gst_value_fixate` does.
    ///
    /// A range becomes its lower bound, a list its first element (fixated in turn), and a fixed value stays as
    /// it is. An empty list is returned unchanged.
    ///
    /// ```swift
    /// CapsValue.intRange(16...4096, step: 1).fixated()                 // .int(16)
    /// CapsValue.list([.string("NV12"), .string("I420")]).fixated()     // .string("NV12")
    /// ```
    public func fixated() -> CapsValue {
        switch self {
        case .intRange(let range, _): .int(range.lowerBound)
        case .doubleRange(let range): .double(range.lowerBound)
        case .fractionRange(let range): .fraction(range.lowerBound)
        case .list(let items): items.first?.fixated() ?? self
        case .int, .double, .string, .bool, .fraction: self
        }
    }

    /// The single concrete value `self` stands for, or nil when it allows several.
    ///
    /// Unwraps one-element lists and single-value ranges: `.list([.int(5)])` and `.intRange(5...5, step: 1)`
    /// both give `.int(5)`.
    var fixedValue: CapsValue? {
        guard isFixed else { return nil }
        switch self {
        case .list(let items): return items.first?.fixedValue
        case .intRange, .doubleRange, .fractionRange: return fixated()
        default: return self
        }
    }
}
