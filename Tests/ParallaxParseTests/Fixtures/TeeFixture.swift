import ParallaxCore

/// Test double for GStreamer's `tee`: an always `sink` pad and request `src_%u` pads.
struct TeeFixture: Transform {
    typealias Input = AnyMedia
    typealias Output = AnyMedia

    enum PullMode: Int, PropertyEnum {
        case never = 0
        case single
        var nick: String { self == .never ? "never" : "single" }
        var blurb: String {
            self == .never ? "Never activate in pull mode" : "Only one src pad can be active in pull mode"
        }
    }

    static let descriptor = ElementDescriptor<Self>(
        factory: "tee", longName: "Tee pipe fitting", klass: "Generic", description: "1-to-N pipe fitting",
        properties: [
            .bool(
                "allow-not-linked", \.allowNotLinked,
                "Return GST_FLOW_OK even if there are no source pads or they are all unlinked"),
            .bool("has-chain", \.hasChain, "If the element can operate in push mode"),
            .enumeration("pull-mode", \.pullMode, typeName: "GstTeePullMode", "Behavior of tee in pull mode"),
            .bool("silent", \.silent, "Don't produce last_message events"),
        ])

    static var padTemplates: [PadTemplate] {
        [
            PadTemplate(name: "sink", direction: .sink, caps: .any),
            PadTemplate(name: "src_%u", direction: .src, presence: .request, caps: .any),
        ]
    }

    var allowNotLinked = false
    var hasChain = true
    var pullMode = PullMode.never
    var silent = true

    mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus { .ok }
}
