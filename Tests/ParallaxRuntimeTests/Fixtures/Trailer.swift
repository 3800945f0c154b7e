import ParallaxCore

/// Test transform that copies buffers and, at end of stream, emits one more: 8 bytes holding the number of
/// buffers it saw plus 1000 (`Transform.drain`), and posts a `trailer` element message with the count.
struct Trailer: Transform {
    typealias Input = ByteStream
    typealias Output = ByteStream
    static let descriptor = ElementDescriptor<Self>(
        factory: "trailer", longName: "Trailer", klass: "Filter", description: "Emits a count at end of stream")

    var seen: UInt64 = 0

    mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        seen += 1
        let input = ctx.input
        var output = ctx.output
        for i in 0..<ctx.inputLength {
            output.storeBytes(of: input.unsafeLoad(fromByteOffset: i, as: UInt8.self), toByteOffset: i, as: UInt8.self)
        }
        return .ok
    }

    mutating func drain(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) {
        ctx.post(CapsStructure("trailer", [("seen", .int(Int(seen)))]))
        let value = (seen + 1000).littleEndian
        _ = try ctx.emit(metadata: BufferMetadata(flags: .marker)) { out in
            out.storeBytes(of: value, as: UInt64.self)
            return 8
        }
    }
}
