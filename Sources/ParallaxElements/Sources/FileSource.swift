import Glibc
import ParallaxCore

/// `filesrc`: reads a file — GStreamer's file source.
///
/// `start()` opens `location`; each buffer holds up to `blocksize` bytes read from the current position
/// (short only at the end of the file), with `offset`/`offsetEnd` the byte range it covers. The stream ends
/// at the end of the file. The first buffer carries the `discont` flag and a DTS of 0, as GStreamer's base
/// source stamps it; no other timestamps are set.
///
/// Errors, as `start()` throws them:
/// - no `location`: `No file name specified for reading.`
/// - cannot open: `Could not open file "PATH" for reading.` with the system error as debug detail
///   (`open: No such file or directory`)
/// - a directory: `"PATH" is a directory.`
///
/// ```
/// parallax-launch filesrc location=in.ivf blocksize=65536 ! fakesink
/// ```
/// Thread: `start`/`stop` on the control thread, `produce` on the source's streaming thread.
public struct FileSource: Source, FileAccessing, StreamPeeking {
    /// Unstructured bytes (caps ANY, as GStreamer's filesrc).
    public typealias Output = ByteStream

    /// The factory name, documentation and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "filesrc", longName: "File Source", klass: "Source/File",
        description: "Reads a file from the local file system",
        properties: [
            .string("location", \.location, "Location of the file to read"),
            .uint("blocksize", \.blockSize, range: 0...UInt64(UInt32.max),
                  "Size in bytes to read per buffer (0 = 4096)"),
            .int("num-buffers", \.numBuffers, range: -1...Int64(Int32.max),
                 "Number of buffers to output before sending EOS (-1 = unlimited)"),
        ])

    /// The file to read; nil until set.
    public var location: String?
    /// Bytes per buffer (0 means 4096).
    public var blockSize: UInt64 = 4096
    /// Buffers to send before EOS; -1 for no limit.
    public var numBuffers = -1

    private var descriptor: Int32 = -1
    private var adopted: Int32 = -1
    private var position: UInt64 = 0
    private var produced = 0

    /// A source with no file set.
    public init() {}

    /// `blocksize` bytes per buffer.
    public func outputSize(for caps: Caps) -> Int? { effectiveBlockSize }

    private var effectiveBlockSize: Int { blockSize == 0 ? 4096 : Int(clamping: blockSize) }

    /// The file's first `count` bytes (fewer for a shorter file), read without moving the stream position: for
    /// parsers that name their format before negotiation (`StreamHeaderParsing`).
    public func peek(upTo count: Int) throws(ElementError) -> [UInt8] {
        let fd: Int32
        if adopted >= 0 {
            fd = adopted
        } else {
            guard let location, !location.isEmpty else { throw ElementError("No file name specified for reading.") }
            fd = open(location, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else {
                throw ElementError("Could not open file \"\(location)\" for reading.", debug: SystemError.describe("open"))
            }
        }
        defer { if fd != adopted { close(fd) } }
        var bytes = [UInt8](repeating: 0, count: max(0, count))
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, $0.count - done, off_t(done)) }
            if n > 0 {
                done += n
            } else if n < 0, errno == EINTR {
                continue
            } else if n == 0 {
                break
            } else {
                throw ElementError("Could not read from file \"\(location ?? "")\".", debug: SystemError.describe("pread"))
            }
        }
        return Array(bytes.prefix(done))
    }

    /// Resets the stream state (READY → PAUSED).
    public mutating func start() throws(ElementError) {
        stop()
        if adopted >= 0 {
            descriptor = adopted
            adopted = -1
        } else {
            descriptor = try openFile()
        }
        position = 0
        produced = 0
    }

    /// Opens `location` for reading; a directory is an error.
    public func openFile() throws(ElementError) -> Int32 {
        guard let location, !location.isEmpty else { throw ElementError("No file name specified for reading.") }
        let fd = open(location, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw ElementError("Could not open file \"\(location)\" for reading.", debug: SystemError.describe("open"))
        }
        var info = stat()
        if fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            close(fd)
            throw ElementError("\"\(location)\" is a directory.")
        }
        return fd
    }

    /// Reads from `descriptor` (opened by `openFile()` elsewhere) instead of opening `location`.
    public mutating func adoptFile(_ descriptor: Int32) {
        if adopted >= 0 { close(adopted) }
        adopted = descriptor
    }

    /// Releases resources (PAUSED → READY).
    public mutating func stop() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
    }

    /// Fills the pre-allocated output with the next buffer; `.eos` when the stream ends.
    public mutating func produce(_ ctx: inout ProcessContext<NoMedia, Output>) throws(ElementError) -> FlowStatus {
        guard descriptor >= 0 else { throw ElementError("Internal data stream error.", debug: "filesrc not started") }
        if numBuffers >= 0, produced >= numBuffers { return .eos }
        let want = Swift.min(effectiveBlockSize, ctx.outputCapacity)
        let fd = descriptor
        let got: Int = try ctx.withUnsafeOutput { (output) throws(ElementError) -> Int in
            var total = 0
            while total < want, let base = output.baseAddress {
                let n = read(fd, base + total, want - total)
                if n > 0 {
                    total += n
                } else if n == 0 {
                    break
                } else if errno != EINTR && errno != EAGAIN {
                    throw ElementError("Could not read from resource.", debug: SystemError.describe("read"))
                }
            }
            return total
        }
        if got == 0 { return .eos }
        ctx.outputLength = got
        ctx.metadata.offset = position
        ctx.metadata.offsetEnd = position + UInt64(got)
        if position == 0 { ctx.metadata.dts = .zero }
        if produced == 0 { ctx.metadata.flags.insert(.discont) }
        position += UInt64(got)
        produced += 1
        return .ok
    }
}
