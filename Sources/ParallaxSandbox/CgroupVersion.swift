/// Which cgroup hierarchy provides a controller.
public enum CgroupVersion: String, Sendable, Hashable {
    case v1, v2
}
