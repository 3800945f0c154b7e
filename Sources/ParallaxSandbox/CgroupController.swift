/// Where one cgroup controller lives: its hierarchy and the directory of the calling process's cgroup in it.
public struct CgroupController: Sendable, Hashable {
    /// The controller's name (`memory`, `cpu`, `pids`, …).
    public var name: String
    /// v1 (its own hierarchy) or v2 (the unified hierarchy).
    public var version: CgroupVersion
    /// The calling process's cgroup directory in that hierarchy; new cgroups are created below it.
    public var directory: String

    /// Describes a controller location.
    public init(name: String, version: CgroupVersion, directory: String) {
        self.name = name
        self.version = version
        self.directory = directory
    }
}
