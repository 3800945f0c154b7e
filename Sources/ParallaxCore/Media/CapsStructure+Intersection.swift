extension CapsStructure {
    /// The structure allowing only what both `self` and `other` allow, or nil when they cannot agree.
    ///
    /// Like `gst_structure_intersect`, plus the caps-features check `gst_caps_intersect` does: names must be
    /// equal and features must match (same set, ignoring order; `memory:SystemMemory` equals no features;
    /// `ANY` matches any features and the result takes the other side's). Fields present in both are
    /// intersected (any empty intersection means no result); a field present in only one side is kept as is.
    /// Result fields are `self`'s in order, then those only `other` has.
    ///
    /// ```swift
    /// let a = CapsStructure("video/x-raw", [("width", .intRange(16...4096, step: 1))])
    /// let b = CapsStructure("video/x-raw", [("width", .int(320)), ("height", .int(240))])
    /// a.intersection(b)?.description   // "video/x-raw, width=(int)320, height=(int)240"
    /// ```
    public func intersection(_ other: CapsStructure) -> CapsStructure? {
        guard name == other.name, Self.featuresMatch(features, other.features) else { return nil }
        var result = CapsStructure(name, features: features == ["ANY"] ? other.features : features)
        var merged: [(String, CapsValue)] = []
        for (fieldName, value) in fields {
            if let otherValue = other[fieldName] {
                guard let common = value.intersection(otherValue) else { return nil }
                merged.append((fieldName, common))
            } else {
                merged.append((fieldName, value))
            }
        }
        for (fieldName, value) in other.fields where self[fieldName] == nil {
            merged.append((fieldName, value))
        }
        result.fields = merged.map { (name: $0.0, value: $0.1) }
        return result
    }

    /// Whether `self` and `other` have at least one format in common (same name, matching features, every
    /// shared field intersects).
    ///
    /// ```swift
    /// CapsStructure("audio/x-raw").canIntersect(CapsStructure("video/x-raw"))   // false
    /// ```
    public func canIntersect(_ other: CapsStructure) -> Bool {
        guard name == other.name, Self.featuresMatch(features, other.features) else { return false }
        for (fieldName, value) in fields {
            if let otherValue = other[fieldName], !value.canIntersect(otherValue) { return false }
        }
        return true
    }

    /// Whether every format `self` describes is also described by `other` (`gst_structure_is_subset` plus the
    /// features check of `gst_caps_is_subset`).
    ///
    /// Names must be equal and features match (an `ANY` feature set is only a subset of `ANY`); every field of
    /// `other` must be present in `self` with a value that is a subset of `other`'s. Fields only `self` has
    /// make it narrower, so they are fine.
    ///
    /// ```swift
    /// let fixed = CapsStructure("video/x-raw", [("width", .int(320)), ("height", .int(240))])
    /// fixed.isSubset(of: CapsStructure("video/x-raw", [("width", .intRange(16...4096, step: 1))]))  // true
    /// ```
    public func isSubset(of other: CapsStructure) -> Bool {
        guard name == other.name, features != ["ANY"] || other.features == ["ANY"],
              Self.featuresMatch(features, other.features)
        else { return false }
        for (fieldName, superValue) in other.fields {
            guard let value = self[fieldName], value.isSubset(of: superValue) else { return false }
        }
        return true
    }

    /// `gst_caps_features_is_equal`: ANY matches everything; otherwise equal as sets, where
    /// `memory:SystemMemory` alone is the same as no features.
    static func featuresMatch(_ a: [String], _ b: [String]) -> Bool {
        if a == ["ANY"] || b == ["ANY"] { return true }
        func normalized(_ features: [String]) -> Set<String> {
            features == ["memory:SystemMemory"] ? [] : Set(features)
        }
        return normalized(a) == normalized(b)
    }
}
