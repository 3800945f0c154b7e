import ParallaxCore

/// Test double for GStreamer's `matroskamux`: three request sink templates (`video_%u`, `audio_%u`,
/// `subtitle_%u`, in the order the element registers them) with one representative structure each.
struct MatroskaMuxFixture: Transform {
    typealias Input = AnyMedia
    typealias Output = AnyMedia

    static let descriptor = ElementDescriptor<Self>(
        factory: "matroskamux", longName: "Matroska muxer", klass: "Codec/Muxer",
        description: "Muxes video/audio/subtitle streams into a matroska stream",
        properties: [
            .uint(
                "cluster-timestamp-offset", \.clusterTimestampOffset, range: 0...UInt64.max,
                "An offset to add to all clusters/blocks (in nanoseconds)"),
            .int(
                "max-cluster-duration", \.maxClusterDuration, range: 0...Int64.max,
                "A new cluster will be created if its duration exceeds this value."),
            .int(
                "min-cluster-duration", \.minClusterDuration, range: 0...Int64.max,
                "Desired cluster duration as nanoseconds."),
            .int(
                "min-index-interval", \.minIndexInterval, range: 0...Int64.max,
                "An index entry is created every so many nanoseconds."),
            .bool("offset-to-zero", \.offsetToZero, "Offsets all streams so that the earliest stream starts at 0."),
            .bool("streamable", \.streamable, "If set to true, the output should be as if it is to be streamed."),
            .int(
                "timecodescale", \.timecodescale, range: 1...1_000_000_000,
                "TimecodeScale used to calculate the Raw Timecode of a Block"),
            .int("version", \.version, range: 1...2, "This parameter determines what Matroska features can be used."),
            .string("writing-app", \.writingApp, "The name the application that creates the matroska file."),
        ])

    static var padTemplates: [PadTemplate] {
        [
            PadTemplate(name: "video_%u", direction: .sink, presence: .request, caps: Caps("video/x-av1")),
            PadTemplate(name: "audio_%u", direction: .sink, presence: .request, caps: Caps("audio/x-opus")),
            PadTemplate(name: "subtitle_%u", direction: .sink, presence: .request, caps: Caps("text/x-raw")),
            PadTemplate(name: "src", direction: .src, caps: Caps("video/x-matroska")),
        ]
    }

    var clusterTimestampOffset: UInt64 = 0
    var maxClusterDuration = 65_535_000_000
    var minClusterDuration = 500_000_000
    var minIndexInterval = 0
    var offsetToZero = false
    var streamable = false
    var timecodescale = 1_000_000
    var version = 2
    var writingApp = "GStreamer Matroska muxer"

    mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus { .ok }
}
