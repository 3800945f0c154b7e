import ParallaxCore

/// Test double for GStreamer's `capsfilter`, with its caps-typed `caps` property.
struct CapsFilterFixture: Transform {
    typealias Input = AnyMedia
    typealias Output = AnyMedia

    enum CapsChangeMode: Int, PropertyEnum {
        case immediate = 0
        case delayed
        var nick: String { self == .immediate ? "immediate" : "delayed" }
        var blurb: String {
            self == .immediate ? "Only accept the current filter caps" : "Temporarily accept previous filter caps"
        }
    }

    static let descriptor = ElementDescriptor<Self>(
        factory: "capsfilter", longName: "CapsFilter", klass: "Generic",
        description: "Pass data without modification, limiting formats",
        properties: [
            .caps("caps", \.caps, "Restrict the possible allowed capabilities (NULL means ANY)."),
            .enumeration(
                "caps-change-mode", \.capsChangeMode, typeName: "GstCapsFilterCapsChangeMode",
                "Filter caps change behaviour"),
            .bool("qos", \.qos, "Handle Quality-of-Service events"),
        ])

    var caps = Caps.any
    var capsChangeMode = CapsChangeMode.immediate
    var qos = false

    mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus { .ok }
}
