/// One structure of a `Caps`: a media type name, optional caps features, and ordered fields.
///
/// ```
/// video/x-raw(memory:DMABuf), format=(string)NV12, width=(int)[ 16, 4096 ]
/// ^ name      ^ features      ^ fields, in order
/// ```
/// Field order is kept as written so printing round-trips. Pure value type.
public struct CapsStructure: Sendable, Hashable, Codable {
    /// The media type name, e.g. `video/x-raw`.
    public var name: String
    /// Caps features such as `memory:DMABuf`; empty means system memory.
    public var features: [String]
    /// The fields in the order they were written.
    public var fields: [(name: String, value: CapsValue)] {
        get { storage.map { ($0.name, $0.value) } }
        set { storage = newValue.map { Field(name: $0.name, value: $0.value) } }
    }

    private var storage: [Field]

    private struct Field: Sendable, Hashable, Codable {
        var name: String
        var value: CapsValue
    }

    /// Creates a structure with the given name, fields and features.
    public init(_ name: String, _ fields: [(String, CapsValue)] = [], features: [String] = []) {
        self.name = name
        self.features = features
        self.storage = fields.map { Field(name: $0.0, value: $0.1) }
    }

    /// The value of field `name`, or nil. Setting nil removes the field; setting a new name appends it.
    public subscript(field: String) -> CapsValue? {
        get { storage.first { $0.name == field }?.value }
        set {
            if let index = storage.firstIndex(where: { $0.name == field }) {
                if let newValue { storage[index].value = newValue } else { storage.remove(at: index) }
            } else if let newValue {
                storage.append(Field(name: field, value: newValue))
            }
        }
    }

    /// Whether every field holds one concrete value.
    public var isFixed: Bool { storage.allSatisfy { $0.value.isFixed } }
}
