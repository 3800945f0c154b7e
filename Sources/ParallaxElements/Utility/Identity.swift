import Glibc
import ParallaxCore

/// `identity`: passes buffers on unchanged — GStreamer's identity, with its testing knobs: dropping,
/// failing or ending the stream after a number of buffers, slowing down, restamping and dumping.
///
/// Counting follows GStreamer: `error-after=3` lets two buffers through and fails on the third with
/// "Failed after iterations as requested."; `eos-after=3` lets two through and ends the stream at the
/// third (which is not passed on). `drop-probability` drops each buffer with that probability.
/// `datarate` restamps buffers as if their bytes flowed at that rate. `sleep-time` sleeps that many
/// microseconds after each buffer.
///
/// ```
/// parallax-launch fakesrc num-buffers=10 ! identity drop-probability=0.5 silent=false ! fakesink
/// ```
/// Thread: `process` runs on the streaming thread of the element's segment.
public struct Identity: Transform {
    /// Any media: the element accepts every format.
    public typealias Input = AnyMedia
    /// Any media: the element passes on or produces every format.
    public typealias Output = AnyMedia

    /// The factory name, documentation and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "identity", longName: "Identity", klass: "Generic",
        description: "Passes buffers on unchanged, optionally dropping, failing or slowing them",
        properties: [
            .bool("silent", \.silent, "Don't print a line for every buffer passed on"),
            .double("drop-probability", \.dropProbability, range: 0...1, "The probability a buffer is dropped"),
            .int("datarate", \.dataRate, range: 0...Int64(Int32.max),
                 "(Re)timestamps buffers with number of bytes per second (0 = inactive)"),
            .int("error-after", \.errorAfter, range: -1...Int64(Int32.max), "Error after N buffers"),
            .int("eos-after", \.eosAfter, range: -1...Int64(Int32.max), "EOS after N buffers"),
            .uint("sleep-time", \.sleepTime, range: 0...UInt64(UInt32.max), "Microseconds to sleep between processing"),
            .bool("dump", \.dump, "Dump buffer contents to stdout"),
        ])

    /// When false, prints GStreamer's `last-message` line for every buffer to standard output.
    public var silent = true
    /// The probability (0…1) that a buffer is dropped.
    public var dropProbability = 0.0
    /// Bytes per second to restamp buffers with; 0 leaves timestamps alone.
    public var dataRate = 0
    /// Fail at this buffer (1-based); -1 never.
    public var errorAfter = -1
    /// End the stream at this buffer (1-based, not passed on); -1 never.
    public var eosAfter = -1
    /// Microseconds to sleep after each buffer.
    public var sleepTime: UInt64 = 0
    /// Whether to hex-dump every buffer to standard output.
    public var dump = false

    private var errorCounter = -1
    private var eosCounter = -1
    private var bytesSeen: UInt64 = 0
    private var random = FastRandom()

    /// An identity with GStreamer's defaults.
    public init() {}

    /// Always true: buffers go on unchanged, without an output area.
    public var isPassthrough: Bool { true }

    /// Resets the stream state (READY → PAUSED).
    public mutating func start() throws(ElementError) {
        errorCounter = errorAfter
        eosCounter = eosAfter
        bytesSeen = 0
    }

    /// Looks at one buffer on its way through.
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        if errorCounter >= 0 {
            errorCounter -= 1
            if errorCounter == 0 { throw ElementError("Failed after iterations as requested.") }
        }
        if eosCounter >= 0 {
            eosCounter -= 1
            if eosCounter == 0 { return .eos }
        }
        if dropProbability > 0, random.unitDouble() < dropProbability { return .dropped }
        let size = ctx.inputLength
        if dump { ctx.withUnsafeInput { HexDump.write($0) } }
        if !silent {
            print(BufferMessage.chain("chain", element: Self.factoryName, pad: "sink", length: size,
                                      metadata: ctx.metadata))
        }
        if dataRate > 0 {
            let time = ClockTime.scale(bytesSeen, 1_000_000_000, UInt64(dataRate))
            ctx.metadata.pts = time
            ctx.metadata.dts = time
            ctx.metadata.duration = ClockTime.scale(UInt64(size), 1_000_000_000, UInt64(dataRate))
        }
        bytesSeen += UInt64(size)
        if sleepTime > 0 { usleep(UInt32(clamping: sleepTime)) }
        return .ok
    }
}
