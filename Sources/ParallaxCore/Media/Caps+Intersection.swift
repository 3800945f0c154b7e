extension Caps {
    /// The formats allowed by both `self` and `other` (`gst_caps_intersect`).
    ///
    /// ANY ∩ X is X; EMPTY ∩ X is EMPTY. Otherwise every structure of `self` is intersected with every
    /// structure of `other` and the non-empty results are kept in that order: `self`'s preference first, then
    /// `other`'s (GStreamer's `GST_CAPS_INTERSECT_FIRST` order; plain `gst_caps_intersect` uses a zig-zag
    /// order instead). A result that is a subset of one already kept is dropped, as `gst_caps_merge` does.
    ///
    /// ```swift
    /// let src = try Caps(parsing: "video/x-raw, format={ NV12, I420 }, width=[ 16, 4096 ]")
    /// let sink = try Caps(parsing: "video/x-raw, format=I420, width=640")
    /// src.intersection(sink).description   // "video/x-raw, format=(string)I420, width=(int)640"
    /// ```
    public func intersection(_ other: Caps) -> Caps {
        if isEmpty || other.isEmpty { return .empty }
        if isAny { return other }
        if other.isAny { return self }
        var result = Caps([])
        for mine in structures {
            for theirs in other.structures {
                if let common = mine.intersection(theirs) { result.merge(common) }
            }
        }
        return result
    }

    /// Whether `self` and `other` share at least one format (`gst_caps_can_intersect`).
    ///
    /// ```swift
    /// try Caps(parsing: "audio/x-raw").canIntersect(Caps(parsing: "video/x-raw"))   // false
    /// Caps.any.canIntersect(try Caps(parsing: "video/x-raw"))                       // true
    /// ```
    public func canIntersect(_ other: Caps) -> Bool {
        if isEmpty || other.isEmpty { return false }
        if isAny || other.isAny { return true }
        return structures.contains { mine in other.structures.contains { mine.canIntersect($0) } }
    }

    /// Whether every format of `self` is also allowed by `other` (`gst_caps_is_subset`): what an element
    /// checks to accept caps.
    ///
    /// EMPTY is a subset of everything and everything is a subset of ANY; ANY is a subset only of ANY.
    /// Otherwise each structure of `self` must be a subset of a single structure of `other`.
    ///
    /// ```swift
    /// let fixed = try Caps(parsing: "video/x-raw, format=I420, width=320")
    /// fixed.isSubset(of: try Caps(parsing: "video/x-raw, format={ I420, NV12 }"))   // true
    /// ```
    public func isSubset(of other: Caps) -> Bool {
        if isEmpty || other.isAny { return true }
        if isAny || other.isEmpty { return false }
        return structures.allSatisfy { mine in other.structures.contains { mine.isSubset(of: $0) } }
    }

    /// The formats allowed by either `self` or `other` (`gst_caps_merge`).
    ///
    /// ANY absorbs everything. Otherwise `other`'s structures are appended after `self`'s, skipping any that
    /// is a subset of a structure already present.
    ///
    /// ```swift
    /// try Caps(parsing: "video/x-raw").union(Caps(parsing: "audio/x-raw")).description
    /// // "video/x-raw; audio/x-raw"
    /// ```
    public func union(_ other: Caps) -> Caps {
        if isAny || other.isAny { return .any }
        var result = self
        for structure in other.structures { result.merge(structure) }
        return result
    }

    /// Appends `structure` unless it is a subset of a structure already present (`gst_caps_merge_structure`);
    /// a structure with ANY features is only swallowed by another ANY one.
    private mutating func merge(_ structure: CapsStructure) {
        if structures.contains(where: { structure.isSubset(of: $0) }) { return }
        structures.append(structure)
    }
}
