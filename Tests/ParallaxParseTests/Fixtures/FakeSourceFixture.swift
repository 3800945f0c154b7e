import ParallaxCore

/// Test double for GStreamer's `fakesrc`: its writable properties as `gst-inspect-1.0 fakesrc` lists them.
struct FakeSourceFixture: Source {
    typealias Output = AnyMedia

    enum DataType: Int, PropertyEnum {
        case allocate = 1
        case subbuffer = 2
        var nick: String { self == .allocate ? "allocate" : "subbuffer" }
        var blurb: String { self == .allocate ? "Allocate data" : "Subbuffer data" }
    }

    enum FillType: Int, PropertyEnum {
        case nothing = 1
        case zero, random, pattern, patternSpan
        var nick: String {
            switch self {
            case .nothing: "nothing"
            case .zero: "zero"
            case .random: "random"
            case .pattern: "pattern"
            case .patternSpan: "pattern-span"
            }
        }
        var blurb: String { nick }
    }

    enum Format: Int, PropertyEnum {
        case undefined = 0
        case defaultFormat, bytes, time, buffers, percent
        var nick: String {
            switch self {
            case .undefined: "undefined"
            case .defaultFormat: "default"
            case .bytes: "bytes"
            case .time: "time"
            case .buffers: "buffers"
            case .percent: "percent"
            }
        }
        var blurb: String { "GST_FORMAT_" + nick.uppercased() }
    }

    enum SizeType: Int, PropertyEnum {
        case empty = 1
        case fixed, random
        var nick: String {
            switch self {
            case .empty: "empty"
            case .fixed: "fixed"
            case .random: "random"
            }
        }
        var blurb: String { nick }
    }

    static let descriptor = ElementDescriptor<Self>(
        factory: "fakesrc", longName: "Fake Source", klass: "Source",
        description: "Push empty (no data) buffers around",
        properties: [
            .uint(
                "blocksize", \.blocksize, range: 0...4_294_967_295, "Size in bytes to read per buffer (-1 = default)"),
            .bool("can-activate-pull", \.canActivatePull, "Can activate in pull mode"),
            .bool("can-activate-push", \.canActivatePush, "Can activate in push mode"),
            .enumeration("data", \.data, typeName: "GstFakeSrcDataType", "Data allocation method"),
            .int(
                "datarate", \.datarate, range: 0...2_147_483_647,
                "Timestamps buffers with number of bytes per second (0 = none)"),
            .bool("do-timestamp", \.doTimestamp, "Apply current stream time to buffers"),
            .bool("dump", \.dump, "Dump buffer contents to stdout"),
            .enumeration("filltype", \.filltype, typeName: "GstFakeSrcFillType", "How to fill the buffer, if at all"),
            .enumeration("format", \.format, typeName: "GstFormat", "The format of the segment events"),
            .bool("is-live", \.isLive, "True if the element cannot produce data in PAUSED"),
            .int(
                "num-buffers", \.numBuffers, range: -1...2_147_483_647,
                "Number of buffers to output before sending EOS (-1 = unlimited)"),
            .int(
                "parentsize", \.parentsize, range: 0...2_147_483_647,
                "Size of parent buffer for sub-buffered allocation"),
            .string("pattern", \.pattern, "Set the pattern (unused)"),
            .bool("signal-handoffs", \.signalHandoffs, "Send a signal before pushing the buffer"),
            .bool("silent", \.silent, "Don't produce last_message events"),
            .int("sizemax", \.sizemax, range: 0...2_147_483_647, "Maximum buffer size"),
            .int("sizemin", \.sizemin, range: 0...2_147_483_647, "Minimum buffer size"),
            .enumeration("sizetype", \.sizetype, typeName: "GstFakeSrcSizeType", "How to determine buffer sizes"),
            .bool("sync", \.sync, "Sync to the clock to the datarate"),
            .bool("typefind", \.typefind, "Run typefind before negotiating (deprecated, non-functional)"),
        ])

    var blocksize: UInt64 = 4096
    var canActivatePull = true
    var canActivatePush = true
    var data = DataType.allocate
    var datarate = 0
    var doTimestamp = false
    var dump = false
    var filltype = FillType.nothing
    var format = Format.bytes
    var isLive = false
    var numBuffers = -1
    var parentsize = 40960
    var pattern: String?
    var signalHandoffs = false
    var silent = true
    var sizemax = 4096
    var sizemin = 0
    var sizetype = SizeType.empty
    var sync = false
    var typefind = false

    mutating func produce(_ ctx: inout ProcessContext<NoMedia, Output>) throws(ElementError) -> FlowStatus { .eos }
}
