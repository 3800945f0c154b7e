import ParallaxCore

/// Test parser that names its output format from its stream's first bytes (`StreamHeaderParsing`):
/// `application/x-header,length=(int)N` with N the header bytes it was shown; fails for fewer than `min-header`.
struct HeaderParser: StreamHeaderParsing {
    typealias Input = ByteStream
    typealias Output = ByteStream
    static let descriptor = ElementDescriptor<Self>(
        factory: "headerparse", longName: "Header parser", klass: "Codec/Parser",
        description: "Names its format from its stream's first bytes",
        properties: [.int("min-header", \.minimum, range: 0...1000, "Fewest header bytes accepted")])

    var minimum = 0
    var discovered: Caps?

    var headerPeekLength: Int { 16 }

    mutating func discoverFormat(fromHeader bytes: [UInt8]) throws(ElementError) {
        guard bytes.count >= minimum else {
            throw ElementError("header is \(bytes.count) bytes, needs \(minimum)")
        }
        discovered = try? Caps(parsing: "application/x-header,length=(int)\(bytes.count)")
    }

    func transformCaps(_ caps: Caps, from direction: PadDirection) -> Caps {
        direction == .sink ? discovered ?? .any : .any
    }

    mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        let input = ctx.input
        var output = ctx.output
        for i in 0..<ctx.inputLength {
            output.storeBytes(of: input.unsafeLoad(fromByteOffset: i, as: UInt8.self), toByteOffset: i, as: UInt8.self)
        }
        return .ok
    }
}
