import Glibc
import ParallaxSandbox

/// A hard link to the stock element host under a name of its own, so a test can tell its hosts from
/// those of tests running beside it (`/proc/<pid>/exe` names the link a process was started through).
final class PrivateHost {
    let path: String
    private let directory: String

    init() {
        var template = Array("/tmp/parallax-host-XXXXXX".utf8CString)
        directory = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
        path = directory + "/parallax-element-host"
        if link(ElementHostProcess.stockExecutable, path) != 0 {
            // Another file system: a copy instead.
            let from = open(ElementHostProcess.stockExecutable, O_RDONLY)
            let to = open(path, O_WRONLY | O_CREAT, 0o755)
            var chunk = [UInt8](repeating: 0, count: 1 << 20)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(from, $0.baseAddress, $0.count) }
                if count <= 0 { break }
                _ = chunk.withUnsafeBytes { write(to, $0.baseAddress, count) }
            }
            close(from)
            close(to)
        }
    }

    deinit {
        unlink(path)
        rmdir(directory)
    }

    /// Children of this process started from this host executable.
    var running: [Int32] {
        ProcessTable.children().filter { ProcessTable.executable(of: $0) == path }
    }
}
