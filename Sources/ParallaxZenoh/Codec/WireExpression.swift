/// A key expression on the wire: a numeric scope declared earlier (0 for none) and a suffix.
///
/// ```
/// key_scope:z16, [suffix <u8;z16>]      N flag: a suffix follows; M flag: the scope is the sender's
/// ```
/// ```swift
/// let key = WireExpression(key: "factory/camera/1")   // scope 0: the suffix is the whole key
/// ```
/// Thread: a value.
public struct WireExpression: Sendable, Hashable {
    /// The declared expression this one extends, or 0.
    public var scope: UInt16
    /// The rest of the key (the whole key when `scope` is 0).
    public var suffix: String
    /// Whether `scope` is an id the sender declared (M flag) rather than the receiver.
    public var isSenderMapping: Bool

    /// An expression.
    public init(scope: UInt16 = 0, suffix: String, isSenderMapping: Bool = false) {
        self.scope = scope
        self.suffix = suffix
        self.isSenderMapping = isSenderMapping
    }

    /// A full key with no scope.
    public init(key: String) { self.init(scope: 0, suffix: key) }

    /// The N flag: whether a suffix is written.
    public var hasSuffix: Bool { !suffix.isEmpty }

    /// Reads one; `hasSuffix` and `isSenderMapping` come from the message's flags.
    public static func read(
        _ reader: inout ZenohReader, hasSuffix: Bool, isSenderMapping: Bool
    ) throws(ZenohProtocolError) -> WireExpression {
        let scope = UInt16(try reader.zint(max: UInt64(UInt16.max), "a key scope"))
        let suffix = hasSuffix ? try reader.string() : ""
        return WireExpression(scope: scope, suffix: suffix, isSenderMapping: isSenderMapping)
    }

    /// Writes the scope and, when there is one, the suffix (the caller sets the N and M flags).
    public func write(to writer: inout ZenohWriter) {
        writer.zint(UInt64(scope))
        if hasSuffix { writer.string(suffix) }
    }
}
