import Glibc

/// A plugin library file the supervisor opened with its own rights: the descriptor is what element hosts
/// load (sent with `ControlMessage.plugin`), so every host loads the very file that was validated, and a
/// host never resolves a path.
///
/// ```swift
/// let file = try PluginFile(path: "/opt/parallax/plugins/libInvert.so")
/// ```
/// Thread: any; immutable. The descriptor is closed when the last reference goes.
public final class PluginFile: Sendable {
    /// The path it was opened at, as messages name the plugin.
    public let path: String
    /// The open descriptor (`O_RDONLY | O_CLOEXEC`); -1 in an element host, which loaded it already.
    let descriptor: Int32

    /// Opens `path` for reading; the error says why it cannot be.
    public init(path: String) throws(PluginRejection) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw PluginRejection(file: path, reason: "cannot open it: \(String(cString: strerror(errno)))")
        }
        self.path = path
        self.descriptor = descriptor
    }

    /// The name of a plugin an element host loaded from a descriptor it has closed since.
    init(hostedAt path: String) {
        self.path = path
        self.descriptor = -1
    }

    deinit { if descriptor >= 0 { close(descriptor) } }
}
