import ParallaxCore

/// Test double for GStreamer's `filesrc`, whose `location` is a string that starts unset (null).
struct FileSourceFixture: Source {
    typealias Output = ByteStream

    static let descriptor = ElementDescriptor<Self>(
        factory: "filesrc", longName: "File Source", klass: "Source/File",
        description: "Read from arbitrary point in a file",
        properties: [
            .uint(
                "blocksize", \.blocksize, range: 0...4_294_967_295, "Size in bytes to read per buffer (-1 = default)"),
            .bool("do-timestamp", \.doTimestamp, "Apply current stream time to buffers"),
            .string("location", \.location, "Location of the file to read"),
            .int(
                "num-buffers", \.numBuffers, range: -1...2_147_483_647,
                "Number of buffers to output before sending EOS (-1 = unlimited)"),
            .bool("typefind", \.typefind, "Run typefind before negotiating (deprecated, non-functional)"),
        ])

    var blocksize: UInt64 = 4096
    var doTimestamp = false
    var location: String?
    var numBuffers = -1
    var typefind = false

    mutating func produce(_ ctx: inout ProcessContext<NoMedia, Output>) throws(ElementError) -> FlowStatus { .eos }
}
