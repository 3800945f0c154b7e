/// One property of element type `E`, declared once: name, type, range, blurb, and the stored
/// property it reads and writes through a key path.
///
/// ```swift
/// static let descriptor = ElementDescriptor<Self>(
///     factory: "fakesrc", longName: "Fake Source", klass: "Source", description: "Push empty buffers",
///     properties: [
///         .int("num-buffers", \.numBuffers, range: -1...Int64(Int32.max), "Number of buffers to output before sending EOS (-1 = unlimited)"),
///         .bool("is-live", \.isLiveSource, "True if the element cannot produce data in PAUSED"),
///     ])
/// ```
/// The same table drives the launch parser, `--inspect`, the generator and tests.
public struct Property<E: Element>: Sendable {
    /// The name used in launch strings (kebab-case, as GStreamer spells it).
    public let name: String
    /// The type and allowed range.
    public let type: PropertyType
    /// A one-line description shown by `--inspect`.
    public let blurb: String
    /// Reads the value from an element.
    public let get: @Sendable (E) -> PropertyValue
    /// Writes an already-validated value into an element.
    public let set: @Sendable (inout E, PropertyValue) -> Void

    /// A property from explicit accessors (for values that are not one stored property).
    public init(
        _ name: String, type: PropertyType, _ blurb: String, get: @escaping @Sendable (E) -> PropertyValue,
        set: @escaping @Sendable (inout E, PropertyValue) -> Void
    ) {
        self.name = name
        self.type = type
        self.blurb = blurb
        self.get = get
        self.set = set
    }

    /// A boolean property.
    public static func bool(_ name: String, _ path: any WritableKeyPath<E, Bool> & Sendable, _ blurb: String) -> Self {
        Self(name, type: .bool, blurb, get: { .bool($0[keyPath: path]) }) { element, value in
            if case .bool(let v) = value { element[keyPath: path] = v }
        }
    }

    /// A signed integer property stored as `Int`.
    public static func int(
        _ name: String, _ path: any WritableKeyPath<E, Int> & Sendable, range: ClosedRange<Int64>, _ blurb: String
    ) -> Self {
        Self(name, type: .int(range), blurb, get: { .int(Int64($0[keyPath: path])) }) { element, value in
            if case .int(let v) = value { element[keyPath: path] = Int(v) }
        }
    }

    /// An unsigned integer property stored as `UInt64`.
    public static func uint(
        _ name: String, _ path: any WritableKeyPath<E, UInt64> & Sendable, range: ClosedRange<UInt64>, _ blurb: String
    ) -> Self {
        Self(name, type: .uint(range), blurb, get: { .uint($0[keyPath: path]) }) { element, value in
            if case .uint(let v) = value { element[keyPath: path] = v }
        }
    }

    /// A floating-point property.
    public static func double(
        _ name: String, _ path: any WritableKeyPath<E, Double> & Sendable, range: ClosedRange<Double>, _ blurb: String
    ) -> Self {
        Self(name, type: .double(range), blurb, get: { .double($0[keyPath: path]) }) { element, value in
            if case .double(let v) = value { element[keyPath: path] = v }
        }
    }

    /// A string property.
    public static func string(_ name: String, _ path: any WritableKeyPath<E, String> & Sendable, _ blurb: String) -> Self {
        Self(name, type: .string, blurb, get: { .string($0[keyPath: path]) }) { element, value in
            if case .string(let v) = value { element[keyPath: path] = v ?? "" }
        }
    }

    /// A string property that may be unset (GStreamer's NULL default, e.g. `location`).
    public static func string(_ name: String, _ path: any WritableKeyPath<E, String?> & Sendable, _ blurb: String) -> Self {
        Self(name, type: .string, blurb, get: { .string($0[keyPath: path]) }) { element, value in
            if case .string(let v) = value { element[keyPath: path] = v }
        }
    }

    /// A fraction property.
    public static func fraction(
        _ name: String, _ path: any WritableKeyPath<E, Fraction> & Sendable, range: ClosedRange<Fraction>, _ blurb: String
    ) -> Self {
        Self(name, type: .fraction(range), blurb, get: { .fraction($0[keyPath: path]) }) { element, value in
            if case .fraction(let v) = value { element[keyPath: path] = v }
        }
    }

    /// A caps property (capsfilter's `caps`); unset is ANY.
    public static func caps(_ name: String, _ path: any WritableKeyPath<E, Caps> & Sendable, _ blurb: String) -> Self {
        Self(name, type: .caps, blurb, get: { .caps($0[keyPath: path]) }) { element, value in
            if case .caps(let v) = value { element[keyPath: path] = v }
        }
    }

    /// An enumeration property over a `PropertyEnum`; `typeName` is GStreamer's enum type name.
    public static func enumeration<V: PropertyEnum>(
        _ name: String, _ path: any WritableKeyPath<E, V> & Sendable, typeName: String, _ blurb: String
    ) -> Self {
        let cases = V.allCases.map { PropertyType.EnumCase(value: $0.rawValue, nick: $0.nick, blurb: $0.blurb) }
        return Self(name, type: .enumeration(typeName: typeName, cases: cases), blurb,
                    get: { .enumeration($0[keyPath: path].nick) }) { element, value in
            if case .enumeration(let nick) = value, let v = V.allCases.first(where: { $0.nick == nick }) {
                element[keyPath: path] = v
            }
        }
    }
}
