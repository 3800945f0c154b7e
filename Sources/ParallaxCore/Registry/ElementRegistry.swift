/// The set of element factories a pipeline can name: factory name → descriptor and constructor.
///
/// ```swift
/// var registry = ElementRegistry.stock      // every stock element (ParallaxElements)
/// registry.register(Brightness.self)        // one line per element
/// let entry = registry["brightness"]
/// ```
/// A value type: build it on any thread, then share it.
public struct ElementRegistry: Sendable {
    private var entries: [String: RegisteredElement] = [:]
    /// Factories this build leaves out, with the package trait that would bring each in.
    private var omitted: [String: String] = [:]

    /// An empty registry.
    public init() {}

    /// Adds element type `E` under its factory name, replacing an earlier registration of that name.
    public mutating func register<E: Element>(_ type: E.Type) {
        entries[E.descriptor.factory] = RegisteredElement(type: type)
    }

    /// Records that this build leaves `factory` out because package trait `trait` is off, so that a launch
    /// string naming it says how to get it rather than only "no element". A later registration wins.
    ///
    /// ```swift
    /// #if !AV1
    /// registry.recordLeftOut("av1dec", trait: "AV1")
    /// #endif
    /// ```
    public mutating func recordLeftOut(_ factory: String, trait: String) {
        omitted[factory] = trait
    }

    /// The package trait that would bring `factory` into this build, when the build left it out and
    /// nothing registered it since.
    public func traitLeavingOut(_ factory: String) -> String? {
        entries[factory] == nil ? omitted[factory] : nil
    }

    /// The element registered as `factory`, if any.
    public subscript(factory: String) -> RegisteredElement? { entries[factory] }

    /// Every factory name, sorted.
    public var factories: [String] { entries.keys.sorted() }

    /// Every registered element, sorted by factory name.
    public var elements: [RegisteredElement] { factories.compactMap { entries[$0] } }

    /// Up to `limit` factory names closest to `name` by edit distance (for "did you mean" hints).
    public func suggestions(for name: String, limit: Int = 3) -> [String] {
        Self.nearest(to: name, among: factories, limit: limit)
    }

    /// Up to `limit` of `candidates` closest to `word`, closest first, dropping ones that share too little.
    public static func nearest(to word: String, among candidates: [String], limit: Int = 3) -> [String] {
        var scored: [(name: String, distance: Int)] = []
        for candidate in candidates {
            let distance = editDistance(word, candidate)
            let allowed = Swift.max(2, Swift.min(word.count, candidate.count) / 2)
            if distance <= allowed || candidate.hasPrefix(word) { scored.append((candidate, distance)) }
        }
        scored.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.name < $1.name }
        return scored.prefix(limit).map { $0.name }
    }

    /// Levenshtein distance between two strings.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.utf8), y = Array(b.utf8)
        if x.isEmpty { return y.count }
        var previous = Array(0...y.count)
        var current = previous
        for i in 1...x.count {
            current[0] = i
            for j in Swift.stride(from: 1, through: y.count, by: 1) {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }
}

/// One registered element factory: its erased description and its Swift type.
///
/// The description is worked out the first time it is asked for, not at registration: building it makes a
/// fresh element and asks the runtime which protocols the type conforms to, which for the whole stock set
/// is about half the start-up work of a process (an element host asks only for the elements it makes).
public struct RegisteredElement: Sendable {
    /// The Swift type, opened by the executor to build a typed runner.
    public let type: any Element.Type
    private let lazyInfo: LazyElementInfo

    /// The description, with property defaults.
    public var info: ElementInfo { lazyInfo.value }

    init<E: Element>(type: E.Type) {
        self.type = type
        self.lazyInfo = LazyElementInfo(E.self)
    }

    /// Makes an element with the given properties applied in order. Values must already fit their type
    /// (the launch parser checks them); unknown names throw.
    public func make(_ settings: [PropertySetting]) throws(ElementError) -> any Element {
        try type.configured(settings)
    }
}

extension Element {
    /// A fresh element with `settings` applied in order; unknown property names throw.
    public static func configured(_ settings: [PropertySetting]) throws(ElementError) -> Self {
        var element = Self()
        try element.apply(settings)
        return element
    }

    /// Sets the properties `settings` in order; unknown property names throw before anything is set.
    public mutating func apply(_ settings: [PropertySetting]) throws(ElementError) {
        var properties: [Property<Self>] = []
        for setting in settings {
            guard let property = Self.descriptor.property(named: setting.name) else {
                throw ElementError("no property \"\(setting.name)\" in element \"\(Self.descriptor.factory)\"")
            }
            properties.append(property)
        }
        for (property, setting) in zip(properties, settings) { property.set(&self, setting.value) }
    }

    /// A copy of the element with `settings` applied (see `apply(_:)`); usable on `any Element`.
    public func applying(_ settings: [PropertySetting]) throws(ElementError) -> Self {
        var copy = self
        try copy.apply(settings)
        return copy
    }
}
