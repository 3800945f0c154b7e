extension CapsStructure: CustomStringConvertible {
    /// The structure as `gst_structure_to_string` / `gst_caps_to_string` print it.
    ///
    /// The name, then caps features in parentheses (omitted when there are none or only
    /// `memory:SystemMemory`), then `, name=(type)value` for every field in order.
    ///
    /// ```swift
    /// CapsStructure("video/x-raw", [("width", .int(320))], features: ["memory:DMABuf"]).description
    /// // "video/x-raw(memory:DMABuf), width=(int)320"
    /// ```
    public var description: String {
        var text = name
        if !features.isEmpty, features != ["memory:SystemMemory"] {
            text += "(" + features.joined(separator: ", ") + ")"
        }
        for field in fields {
            text += ", \(field.name)=\(field.value)"
        }
        return text
    }
}
