import Glibc
import ParallaxCore

/// `filesink`: writes every buffer to a file — GStreamer's file sink.
///
/// `start()` opens `location` for writing, creating it (mode 0666 less the umask) or truncating it, or
/// appending to it with `append=true`. Each buffer is written completely (short writes and interrupted
/// calls are retried) straight to the file, without user-space buffering.
///
/// **Incomplete output is removed.** When the element is stopped without having seen end-of-stream (the
/// pipeline failed or was torn down mid-stream), the file it created or truncated is deleted, so nothing
/// that looks like a complete output is left behind. A file opened with `append=true` is never deleted, and
/// neither is anything that is not a regular file (`/dev/null`, a pipe).
///
/// Errors:
/// - no `location`: `No file name specified for writing.`
/// - cannot open: `Could not open file "PATH" for writing.` with the system error as debug detail
/// - a failed write: `Error while writing to file "PATH".` (`No space left on the resource.` when full)
///
/// ```
/// parallax-launch videotestsrc num-buffers=30 ! video/x-raw,format=I420 ! filesink location=out.yuv
/// ```
/// Thread: `start`/`stop` on the control thread, `render`/`finish` on the sink's streaming thread.
public struct FileSink: Sink, FileAccessing {
    /// Any media: the element accepts every format.
    public typealias Input = AnyMedia

    /// The factory name, documentation and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "filesink", longName: "File Sink", klass: "Sink/File",
        description: "Writes every buffer to a file in the local file system",
        properties: [
            .string("location", \.location, "Location of the file to write"),
            .bool("append", \.append, "Append to an already existing file"),
            .bool("sync", \.syncToClock, "Sync on the clock"),
        ])

    /// The file to write; nil until set.
    public var location: String?
    /// Whether to append instead of truncating.
    public var append = false
    /// Whether buffers are written at their running time on the pipeline clock.
    public var syncToClock = false

    private var descriptor: Int32 = -1
    private var adopted: Int32 = -1
    private var adoptedDescriptor: Int32 = -1
    private var removeUnlessFinished = false
    private var sawEndOfStream = false

    /// A sink with no file set.
    public init() {}

    /// Whether buffers are rendered at their running time (`sync`).
    public var sync: Bool { syncToClock }

    /// Resets the stream state (READY → PAUSED).
    public mutating func start() throws(ElementError) {
        closeFile()
        let fd: Int32
        if adopted >= 0 {
            fd = adopted
            adopted = -1
        } else {
            fd = try openFile()
        }
        var info = stat()
        let isRegular = fstat(fd, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
        descriptor = fd
        // An element host cannot remove files: only a sink that opened its own file cleans up after itself.
        removeUnlessFinished = !append && isRegular && fd != adoptedDescriptor
        sawEndOfStream = false
    }

    /// Opens `location` for writing: created (mode 0666 less the umask) or truncated, or appended to.
    public func openFile() throws(ElementError) -> Int32 {
        guard let location, !location.isEmpty else { throw ElementError("No file name specified for writing.") }
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC)
        let fd = open(location, flags, 0o666)
        guard fd >= 0 else {
            throw ElementError("Could not open file \"\(location)\" for writing.", debug: SystemError.describe("open"))
        }
        return fd
    }

    /// Writes to `descriptor` (opened by `openFile()` elsewhere) instead of opening `location`. Such a
    /// file is not removed when the stream stops early: the process holding the descriptor may not be
    /// allowed to.
    public mutating func adoptFile(_ descriptor: Int32) {
        if adopted >= 0 { close(adopted) }
        adopted = descriptor
        adoptedDescriptor = descriptor
    }

    /// Consumes one buffer.
    public mutating func render(_ ctx: inout ProcessContext<Input, NoMedia>) throws(ElementError) -> FlowStatus {
        guard descriptor >= 0 else { throw ElementError("Internal data stream error.", debug: "filesink not started") }
        let fd = descriptor
        let path = location ?? ""
        if ctx.metadata.flags.contains(.overwrite) {
            try overwrite(ctx, at: ctx.metadata.offset ?? 0, fd: fd, path: path)
            return .ok
        }
        try ctx.withUnsafeInput { (bytes) throws(ElementError) in
            var done = 0
            while done < bytes.count, let base = bytes.baseAddress {
                let n = write(fd, base + done, bytes.count - done)
                if n >= 0 {
                    done += n
                } else if errno != EINTR && errno != EAGAIN {
                    let code = errno
                    if code == ENOSPC {
                        throw ElementError("No space left on the resource.", debug: SystemError.describe("write", code))
                    }
                    throw ElementError("Error while writing to file \"\(path)\".",
                                       debug: SystemError.describe("write", code))
                }
            }
        }
        return .ok
    }

    /// Writes a muxer's correction (`BufferFlags.overwrite`) at `offset` without moving the append position.
    private func overwrite(
        _ ctx: borrowing ProcessContext<Input, NoMedia>, at offset: UInt64, fd: Int32, path: String
    ) throws(ElementError) {
        try ctx.withUnsafeInput { (bytes) throws(ElementError) in
            var done = 0
            while done < bytes.count, let base = bytes.baseAddress {
                let n = pwrite(fd, base + done, bytes.count - done, off_t(offset) + off_t(done))
                if n > 0 {
                    done += n
                } else if n < 0, errno == EINTR {
                    continue
                } else {
                    throw ElementError("Error while seeking in file \"\(path)\".",
                                       debug: SystemError.describe("pwrite", errno))
                }
            }
        }
    }

    /// Marks the output complete: the file is kept when the element stops.
    public mutating func finish() throws(ElementError) {
        sawEndOfStream = true
    }

    /// Closes the file, deleting it if it was created or truncated and end-of-stream never arrived.
    public mutating func stop() {
        let remove = descriptor >= 0 && removeUnlessFinished && !sawEndOfStream
        closeFile()
        if remove, let location { unlink(location) }
    }

    private mutating func closeFile() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        removeUnlessFinished = false
    }
}
