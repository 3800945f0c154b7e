extension CapsStructure {
    /// The int in field `field`, or nil when the field is missing, not fixed, or not an int.
    ///
    /// A one-element list or single-value range counts as fixed.
    /// ```swift
    /// try Caps(parsing: "video/x-raw, width=320").structures[0].int("width")   // 320
    /// ```
    public func int(_ field: String) -> Int? {
        guard case .int(let value)? = self[field]?.fixedValue else { return nil }
        return value
    }

    /// The double in field `field`, or nil when the field is missing, not fixed, or not a double.
    ///
    /// ```swift
    /// try Caps(parsing: "x/y, gain=1.5").structures[0].double("gain")   // 1.5
    /// ```
    public func double(_ field: String) -> Double? {
        guard case .double(let value)? = self[field]?.fixedValue else { return nil }
        return value
    }

    /// The string in field `field`, or nil when the field is missing, not fixed, or not a string.
    ///
    /// ```swift
    /// try Caps(parsing: "video/x-raw, format=I420").structures[0].string("format")   // "I420"
    /// ```
    public func string(_ field: String) -> String? {
        guard case .string(let value)? = self[field]?.fixedValue else { return nil }
        return value
    }

    /// The fraction in field `field`, or nil when the field is missing, not fixed, or not a fraction.
    ///
    /// ```swift
    /// try Caps(parsing: "video/x-raw, framerate=30000/1001").structures[0].fraction("framerate")   // 30000/1001
    /// ```
    public func fraction(_ field: String) -> Fraction? {
        guard case .fraction(let value)? = self[field]?.fixedValue else { return nil }
        return value
    }

    /// The boolean in field `field`, or nil when the field is missing, not fixed, or not a boolean.
    ///
    /// ```swift
    /// try Caps(parsing: "x/y, live=true").structures[0].bool("live")   // true
    /// ```
    public func bool(_ field: String) -> Bool? {
        guard case .bool(let value)? = self[field]?.fixedValue else { return nil }
        return value
    }
}
