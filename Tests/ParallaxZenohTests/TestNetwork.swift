import Foundation
import Glibc

/// Machines simulated on this one: network namespaces, a hub joined to each host by a veth pair of its own with a
/// /30 subnet of its own (host i: hub 10.77.i.1, host 10.77.i.2), made with iproute2's `ip` and removed by
/// `remove()` (or when the value goes away), also when a test fails. Names carry the process id and a random
/// part, so runs side by side never meet; namespaces a killed run left behind (its process gone) are removed
/// when the next one starts.
///
/// ```
///            10.77.1.1 ┌─────┐ 10.77.2.1
///   pub eth0 ──────────┤ hub ├────────── eth0 sub
///   10.77.1.2     h1   └─────┘   h2      10.77.2.2
/// ```
/// Needs root (CAP_NET_ADMIN and CAP_SYS_ADMIN). Thread: one test at a time.
final class TestNetwork {
    /// The namespace names by role: "hub" and each host's.
    let namespaces: [String: String]
    /// The hosts, in link order.
    let hosts: [String]

    static let prefix = "pxtest-"

    /// A step that failed, with `ip`'s own words.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// `ip`, where iproute2 installs it.
    static let ip: String? = ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// A hub joined to `hosts`; nil, with the reason printed, when this process is not root or the kernel
    /// refuses a namespace (no CAP_NET_ADMIN, as in an unprivileged container).
    static func make(hosts: [String]) throws -> TestNetwork? {
        guard getuid() == 0 else {
            print("skipped: network namespaces need root (uid \(getuid()))")
            return nil
        }
        guard ip != nil else {
            print("skipped: iproute2's ip is not installed (scripts/install-deps.sh installs it)")
            return nil
        }
        removeLeftovers()
        let run = "\(getpid())-\(UInt32.random(in: 0...UInt32.max) & 0xFFFFFF)"
        var namespaces = ["hub": "\(prefix)\(run)-hub"]
        for host in hosts { namespaces[host] = "\(prefix)\(run)-\(host)" }
        let hub = namespaces["hub"]!
        let (status, output) = try command(["netns", "add", hub])
        guard status == 0 else {
            print("skipped: `ip netns add` failed: \(output)")
            return nil
        }
        let network = TestNetwork(namespaces: namespaces, hosts: hosts)
        try network.ip(["-n", hub, "link", "set", "lo", "up"])
        for (index, host) in hosts.enumerated() {
            let name = namespaces[host]!, subnet = "10.77.\(index + 1)"
            try network.ip(["netns", "add", name])
            try network.ip(["-n", name, "link", "set", "lo", "up"])
            // Made inside the hub and moved into the host: the pair never has a name in this namespace.
            try network.ip(
                ["-n", hub, "link", "add", "h\(index + 1)", "type", "veth", "peer", "name", "eth0", "netns", name])
            try network.ip(["-n", hub, "address", "add", "\(subnet).1/30", "dev", "h\(index + 1)"])
            try network.ip(["-n", name, "address", "add", "\(subnet).2/30", "dev", "eth0"])
            try network.ip(["-n", hub, "link", "set", "h\(index + 1)", "up"])
            try network.ip(["-n", name, "link", "set", "eth0", "up"])
        }
        return network
    }

    private init(namespaces: [String: String], hosts: [String]) {
        self.namespaces = namespaces
        self.hosts = hosts
    }

    deinit { remove() }

    /// The hub's address on `host`'s link.
    func hubAddress(for host: String) -> String { "10.77.\((hosts.firstIndex(of: host) ?? 0) + 1).1" }

    /// `command` run in `role`'s namespace, through `ip netns exec`.
    func command(in role: String, _ command: [String]) -> [String] {
        [Self.ip ?? "ip", "netns", "exec", namespaces[role] ?? role] + command
    }

    /// Takes `host`'s end of its link down (the cable pulled) or brings it up again.
    func setLink(of host: String, up: Bool) throws {
        try ip(["-n", namespaces[host] ?? host, "link", "set", "eth0", up ? "up" : "down"])
    }

    /// Deletes every namespace (and with them the veth pairs). Safe to call twice.
    func remove() {
        for name in namespaces.values { _ = try? Self.command(["netns", "delete", name]) }
    }

    /// Runs `ip arguments`; throws with its output when it fails.
    private func ip(_ arguments: [String]) throws {
        let (status, output) = try Self.command(arguments)
        guard status == 0 else {
            throw Failure(description: "ip \(arguments.joined(separator: " ")) failed (\(status)): \(output)")
        }
    }

    /// Runs `ip arguments`; its status and output (stdout and stderr).
    @discardableResult
    private static func command(_ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ip ?? "/usr/sbin/ip")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Deletes the namespaces of runs whose process is gone.
    private static func removeLeftovers() {
        guard let (_, list) = try? command(["netns", "list"]) else { return }
        for line in list.split(separator: "\n") {
            let name = String(line.split(separator: " ").first ?? "")
            guard name.hasPrefix(prefix),
                let pid = Int32(name.dropFirst(prefix.count).split(separator: "-").first ?? ""),
                kill(pid, 0) != 0, errno == ESRCH
            else { continue }
            _ = try? command(["netns", "delete", name])
        }
    }
}
