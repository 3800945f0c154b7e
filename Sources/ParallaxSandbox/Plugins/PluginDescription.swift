/// What an element host read from one plugin's table, before any check: the ABI version and struct size
/// it declares and each element descriptor's fields as the plugin wrote them (a NULL string is nil).
///
/// The host sends it to the supervisor (`ControlMessage.pluginDescription`), which checks it with
/// `PluginValidator`; nothing in it is trusted. When the ABI version is not one this build reads, `elements`
/// is empty: the host does not read further into a table whose layout it does not know.
///
/// ```swift
/// let description = PluginDescription(file: "brightness.so", abiVersion: 1, tableSize: 24, elements: [...])
/// let elements = try PluginValidator(reserved: Set(registry.factories)).validate(description)
/// ```
/// A plain value; any thread.
public struct PluginDescription: Sendable, Hashable {
    /// The plugin file, as the supervisor named it.
    public var file: String
    /// Why the host could not load the library or find its entry point; nil when it could.
    public var loadFailure: String?
    /// `px_plugin_table.abi_version`.
    public var abiVersion: UInt32
    /// `px_plugin_table.struct_size`.
    public var tableSize: UInt32
    /// `px_plugin_table.element_count` as declared (the host reads at most `maximumElements`).
    public var declaredElements: UInt32
    /// The element descriptors, in table order.
    public var elements: [Element]

    /// The most elements the host reads from one table.
    public static let maximumElements = 64
    /// The most properties the host reads from one element.
    public static let maximumProperties = 64

    /// Creates a description.
    public init(
        file: String, loadFailure: String? = nil, abiVersion: UInt32 = 0, tableSize: UInt32 = 0,
        declaredElements: UInt32 = 0, elements: [Element] = []
    ) {
        self.file = file
        self.loadFailure = loadFailure
        self.abiVersion = abiVersion
        self.tableSize = tableSize
        self.declaredElements = declaredElements
        self.elements = elements
    }

    /// One `px_plugin_element`, field by field.
    public struct Element: Sendable, Hashable {
        /// `struct_size`.
        public var structSize: UInt32
        /// `kind` (`PX_PLUGIN_KIND_*`).
        public var kind: UInt32
        /// `flags` (`PX_PLUGIN_ELEMENT_*`).
        public var flags: UInt32
        /// `property_count` as declared.
        public var declaredProperties: UInt32
        /// `factory`.
        public var factory: String?
        /// `long_name`.
        public var longName: String?
        /// `klass`.
        public var klass: String?
        /// `description`.
        public var description: String?
        /// `author`.
        public var author: String?
        /// `sink_caps`.
        public var sinkCaps: String?
        /// `src_caps`.
        public var srcCaps: String?
        /// Whether `create`, `process` and `destroy` are set (the required functions).
        public var hasRequiredFunctions: Bool
        /// The properties, in descriptor order.
        public var properties: [Property]

        /// Creates an element description.
        public init(
            structSize: UInt32, kind: UInt32, flags: UInt32, declaredProperties: UInt32, factory: String?,
            longName: String?, klass: String?, description: String?, author: String?, sinkCaps: String?,
            srcCaps: String?, hasRequiredFunctions: Bool, properties: [Property]
        ) {
            self.structSize = structSize
            self.kind = kind
            self.flags = flags
            self.declaredProperties = declaredProperties
            self.factory = factory
            self.longName = longName
            self.klass = klass
            self.description = description
            self.author = author
            self.sinkCaps = sinkCaps
            self.srcCaps = srcCaps
            self.hasRequiredFunctions = hasRequiredFunctions
            self.properties = properties
        }
    }

    /// One `px_plugin_property`, field by field.
    public struct Property: Sendable, Hashable {
        /// `type` (`PX_PLUGIN_PROPERTY_*`).
        public var type: UInt32
        /// `name`.
        public var name: String?
        /// `blurb`.
        public var blurb: String?
        /// `int_min`, `int_max`, `int_default`.
        public var intRange: (min: Int64, max: Int64, value: Int64) {
            get { (intValues[0], intValues[1], intValues[2]) }
            set { intValues = [newValue.min, newValue.max, newValue.value] }
        }
        /// `uint_min`, `uint_max`, `uint_default`.
        public var uintRange: (min: UInt64, max: UInt64, value: UInt64) {
            get { (uintValues[0], uintValues[1], uintValues[2]) }
            set { uintValues = [newValue.min, newValue.max, newValue.value] }
        }
        /// `double_min`, `double_max`, `double_default`.
        public var doubleRange: (min: Double, max: Double, value: Double) {
            get { (doubleValues[0], doubleValues[1], doubleValues[2]) }
            set { doubleValues = [newValue.min, newValue.max, newValue.value] }
        }
        /// `bool_default`.
        public var boolDefault: Int32
        /// `string_default`.
        public var stringDefault: String?

        private var intValues: [Int64] = [0, 0, 0]
        private var uintValues: [UInt64] = [0, 0, 0]
        private var doubleValues: [Double] = [0, 0, 0]

        /// Creates a property description.
        public init(
            type: UInt32, name: String?, blurb: String?, intRange: (Int64, Int64, Int64) = (0, 0, 0),
            uintRange: (UInt64, UInt64, UInt64) = (0, 0, 0), doubleRange: (Double, Double, Double) = (0, 0, 0),
            boolDefault: Int32 = 0, stringDefault: String? = nil
        ) {
            self.type = type
            self.name = name
            self.blurb = blurb
            self.boolDefault = boolDefault
            self.stringDefault = stringDefault
            self.intRange = intRange
            self.uintRange = uintRange
            self.doubleRange = doubleRange
        }
    }
}
