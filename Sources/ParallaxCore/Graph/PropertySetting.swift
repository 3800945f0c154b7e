/// A property set on a node: the name, the typed value and the text it was written as.
public struct PropertySetting: Sendable, Hashable, Codable {
    /// The property name.
    public var name: String
    /// The typed value.
    public var value: PropertyValue
    /// The text as written in the description (for `--graph-json` and diagnostics).
    public var text: String
    /// Where it was written, if it came from a launch string.
    public var span: SourceSpan?

    /// Creates a setting.
    public init(name: String, value: PropertyValue, text: String, span: SourceSpan? = nil) {
        self.name = name
        self.value = value
        self.text = text
        self.span = span
    }
}
