import Glibc
import ParallaxCore

/// `multifilesrc`: reads a numbered series of files, one buffer per file — GStreamer's multifilesrc.
///
/// `location` is a printf pattern (`frame-%05d.png`, see `FileNamePattern`) filled with the index, which starts
/// at `start-index` and counts up by one per file; setting `index` sets `start-index` too, as in GStreamer (the
/// last one set wins). The stream ends after
/// `stop-index`, or at the first file that does not exist once one was read; with `loop` it starts over from
/// `start-index` there. A missing first file is an error: `Could not open file "PATH" for reading.` `caps`
/// names the format of the files (ANY when unset); when it has a frame rate, buffers are stamped from it
/// (`pts = n × D/N`). Each file is read whole into one buffer; files over 1 GiB are refused.
/// ```
/// parallax-launch multifilesrc location=frame-%05d.png caps=image/png,framerate=25/1 ! fakesink
/// ```
/// Thread: `start`/`stop` on the control thread, `produce` on the source's streaming thread.
public struct MultiFileSource: Source {
    /// Any media, as `caps` says.
    public typealias Output = AnyMedia

    /// The factory name and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "multifilesrc", longName: "Multi-File Source", klass: "Source/File",
        description: "Read a sequentially named set of files into buffers",
        properties: [
            .string(
                "location", \.location,
                "Pattern to create file names of input files.  File names are created by calling sprintf() with "
                    + "the pattern and the current index."),
            .int(
                "index", \.index, range: 0...Int64(Int32.max),
                "Index to use with location property to create file names.  The index is incremented by one for "
                    + "each buffer read."),
            .int(
                "start-index", \.startIndex, range: 0...Int64(Int32.max),
                "Start value of index.  The initial value of index can be set either by setting index or "
                    + "start-index.  When the end of the loop is reached, the index will be set to the value "
                    + "start-index."),
            .int(
                "stop-index", \.stopIndex, range: -1...Int64(Int32.max),
                "Stop value of index.  The special value -1 means no stop."),
            .bool("loop", \.loop, "Whether to repeat from the beginning when all files have been read."),
            .caps("caps", \.caps, "Caps describing the format of the data."),
            .int(
                "num-buffers", \.numBuffers, range: -1...Int64(Int32.max),
                "Number of buffers to output before sending EOS (-1 = unlimited)"),
        ])

    /// The file name pattern; default `%05d`.
    public var location = "%05d"
    /// The first index, under its older name: setting it sets `startIndex` too; default 0.
    public var index = 0 {
        didSet { startIndex = index }
    }
    /// The first index, and where a loop starts again; default 0.
    public var startIndex = 0
    /// The last index read (-1: no limit).
    public var stopIndex = -1
    /// Whether to start over after the last file.
    public var loop = false
    /// The files' format; ANY when unset.
    public var caps = Caps.any
    /// Buffers to send before EOS; -1 for no limit.
    public var numBuffers = -1

    /// The largest file read.
    public static let maximumFileSize = 1 << 30

    private var pattern: FileNamePattern?
    private var current = 0
    private var readAny = false
    private var produced: UInt64 = 0
    private var bytes: UInt64 = 0
    private var rate: Fraction?

    /// A source with GStreamer's defaults.
    public init() {}

    /// What downstream accepts narrowed to `caps`, then fixed.
    public func fixate(_ caps: Caps, on direction: PadDirection) -> Caps {
        caps.intersection(self.caps).fixated()
    }

    /// Learns the frame rate for timestamps.
    public mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        rate = output?.structures.first?.fraction("framerate").flatMap { $0.numerator > 0 ? $0 : nil }
    }

    /// Checks the pattern and starts at the first index.
    public mutating func start() throws(ElementError) {
        pattern = try FileNamePattern(location, element: "multifilesrc")
        current = startIndex
        readAny = false
        produced = 0
        bytes = 0
    }

    /// Reads the next file into one buffer; `.eos` after the last.
    public mutating func produce(_ ctx: inout ProcessContext<NoMedia, Output>) throws(ElementError) -> FlowStatus {
        guard let pattern else { throw ElementError("Internal data stream error.", debug: "multifilesrc not started") }
        if numBuffers >= 0, produced >= UInt64(numBuffers) { return .eos }
        if stopIndex >= 0, current > stopIndex {
            guard loop, readAny else { return .eos }
            current = startIndex
        }
        var buffer = try read(pattern.name(current))
        if buffer == nil, readAny, loop {
            current = startIndex
            buffer = try read(pattern.name(current))
        }
        guard var buffer else {
            if readAny { return .eos }
            throw ElementError(
                "Could not open file \"\(pattern.name(current))\" for reading.",
                debug: SystemError.describe("open", ENOENT))
        }
        readAny = true
        let length = UInt64(buffer.length)
        buffer.metadata = BufferMetadata(offset: bytes, offsetEnd: bytes + length)
        if let rate {
            let n = UInt64(rate.numerator), d = UInt64(rate.denominator)
            buffer.metadata.pts = ClockTime.scale(produced * d, 1_000_000_000, n)
            buffer.metadata.duration = ClockTime.scale(d, 1_000_000_000, n)
        }
        if produced == 0 { buffer.metadata.flags.insert(.discont) }
        ctx.replaceOutput(with: buffer)
        bytes += length
        produced += 1
        current += 1
        return .ok
    }

    /// The file's bytes, or nil when it does not exist.
    private func read(_ name: String) throws(ElementError) -> Buffer? {
        let fd = open(name, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw ElementError("Could not open file \"\(name)\" for reading.", debug: SystemError.describe("open"))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw ElementError("\"\(name)\" is not a regular file.")
        }
        let size = Int(info.st_size)
        guard size <= Self.maximumFileSize else {
            throw ElementError(
                "multifilesrc: \"\(name)\" is \(size) bytes, more than the \(Self.maximumFileSize) read at once")
        }
        var buffer = Buffer(capacity: max(size, 1))
        guard let base = buffer.storage.base else { throw ElementError("multifilesrc: no memory for \(size) bytes") }
        var done = 0
        while done < size {
            let n = Glibc.read(fd, base + done, size - done)
            if n > 0 {
                done += n
            } else if n == 0 {
                break
            } else if errno != EINTR {
                throw ElementError("Could not read from resource.", debug: SystemError.describe("read"))
            }
        }
        buffer.length = done
        return buffer
    }
}
