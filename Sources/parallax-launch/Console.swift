import Glibc
import Synchronization

/// Where `parallax-launch` writes: status lines to standard output, errors and the live progress line to
/// standard error, without the two tangling on a terminal.
///
/// Every write goes straight to the file descriptor (no stdio buffering, so a reader of a pipe sees each line
/// as it is written), after flushing stdio buffers that elements may have printed into. While a progress
/// line is shown on standard error, other output first erases it; the next progress update draws it again.
/// Thread: any; writes are serialised.
final class Console: Sendable {
    /// Whether standard error is a terminal, so a progress line may be drawn there.
    let progressAllowed: Bool
    private let progressShown = Mutex(false)

    /// A console on the process's standard output and standard error.
    init() {
        progressAllowed = isatty(2) == 1
    }

    /// Writes `line` and a newline to standard output.
    func out(_ line: String) {
        progressShown.withLock { shown in
            erase(&shown)
            Self.emit(line + "\n", to: 1)
        }
    }

    /// Writes `text` as it is (a document ending with a newline) to standard output.
    func outDocument(_ text: String) {
        progressShown.withLock { shown in
            erase(&shown)
            Self.emit(text, to: 1)
        }
    }

    /// Writes `text` (which should end with a newline) to standard error.
    func err(_ text: String) {
        progressShown.withLock { shown in
            erase(&shown)
            Self.emit(text, to: 2)
        }
    }

    /// Replaces the progress line with `text`; does nothing unless standard error is a terminal.
    func progress(_ text: String) {
        guard progressAllowed else { return }
        progressShown.withLock { shown in
            Self.emit("\r" + text + "\u{1B}[K", to: 2)
            shown = true
        }
    }

    /// Erases the progress line, if one is shown.
    func clearProgress() {
        progressShown.withLock { erase(&$0) }
    }

    private func erase(_ shown: inout Bool) {
        fflush(nil)
        guard shown else { return }
        Self.emit("\r\u{1B}[K", to: 2)
        shown = false
    }

    /// Writes all of `text` to `descriptor`, retrying after interruptions and short writes.
    private static func emit(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)
        var offset = 0
        bytes.withUnsafeMutableBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            while offset < buffer.count {
                let written = write(descriptor, base + offset, buffer.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0, errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
    }
}
