import Glibc

/// Finds, at run time, which cgroup controllers exist and in which hierarchy (v1, v2 or a hybrid of both),
/// and creates cgroups for element hosts below the calling process's own cgroup.
public struct CgroupProbe: Sendable, Hashable {
    /// The cgroup file-system root (normally /sys/fs/cgroup).
    public var root: String
    /// Controllers found, by name.
    public var controllers: [String: CgroupController]

    /// Reads /proc/self/cgroup and the mounted hierarchies under `root`.
    /// A controller bound to a v1 hierarchy is reported as v1 (it cannot also be active in v2); otherwise it
    /// is v2 when the unified hierarchy lists it in `cgroup.controllers`.
    public static func detect(root: String = "/sys/fs/cgroup", selfCgroup: String = "/proc/self/cgroup")
        -> CgroupProbe
    {
        var found: [String: CgroupController] = [:]
        var unifiedPath: String?
        for line in (SysFile.read(selfCgroup) ?? "").split(separator: "\n") {
            let fields = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else { continue }
            let names = fields[1].split(separator: ",").map(String.init)
            let path = String(fields[2])
            if fields[0] == "0" && names.isEmpty {
                unifiedPath = path
                continue
            }
            for name in names where !name.hasPrefix("name=") {
                for mount in [name, names.joined(separator: ",")] where SysFile.isDirectory("\(root)/\(mount)") {
                    found[name] = CgroupController(name: name, version: .v1, directory: join(root, mount, path))
                    break
                }
            }
        }
        if let unifiedPath {
            let unifiedRoot = SysFile.isDirectory("\(root)/unified") ? "\(root)/unified" : root
            let list = SysFile.read("\(unifiedRoot)/cgroup.controllers") ?? ""
            let offered = list.split(whereSeparator: \.isWhitespace)
            for name in offered.map(String.init) where found[name] == nil {
                found[name] = CgroupController(name: name, version: .v2, directory: join(unifiedRoot, "", unifiedPath))
            }
        }
        return CgroupProbe(root: root, controllers: found)
    }

    /// Describes a probe result directly (for tests and `--inspect`).
    public init(root: String, controllers: [String: CgroupController]) {
        self.root = root
        self.controllers = controllers
    }

    /// Creates cgroup `name` in every hierarchy `limits` needs and writes the limits.
    /// Throws `controllerMissing` when a needed controller is absent; removes what it made on failure.
    public func create(name: String, limits: CgroupLimits) throws(SandboxError) -> SandboxCgroup {
        var made: [CgroupController] = []
        for controller in limits.controllers {
            guard let found = controllers[controller] else {
                SandboxCgroup(directories: made.map(\.directory)).destroy()
                throw .controllerMissing(controller)
            }
            var location = found
            location.directory = found.directory + "/" + name
            if made.contains(where: { $0.directory == location.directory }) { continue }
            if location.version == .v2 {
                try? SysFile.write(found.directory + "/cgroup.subtree_control", "+" + controller)
            }
            if mkdir(location.directory, 0o755) != 0 && errno != EEXIST {
                let code = errno
                SandboxCgroup(directories: made.map(\.directory)).destroy()
                throw .cgroup("mkdir \(location.directory)", code)
            }
            made.append(location)
        }
        let group = SandboxCgroup(directories: made.map(\.directory))
        do {
            for location in made {
                try Self.writeLimits(limits, in: location)
            }
        } catch {
            group.destroy()
            throw error
        }
        return group
    }

    private static func writeLimits(_ limits: CgroupLimits, in location: CgroupController) throws(SandboxError) {
        let dir = location.directory
        switch (location.name, location.version) {
        case ("memory", .v1):
            if let bytes = limits.memoryBytes { try SysFile.write(dir + "/memory.limit_in_bytes", String(bytes)) }
        case ("memory", .v2):
            if let bytes = limits.memoryBytes { try SysFile.write(dir + "/memory.max", String(bytes)) }
        case ("cpu", .v1):
            if let quota = limits.cpuQuotaMicroseconds {
                try SysFile.write(dir + "/cpu.cfs_period_us", String(limits.cpuPeriodMicroseconds))
                try SysFile.write(dir + "/cpu.cfs_quota_us", String(quota))
            }
        case ("cpu", .v2):
            if let quota = limits.cpuQuotaMicroseconds {
                try SysFile.write(dir + "/cpu.max", "\(quota) \(limits.cpuPeriodMicroseconds)")
            }
        case ("pids", _):
            if let pids = limits.pids { try SysFile.write(dir + "/pids.max", String(pids)) }
        default:
            break
        }
    }

    private static func join(_ root: String, _ mount: String, _ path: String) -> String {
        var result = mount.isEmpty ? root : root + "/" + mount
        if path != "/" { result += path }
        return result
    }
}
