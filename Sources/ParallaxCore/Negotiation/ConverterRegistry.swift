/// The converters the global negotiator may insert, cheapest first.
///
/// Built from an `ElementRegistry`: every registered element whose type conforms to `Converter` is a
/// candidate, so registering a converter is all it takes to make negotiation use it.
/// ```swift
/// let converters = ConverterRegistry(ElementRegistry.stock)
/// converters.entries.map(\.factory)   // ["audioconvert", "audioresample", "videoconvert", "videoscale"]
/// ```
/// A value type; build it on any thread.
public struct ConverterRegistry: Sendable {
    /// One converter: its registration and what inserting it costs.
    public struct Entry: Sendable {
        /// The registered element (type and description).
        public let element: RegisteredElement
        /// `Converter.conversionCost` of the type.
        public let cost: Int

        /// The factory name.
        public var factory: String { element.info.factory }
    }

    /// The converters, by cost, then factory name.
    public private(set) var entries: [Entry]

    /// No converters: negotiation can only succeed where the elements already agree.
    public init() { entries = [] }

    /// Every `Converter` registered in `registry`.
    public init(_ registry: ElementRegistry) {
        entries = registry.elements.compactMap { element in
            guard let converter = element.type as? any Converter.Type else { return nil }
            return Entry(element: element, cost: converter.conversionCost)
        }
        entries.sort { ($0.cost, $0.factory) < ($1.cost, $1.factory) }
    }

    /// Whether there is no converter at all.
    public var isEmpty: Bool { entries.isEmpty }
}
