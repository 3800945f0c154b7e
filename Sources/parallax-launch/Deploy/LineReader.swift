import Glibc

/// Splits what a child writes on one pipe into lines.
///
/// `read()` takes what the (non-blocking) descriptor has and returns the complete lines; at end of file
/// the unfinished last line is returned too and `isOpen` turns false. Thread: the supervisor's.
struct LineReader {
    /// The pipe's read end; closed by `close()`.
    private(set) var descriptor: Int32
    private var pending: [UInt8] = []

    /// Reads `descriptor`, which must be non-blocking.
    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Whether the descriptor is still open.
    var isOpen: Bool { descriptor >= 0 }

    /// The complete lines now available, without their line breaks.
    mutating func read() -> [String] {
        guard isOpen else { return [] }
        var chunk = [UInt8](repeating: 0, count: 16384)
        var ended = false
        var chunks = 0
        while chunks < 64 {  // at most 1 MiB a call, so one chatty child cannot hold up the others
            let count = Glibc.read(descriptor, &chunk, chunk.count)
            if count > 0 {
                pending += chunk[..<count]
                chunks += 1
                continue
            }
            if count < 0, errno == EINTR { continue }
            ended = count == 0
            break
        }
        var lines: [String] = []
        while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
            lines.append(String(decoding: pending[..<newline], as: UTF8.self))
            pending.removeSubrange(...newline)
        }
        if ended {
            if !pending.isEmpty { lines.append(String(decoding: pending, as: UTF8.self)) }
            pending = []
            close()
        }
        return lines
    }

    /// Closes the descriptor, dropping an unfinished line.
    mutating func close() {
        guard isOpen else { return }
        _ = Glibc.close(descriptor)
        descriptor = -1
    }
}
