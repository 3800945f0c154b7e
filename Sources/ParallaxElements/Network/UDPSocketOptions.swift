#if Network
import Glibc
import ParallaxCore

/// Socket options the UDP elements set, each failing with a message naming the element and the option.
enum UDPSocketOptions {
    static func set(_ fd: Int32, _ level: Int32, _ option: Int32, _ value: Int32, _ what: String, element: String)
        throws(ElementError)
    {
        var value = value
        guard setsockopt(fd, level, option, &value, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
            throw ElementError("\(element): could not set \(what): \(String(cString: strerror(errno)))")
        }
    }

    /// Joins multicast group `group` on any interface (IPv4 or IPv6).
    static func join(_ fd: Int32, _ group: UDPAddress, element: String) throws(ElementError) {
        let result: Int32 = group.withSocketAddress { address, _ in
            if group.family == AF_INET {
                var request = ip_mreq()
                request.imr_multiaddr = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
                request.imr_interface.s_addr = 0  // INADDR_ANY
                return setsockopt(fd, Int32(IPPROTO_IP), IP_ADD_MEMBERSHIP, &request, socklen_t(MemoryLayout<ip_mreq>.size))
            }
            var request = ipv6_mreq()
            request.ipv6mr_multiaddr = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                $0.pointee.sin6_addr
            }
            request.ipv6mr_interface = 0
            return setsockopt(
                fd, Int32(IPPROTO_IPV6), IPV6_ADD_MEMBERSHIP, &request, socklen_t(MemoryLayout<ipv6_mreq>.size))
        }
        guard result == 0 else {
            throw ElementError("\(element): could not join multicast group \(group.text): \(String(cString: strerror(errno)))")
        }
    }
}
#endif  // Network
