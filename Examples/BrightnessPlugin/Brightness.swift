import ParallaxPlugin

/// Adds `adjustment` to the red, green and blue of every RGBA pixel: the Brightness example, as a plugin.
struct Brightness: Transform {
    typealias Input = RawVideo<RGBA>
    typealias Output = RawVideo<RGBA>
    static let descriptor = ElementDescriptor<Self>(
        factory: "brightness", longName: "Brightness", klass: "Filter/Effect/Video",
        description: "Brightens or darkens RGBA video",
        properties: [.int("adjustment", \.adjustment, range: -255...255, "Added to R, G and B")])
    var adjustment = 0
    var canProcessInPlace: Bool { true }

    mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        let input = ctx.input
        var output = ctx.output
        for i in 0..<ctx.inputLength where i % 4 != 3 {
            let value = Int(input.unsafeLoad(fromByteOffset: i, as: UInt8.self)) + adjustment
            output.storeBytes(of: UInt8(clamping: value), toByteOffset: i, as: UInt8.self)
        }
        return .ok
    }
}

@_cdecl("parallax_plugin_entry") public func entry() -> UnsafeRawPointer { PluginExport.table(Brightness.self) }
