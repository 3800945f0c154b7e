/// A property of each request pad of element type `E` — a compositor pad's `xpos`, an audiomixer pad's
/// `volume` — set in launch strings as `PAD::NAME=VALUE` (`sink_1::xpos=640`), as GStreamer's child proxy does.
///
/// ```swift
/// static let descriptor = ElementDescriptor<Self>(
///     factory: "compositor", …,
///     padProperties: [
///         PadProperty("xpos", type: .int(-2_147_483_648...2_147_483_647), "X position of the picture", default: .int(0),
///                     get: { $0.pad($1).xpos }, set: { $0.pads[$1, default: .init()].xpos = $2 }),
///     ])
/// ```
/// `ElementDescriptor.property(named: "sink_1::xpos")` answers an ordinary `Property` bound to that pad, so the
/// parser, the registry and element hosts need nothing special. Values reach `set` already validated.
public struct PadProperty<E: Element>: Sendable {
    /// The property's name on a pad (`xpos`).
    public let name: String
    /// The type and allowed range.
    public let type: PropertyType
    /// A one-line description shown by `--inspect`.
    public let blurb: String
    /// The value on a pad nothing was set for.
    public let defaultValue: PropertyValue
    /// Reads the value for the pad named by the second argument.
    public let get: @Sendable (E, String) -> PropertyValue
    /// Writes an already-validated value for the pad named by the second argument.
    public let set: @Sendable (inout E, String, PropertyValue) -> Void

    /// A pad property from explicit accessors.
    public init(
        _ name: String, type: PropertyType, _ blurb: String, default defaultValue: PropertyValue,
        get: @escaping @Sendable (E, String) -> PropertyValue,
        set: @escaping @Sendable (inout E, String, PropertyValue) -> Void
    ) {
        self.name = name
        self.type = type
        self.blurb = blurb
        self.defaultValue = defaultValue
        self.get = get
        self.set = set
    }

    /// This property as an ordinary property of the pad `pad`, named `pad::name`.
    public func bound(to pad: String) -> Property<E> {
        let get = self.get, set = self.set
        return Property("\(pad)::\(name)", type: type, blurb, get: { get($0, pad) }, set: { set(&$0, pad, $1) })
    }

    /// What `--inspect` lists for it.
    public var info: PropertyInfo {
        PropertyInfo(name: name, type: type, blurb: blurb, defaultValue: defaultValue)
    }
}
