extension Caps: CustomStringConvertible {
    /// The caps as `gst_caps_to_string` prints them; `Caps(parsing:)` reads the text back to equal caps.
    ///
    /// `ANY`, `EMPTY`, or the structures joined by `; `.
    ///
    /// ```swift
    /// try Caps(parsing: "video/x-raw,format={I420,NV12},width=[16,4096]").description
    /// // "video/x-raw, format=(string){ I420, NV12 }, width=(int)[ 16, 4096 ]"
    /// ```
    public var description: String {
        if isAny { return "ANY" }
        if structures.isEmpty { return "EMPTY" }
        return structures.map(\.description).joined(separator: "; ")
    }
}
