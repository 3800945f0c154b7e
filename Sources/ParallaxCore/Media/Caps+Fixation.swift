extension Caps {
    /// One concrete format chosen from these caps (`gst_caps_fixate`).
    ///
    /// Keeps the first (most preferred) structure only and fixes every field: ranges take their lower bound,
    /// lists their first element. ANY and EMPTY caps cannot be fixed and are returned unchanged.
    ///
    /// ```swift
    /// try Caps(parsing: "video/x-raw, format={ NV12, I420 }, width=[ 16, 4096 ]; video/x-bayer")
    ///     .fixated().description   // "video/x-raw, format=(string)NV12, width=(int)16"
    /// ```
    public func fixated() -> Caps {
        guard !isAny, let first = structures.first else { return self }
        return Caps([first.fixated()])
    }

    /// Truncates to the first structure and fixes its field `name` to the int nearest `target`; see
    /// `CapsStructure.fixateField(_:nearestInt:)`.
    ///
    /// ```swift
    /// var caps = try Caps(parsing: "video/x-raw, width=[ 16, 4096 ]")
    /// caps.fixateField("width", nearestInt: 1920)   // width=(int)1920
    /// ```
    /// - Returns: whether the field was changed.
    @discardableResult
    public mutating func fixateField(_ name: String, nearestInt target: Int) -> Bool {
        truncateForFixation { $0.fixateField(name, nearestInt: target) }
    }

    /// Truncates to the first structure and fixes its field `name` to the double nearest `target`; see
    /// `CapsStructure.fixateField(_:nearestDouble:)`.
    ///
    /// ```swift
    /// var caps = try Caps(parsing: "x/y, gain=[ 0.0, 2.0 ]")
    /// caps.fixateField("gain", nearestDouble: 1.5)   // gain=(double)1.5
    /// ```
    /// - Returns: whether the field was changed.
    @discardableResult
    public mutating func fixateField(_ name: String, nearestDouble target: Double) -> Bool {
        truncateForFixation { $0.fixateField(name, nearestDouble: target) }
    }

    /// Truncates to the first structure and fixes its field `name` to the fraction nearest `target`; see
    /// `CapsStructure.fixateField(_:nearestFraction:)`.
    ///
    /// ```swift
    /// var caps = try Caps(parsing: "video/x-raw, framerate=[ 0/1, 60/1 ]")
    /// caps.fixateField("framerate", nearestFraction: Fraction(30, 1))   // framerate=(fraction)30/1
    /// ```
    /// - Returns: whether the field was changed.
    @discardableResult
    public mutating func fixateField(_ name: String, nearestFraction target: Fraction) -> Bool {
        truncateForFixation { $0.fixateField(name, nearestFraction: target) }
    }

    /// Truncates to the first structure and fixes its string-list field `name` to `target` (or the first string);
    /// see `CapsStructure.fixateField(_:toString:)`.
    ///
    /// ```swift
    /// var caps = try Caps(parsing: "video/x-raw, format={ NV12, I420 }")
    /// caps.fixateField("format", toString: "I420")   // format=(string)I420
    /// ```
    /// - Returns: whether the field was changed.
    @discardableResult
    public mutating func fixateField(_ name: String, toString target: String) -> Bool {
        truncateForFixation { $0.fixateField(name, toString: target) }
    }

    /// Truncates to the first structure and fixes its boolean-list field `name` to `target` (or the first
    /// boolean); see `CapsStructure.fixateField(_:toBool:)`.
    ///
    /// ```swift
    /// var caps = try Caps(parsing: "x/y, live={ false, true }")
    /// caps.fixateField("live", toBool: true)   // live=(boolean)true
    /// ```
    /// - Returns: whether the field was changed.
    @discardableResult
    public mutating func fixateField(_ name: String, toBool target: Bool) -> Bool {
        truncateForFixation { $0.fixateField(name, toBool: target) }
    }

    /// Keeps only the first structure (like `gst_caps_truncate`) and applies `change` to it; ANY and EMPTY
    /// caps are left alone.
    private mutating func truncateForFixation(_ change: (inout CapsStructure) -> Bool) -> Bool {
        guard !isAny, !structures.isEmpty else { return false }
        structures.removeSubrange(1...)
        return change(&structures[0])
    }
}
