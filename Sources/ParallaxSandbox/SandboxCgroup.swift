import Glibc

/// A cgroup made by `CgroupProbe.create`: one directory per hierarchy (v1 has one per controller).
public struct SandboxCgroup: Sendable, Hashable {
    /// The cgroup's directories, one per hierarchy.
    public let directories: [String]

    /// Wraps existing directories.
    public init(directories: [String]) { self.directories = directories }

    /// Moves process `pid` into the cgroup in every hierarchy.
    public func move(pid: Int32) throws(SandboxError) {
        for directory in directories {
            try SysFile.write(directory + "/cgroup.procs", String(pid))
        }
    }

    /// Removes the directories (the kernel refuses while a live or unreaped process is inside); returns
    /// whether all are gone.
    @discardableResult
    public func destroy() -> Bool {
        var allGone = true
        for directory in directories.reversed() where rmdir(directory) != 0 && errno != ENOENT {
            allGone = false
        }
        return allGone
    }

    /// Whether a directory of the cgroup still exists.
    public var exists: Bool { directories.contains { SysFile.isDirectory($0) } }
}
