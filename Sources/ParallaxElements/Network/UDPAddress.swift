#if Network
import Glibc
import ParallaxCore

/// A resolved IPv4 or IPv6 socket address for the UDP elements, with what they need to know about it.
struct UDPAddress {
    /// The address bytes (`sockaddr_in` or `sockaddr_in6`).
    var storage = sockaddr_storage()
    /// The length of the address in `storage`.
    var length: socklen_t = 0

    /// `AF_INET` or `AF_INET6`.
    var family: Int32 { Int32(storage.ss_family) }

    /// Resolves `host` (a name, an IPv4 or an IPv6 literal) and `port` for UDP. Throws an error naming
    /// `element` and the host when it cannot be resolved.
    static func resolve(_ host: String, port: Int, element: String) throws(ElementError) -> UDPAddress {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_DGRAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var list: UnsafeMutablePointer<addrinfo>?
        let code = getaddrinfo(host, String(port), &hints, &list)
        guard code == 0, let first = list else {
            let reason = code == 0 ? "no address" : String(cString: gai_strerror(code))
            throw ElementError("\(element): could not resolve host \"\(host)\": \(reason)")
        }
        defer { freeaddrinfo(list) }
        // Prefer IPv4 when a name resolves to both: loopback and most RTP receivers listen there.
        var chosen = first
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            if entry.pointee.ai_family == AF_INET {
                chosen = entry
                break
            }
            cursor = entry.pointee.ai_next
        }
        var address = UDPAddress()
        address.length = chosen.pointee.ai_addrlen
        withUnsafeMutableBytes(of: &address.storage) { target in
            target.copyMemory(from: UnsafeRawBufferPointer(start: chosen.pointee.ai_addr, count: Int(address.length)))
        }
        return address
    }

    /// Whether the address is a multicast group (224.0.0.0/4 or ff00::/8).
    var isMulticast: Bool {
        withUnsafeBytes(of: storage) { raw in
            if family == AF_INET {
                let first = raw.load(fromByteOffset: 4, as: UInt8.self)  // sin_addr's first byte
                return first & 0xF0 == 0xE0
            }
            return raw.load(fromByteOffset: 8, as: UInt8.self) == 0xFF  // sin6_addr's first byte
        }
    }

    /// Calls `body` with the address as a `sockaddr` pointer and its length.
    func withSocketAddress<R>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> R) -> R {
        withUnsafeBytes(of: storage) { raw in
            body(raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), length)
        }
    }

    /// `host:port` as text, for messages.
    var text: String {
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        var service = [CChar](repeating: 0, count: Int(NI_MAXSERV))
        let code = withSocketAddress { address, length in
            getnameinfo(address, length, &host, socklen_t(host.count), &service, socklen_t(service.count),
                        NI_NUMERICHOST | NI_NUMERICSERV)
        }
        guard code == 0 else { return "?" }
        let name = String(cString: host)
        return (family == AF_INET6 ? "[\(name)]" : name) + ":" + String(cString: service)
    }
}
#endif  // Network
