#if Network
import Glibc
import ParallaxCore

/// The socket calls the TCP elements share: listening, connecting, accepting, and reads and writes that a
/// `UDPWake` (signalled by `unlock()`) can interrupt. Every failure is an `ElementError` naming the element
/// and the address.
///
/// Thread: the caller's (the element's streaming thread, or the control thread for `start`).
enum TCPSocket {
    /// A socket listening on `host`:`port` (port 0: any free port) and the port it is bound to.
    static func listen(host: String, port: Int, element: String) throws(ElementError) -> (descriptor: Int32, port: Int)
    {
        let local = try UDPAddress.resolve(host, port: port, element: element)
        let fd = socket(local.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else {
            throw ElementError("\(element): could not create a socket: \(SystemError.message(errno))")
        }
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        guard local.withSocketAddress({ bind(fd, $0, $1) }) == 0 else {
            let code = errno
            close(fd)
            throw ElementError("\(element): could not bind to \(local.text): \(SystemError.message(code))")
        }
        guard Glibc.listen(fd, 16) == 0 else {
            let code = errno
            close(fd)
            throw ElementError("\(element): could not listen on \(local.text): \(SystemError.message(code))")
        }
        return (fd, boundPort(fd))
    }

    /// The local port `fd` is bound to.
    static func boundPort(_ fd: Int32) -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let found = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard found == 0 else { return 0 }
        return withUnsafeBytes(of: storage) { raw in
            Int(raw.load(fromByteOffset: 2, as: UInt8.self)) << 8 | Int(raw.load(fromByteOffset: 3, as: UInt8.self))
        }
    }

    /// A socket connected to `host`:`port`. A refused or failed connection is an error naming both.
    static func connect(host: String, port: Int, element: String) throws(ElementError) -> Int32 {
        let remote = try UDPAddress.resolve(host, port: port, element: element)
        let fd = socket(remote.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else {
            throw ElementError("\(element): could not create a socket: \(SystemError.message(errno))")
        }
        var result: Int32
        repeat { result = remote.withSocketAddress { Glibc.connect(fd, $0, $1) } } while result < 0 && errno == EINTR
        guard result == 0 else {
            let code = errno
            close(fd)
            throw ElementError("\(element): could not connect to \(host):\(port): \(SystemError.message(code))")
        }
        var one: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        return fd
    }

    /// Waits until `fd` is ready for `events` (`POLLIN`, `POLLOUT`); false when `wake` was signalled first.
    static func wait(_ fd: Int32, for events: Int32, wake: UDPWake, element: String) throws(ElementError) -> Bool {
        var entries = [
            pollfd(fd: fd, events: Int16(events), revents: 0),
            pollfd(fd: wake.descriptor, events: Int16(POLLIN), revents: 0),
        ]
        while true {
            let ready = poll(&entries, 2, -1)
            if ready < 0 && errno == EINTR { continue }
            if ready < 0 { throw ElementError("\(element): poll failed: \(SystemError.message(errno))") }
            if entries[1].revents != 0 { return false }
            if entries[0].revents != 0 { return true }
        }
    }

    /// Accepts one connection waiting on `listener` without blocking; nil when none waits.
    static func acceptPending(_ listener: Int32) -> Int32? {
        var fd: Int32
        repeat { fd = accept(listener, nil, nil) } while fd < 0 && errno == EINTR
        guard fd >= 0 else { return nil }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        var one: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        return fd
    }

    /// Reads what has arrived (at most `into.count` bytes), waiting for it: the byte count, 0 at the end of
    /// the peer's stream, nil when `wake` was signalled.
    static func receive(
        _ fd: Int32, into target: UnsafeMutableRawBufferPointer, wake: UDPWake, element: String
    ) throws(ElementError) -> Int? {
        guard try wait(fd, for: Int32(POLLIN), wake: wake, element: element) else { return nil }
        var count: Int
        repeat { count = recv(fd, target.baseAddress, target.count, 0) } while count < 0 && errno == EINTR
        if count < 0 {
            let code = errno
            if code == ECONNRESET { return 0 }
            throw ElementError("\(element): could not receive: \(SystemError.message(code))")
        }
        return count
    }

    /// How a complete write ended.
    enum SendOutcome {
        /// Every byte was written.
        case sent
        /// The peer closed or reset the connection.
        case peerGone
        /// `wake` was signalled before every byte was written.
        case woken
    }

    /// Writes all of `bytes` to `fd`, waiting for room when the socket is full; throws on other failures.
    static func send(
        _ bytes: UnsafeRawBufferPointer, to fd: Int32, wake: UDPWake, element: String
    ) throws(ElementError) -> SendOutcome {
        var done = 0
        while done < bytes.count, let base = bytes.baseAddress {
            let count = Glibc.send(fd, base + done, bytes.count - done, Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT))
            if count >= 0 {
                done += count
                continue
            }
            let code = errno
            switch code {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK:
                guard try wait(fd, for: Int32(POLLOUT), wake: wake, element: element) else { return .woken }
            case EPIPE, ECONNRESET: return .peerGone
            default: throw ElementError("\(element): could not send: \(SystemError.message(code))")
            }
        }
        return .sent
    }
}
#endif  // Network
