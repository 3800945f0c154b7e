import ParallaxCore

/// Test transform that adds 1 to every byte after the 8-byte index; processes in place when allowed.
struct AddOne: Transform {
    typealias Input = ByteStream
    typealias Output = ByteStream
    static let descriptor = ElementDescriptor<Self>(
        factory: "addone", longName: "Add one", klass: "Filter", description: "Adds one to each payload byte",
        properties: [.bool("in-place", \.allowInPlace, "Process in place when possible")])

    var allowInPlace = true
    var canProcessInPlace: Bool { allowInPlace }

    mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        let length = ctx.inputLength
        do {  // the spans borrow ctx; they end before outputLength is set
            let source = ctx.input
            var output = ctx.output
            for i in 0..<Swift.min(8, length) {
                output.storeBytes(of: source.unsafeLoad(fromByteOffset: i, as: UInt8.self), toByteOffset: i, as: UInt8.self)
            }
            for i in Swift.min(8, length)..<length {
                output.storeBytes(
                    of: source.unsafeLoad(fromByteOffset: i, as: UInt8.self) &+ 1, toByteOffset: i, as: UInt8.self)
            }
        }
        ctx.outputLength = length
        return .ok
    }
}
