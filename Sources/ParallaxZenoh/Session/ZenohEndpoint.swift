import Glibc

/// Where a Zenoh router or peer listens: `tcp/HOST:PORT` (HOST a name, an IPv4 address or `[IPv6]`).
///
/// ```swift
/// let endpoint = try ZenohEndpoint("tcp/127.0.0.1:7447")
/// ```
/// Thread: a value.
public struct ZenohEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// The host name or address.
    public var host: String
    /// The TCP port.
    public var port: Int

    /// Parses `text`.
    public init(_ text: String) throws(ZenohError) {
        guard text.hasPrefix("tcp/") else {
            throw ZenohError.invalidEndpoint("endpoint \"\(text)\" is not tcp/HOST:PORT (only TCP is supported)")
        }
        let address = text.dropFirst(4)
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]),
            (1...65535).contains(port)
        else {
            throw ZenohError.invalidEndpoint("endpoint \"\(text)\" has no port (tcp/HOST:PORT)")
        }
        var host = String(address[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw ZenohError.invalidEndpoint("endpoint \"\(text)\" has no host") }
        self.host = host
        self.port = port
    }

    public var description: String { host.contains(":") ? "tcp/[\(host)]:\(port)" : "tcp/\(host):\(port)" }

    /// A connected, blocking TCP socket (TCP_NODELAY set); waits at most `timeoutMilliseconds` for it.
    func connect(timeoutMilliseconds: Int32) throws(ZenohError) -> Int32 {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var list: UnsafeMutablePointer<addrinfo>?
        let code = getaddrinfo(host, String(port), &hints, &list)
        guard code == 0, let first = list else {
            throw ZenohError.connection("could not resolve \(self): \(String(cString: gai_strerror(code)))")
        }
        defer { freeaddrinfo(list) }
        var failure = "no address"
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let info = entry {
            entry = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue | SOCK_NONBLOCK.rawValue), 0)
            guard fd >= 0 else { continue }
            var error: Int32 = 0
            if Glibc.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) != 0 {
                error = errno
                if error == EINPROGRESS {
                    var watch = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                    if poll(&watch, 1, timeoutMilliseconds) == 1 {
                        var length = socklen_t(MemoryLayout<Int32>.size)
                        getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length)
                    } else {
                        error = ETIMEDOUT
                    }
                }
            }
            if error == 0 {
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
                var on: Int32 = 1
                setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
                return fd
            }
            failure = String(cString: strerror(error))
            close(fd)
        }
        throw ZenohError.connection("could not connect to \(self): \(failure)")
    }
}
