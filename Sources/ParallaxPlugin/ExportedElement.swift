import ParallaxCore

/// What a Swift element's descriptor passes as `context`: the property types (to turn C values back into
/// Swift ones) and how to make an instance of the element.
/// Thread: any; immutable, alive for the life of the process.
final class ExportedElement: Sendable {
    /// The declared type of each property, in descriptor order.
    let types: [PropertyType]
    /// Makes an instance with every property set.
    let make: @Sendable ([PropertyValue]) throws(ElementError) -> ExportedInstance

    init(types: [PropertyType], make: @escaping @Sendable ([PropertyValue]) throws(ElementError) -> ExportedInstance) {
        self.types = types
        self.make = make
    }
}
