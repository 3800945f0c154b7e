import CParallaxLinux
import Glibc
import ParallaxCore

/// The Unix socket of an `ipc_sink`/`ipc_src` pair: listening (with stale-path recovery), connecting,
/// and sending or receiving one message with an optional descriptor.
enum IPCSocket {
    /// Listens on `path`. A leftover socket file nobody serves (a crashed sink's) is replaced; a live one
    /// or a path that is not a socket is an error naming it.
    static func listen(_ path: String) throws(ElementError) -> Int32 {
        var info = stat()
        if lstat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFSOCK else {
                throw ElementError("ipc_sink: \(path) exists and is not a socket")
            }
            if let live = try? connect(path) {
                close(live)
                throw ElementError("ipc_sink: another ipc_sink is already serving \(path)")
            }
            unlink(path)
        }
        let fd = socket(AF_UNIX, Int32(SOCK_SEQPACKET.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw ElementError("ipc_sink: socket: \(String(cString: strerror(errno)))") }
        do throws(ElementError) {
            try withAddress(path) { (address, length) throws(ElementError) in
                guard bind(fd, address, length) == 0 else {
                    throw ElementError("ipc_sink: cannot bind \(path): \(String(cString: strerror(errno)))")
                }
            }
            guard Glibc.listen(fd, 4) == 0 else {
                throw ElementError("ipc_sink: listen on \(path): \(String(cString: strerror(errno)))")
            }
        } catch {
            close(fd)
            throw error
        }
        return fd
    }

    /// Connects to `path`; throws with the reason (no such file, refused) when nobody serves it.
    static func connect(_ path: String) throws(ElementError) -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_SEQPACKET.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw ElementError("ipc_src: socket: \(String(cString: strerror(errno)))") }
        do throws(ElementError) {
            try withAddress(path) { (address, length) throws(ElementError) in
                guard Glibc.connect(fd, address, length) == 0 else {
                    throw ElementError("ipc_src: cannot connect to \(path): \(String(cString: strerror(errno)))")
                }
            }
        } catch {
            close(fd)
            throw error
        }
        return fd
    }

    /// Sends `message`, with `descriptor` attached when given. False when the peer has gone.
    @discardableResult
    static func send(_ message: IPCMessage, on socket: Int32, attaching descriptor: Int32 = -1) -> Bool {
        let bytes = message.encoded()
        return bytes.withUnsafeBytes { px_send_packet(socket, $0.baseAddress, $0.count, descriptor) } == bytes.count
    }

    /// Receives one message and the descriptor that came with it (owned by the caller). Nil when the
    /// peer has gone or sent something malformed (any descriptor is closed then).
    static func receive(on socket: Int32) -> (IPCMessage, Int32?)? {
        var bytes = [UInt8](repeating: 0, count: IPCMessage.maximumSize)
        var descriptor: Int32 = -1
        let count = bytes.withUnsafeMutableBytes { px_receive_packet(socket, $0.baseAddress, $0.count, &descriptor) }
        guard count > 0, let message = IPCMessage.decode(bytes[..<count]) else {
            if descriptor >= 0 { close(descriptor) }
            return nil
        }
        return (message, descriptor >= 0 ? descriptor : nil)
    }

    /// Waits until `socket` is readable or hung up, or `timeout` milliseconds pass (-1: no limit). Also
    /// returns when `wake` (an eventfd, if given) is signalled. Returns the socket's revents (0 on timeout).
    static func poll(_ socket: Int32, timeout: Int32, wake: Int32 = -1) -> Int16 {
        var entries = [pollfd(fd: socket, events: Int16(POLLIN), revents: 0), pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
        while true {
            let ready = Glibc.poll(&entries, wake >= 0 ? 2 : 1, timeout)
            if ready >= 0 { return entries[0].revents }
            if errno != EINTR { return Int16(POLLERR) }
        }
    }

    private static func withAddress<R>(
        _ path: String, _ body: (UnsafePointer<sockaddr>, socklen_t) throws(ElementError) -> R
    ) throws(ElementError) -> R {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        let utf8 = Array(path.utf8)
        guard !utf8.isEmpty, utf8.count < capacity else {
            throw ElementError("ipc: the socket path must be 1 to \(capacity - 1) bytes long, got \(utf8.count)")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: utf8)
            raw[utf8.count] = 0
        }
        return try withUnsafePointer(to: &address) { (pointer) throws(ElementError) -> R in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { (raw) throws(ElementError) -> R in
                try body(raw, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
    }
}
