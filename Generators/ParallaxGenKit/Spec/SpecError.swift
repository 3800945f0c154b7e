/// A problem with an element spec or with where it would be written, naming the field at fault.
///
/// ```swift
/// SpecError(field: "input", "unknown media type \"video/x-foo\"").description
/// // input: unknown media type "video/x-foo"
/// ```
/// The description is what `parallax-gen` prints; tests compare it as exact text. Plain data.
public struct SpecError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The field of the spec (`name`, `input`, `properties[0].default`, `--package`), or nil for the spec as a whole.
    public var field: String?
    /// What is wrong, in one sentence.
    public var message: String

    /// An error about `field`.
    public init(field: String?, _ message: String) {
        self.field = field
        self.message = message
    }

    /// `field: message`, or the message alone.
    public var description: String { field.map { "\($0): \(message)" } ?? message }
}
