import Glibc
import ParallaxCore

/// `multifilesink`: writes buffers to a numbered series of files — GStreamer's multifilesink.
///
/// `location` is a printf pattern (`frame-%05d.png`, see `FileNamePattern`) filled with `index`, which counts
/// up by one per file. `next-file` says when a file ends: after every buffer (default), before a buffer flagged
/// `discont`, before a key frame (a buffer without `delta-unit`), or before the buffer that would make the file
/// larger than `max-file-size` bytes or longer than `max-file-duration` nanoseconds. With `max-files` above 0
/// only the newest files are kept: the oldest one written is deleted as a new one is opened. With
/// `post-messages` a `GstMultiFileSink` element message (`filename`, `index`, `timestamp`, `duration`, `offset`,
/// `offset-end`) is posted for each file closed while the stream runs (the last file of the other modes, closed at
/// end of stream, is not reported: `finish` cannot post).
///
/// Errors: `Could not open file "PATH" for writing.`, `Error while writing to file "PATH".`, and a pattern
/// with a conversion other than one integer.
/// ```
/// parallax-launch videotestsrc num-buffers=10 ! pngenc ! multifilesink location=frame-%05d.png
/// ```
/// Thread: `start`/`stop` on the control thread, `render`/`finish` on the sink's streaming thread.
public struct MultiFileSink: Sink {
    /// Any media.
    public typealias Input = AnyMedia

    /// The factory name and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "multifilesink", longName: "Multi-File Sink", klass: "Sink/File",
        description: "Write buffers to a sequentially named set of files",
        properties: [
            .string("location", \.location, "Location of the file to write"),
            .int(
                "index", \.index, range: 0...Int64(Int32.max),
                "Index to use with location property to create file names.  The index is incremented by one for "
                    + "each buffer written."),
            .enumeration("next-file", \.nextFile, typeName: "GstMultiFileSinkNext", "When to start a new file"),
            .uint(
                "max-files", \.maxFiles, range: 0...UInt64(UInt32.max),
                "Maximum number of files to keep on disk. Once the maximum is reached,old files start to be "
                    + "deleted to make room for new ones."),
            .uint(
                "max-file-size", \.maxFileSize, range: 0...UInt64.max,
                "Maximum file size before starting a new file in max-size mode"),
            .uint(
                "max-file-duration", \.maxFileDuration, range: 0...UInt64.max,
                "Maximum file duration before starting a new file in max-duration mode (in nanoseconds)"),
            .bool("post-messages", \.postMessages, "Post a message for each file with information of the buffer"),
            .bool("sync", \.syncToClock, "Sync on the clock"),
        ])

    /// The file name pattern; default `%05d`.
    public var location = "%05d"
    /// The index of the next file; default 0.
    public var index = 0
    /// When to start a new file; default every buffer.
    public var nextFile = MultiFileSinkNext.buffer
    /// How many files to keep (0: all).
    public var maxFiles: UInt64 = 0
    /// The size that starts a new file in `max-size` mode; default 2 GiB.
    public var maxFileSize: UInt64 = 2_147_483_648
    /// The duration (ns) that starts a new file in `max-duration` mode; default unlimited.
    public var maxFileDuration = UInt64.max
    /// Whether to post a message per file.
    public var postMessages = false
    /// Whether buffers are written at their running time.
    public var syncToClock = false

    private var pattern: FileNamePattern?
    private var descriptor: Int32 = -1
    private var path = ""
    private var written: [String] = []
    private var fileBytes: UInt64 = 0
    private var fileStart: BufferMetadata?
    private var fileEnd: BufferMetadata?

    /// A sink with GStreamer's defaults.
    public init() {}

    /// Whether buffers are rendered at their running time (`sync`).
    public var sync: Bool { syncToClock }

    /// Checks the pattern.
    public mutating func start() throws(ElementError) {
        closeFile()
        pattern = try FileNamePattern(location, element: "multifilesink")
        written = []
    }

    /// Writes one buffer, opening the next file first when `next-file` says so.
    public mutating func render(_ ctx: inout ProcessContext<Input, NoMedia>) throws(ElementError) -> FlowStatus {
        let metadata = ctx.metadata
        if descriptor >= 0, startsNewFile(metadata, length: ctx.inputLength) { try nextFileNow(ctx) }
        if descriptor < 0 { try openFile(metadata) }
        let fd = descriptor
        let name = path
        try ctx.withUnsafeInput { (bytes) throws(ElementError) in
            var done = 0
            while done < bytes.count, let base = bytes.baseAddress {
                let n = write(fd, base + done, bytes.count - done)
                if n >= 0 {
                    done += n
                } else if errno != EINTR {
                    throw ElementError("Error while writing to file \"\(name)\".", debug: SystemError.describe("write"))
                }
            }
        }
        fileBytes += UInt64(ctx.inputLength)
        fileEnd = metadata
        if nextFile == .buffer { try nextFileNow(ctx) }
        return .ok
    }

    /// Closes the last file.
    public mutating func finish() throws(ElementError) {
        closeFile()
    }

    /// Closes the file being written.
    public mutating func stop() { closeFile() }

    private func startsNewFile(_ metadata: BufferMetadata, length: Int) -> Bool {
        switch nextFile {
        case .buffer: true
        case .discont: metadata.flags.contains(.discont)
        case .keyFrame: !metadata.flags.contains(.deltaUnit)
        case .maxSize: fileBytes + UInt64(length) > maxFileSize
        case .maxDuration:
            if let start = fileStart?.pts, let pts = metadata.pts, pts >= start {
                (pts - start).nanoseconds + (metadata.duration?.nanoseconds ?? 0) > maxFileDuration
            } else {
                false
            }
        }
    }

    /// Closes the current file, reports it, and moves to the next index.
    private mutating func nextFileNow(_ ctx: borrowing ProcessContext<Input, NoMedia>) throws(ElementError) {
        if postMessages, let fileStart {
            var fields: [(String, CapsValue)] = [("filename", .string(path)), ("index", .int(index))]
            if let pts = fileStart.pts { fields.append(("timestamp", .string(String(pts.nanoseconds)))) }
            if let start = fileStart.pts, let end = fileEnd?.pts {
                let duration = (end - start).nanoseconds + (fileEnd?.duration?.nanoseconds ?? 0)
                fields.append(("duration", .string(String(duration))))
            }
            if let offset = fileStart.offset { fields.append(("offset", .string(String(offset)))) }
            if let end = fileEnd?.offsetEnd { fields.append(("offset-end", .string(String(end)))) }
            ctx.post(CapsStructure("GstMultiFileSink", fields))
        }
        closeFile()
        index += 1
    }

    private mutating func openFile(_ metadata: BufferMetadata) throws(ElementError) {
        guard let pattern else { throw ElementError("Internal data stream error.", debug: "multifilesink not started") }
        let name = pattern.name(index)
        if maxFiles > 0, written.count >= Int(clamping: maxFiles) {
            unlink(written.removeFirst())
        }
        let fd = open(name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard fd >= 0 else {
            throw ElementError("Could not open file \"\(name)\" for writing.", debug: SystemError.describe("open"))
        }
        descriptor = fd
        path = name
        written.append(name)
        fileBytes = 0
        fileStart = metadata
        fileEnd = metadata
    }

    private mutating func closeFile() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
    }
}
