/// One named pipeline of a deployment file, validated and with its variables substituted.
///
/// ```yaml
/// camera:
///   description: videotestsrc is-live=true ! zenoh_pub key=${SITE}/camera/1
///   restart: on-failure
///   sandbox: network
///   depends_on: [router]
///   environment: { RUST_LOG: info }
/// ```
/// A pure value; any thread.
struct DeploymentPipeline: Sendable, Hashable {
    /// The pipeline's name, its key in `pipelines` (letters, digits, `-`, `_`, `.`).
    var name: String
    /// The launch description, variables substituted.
    var description: String
    /// When it is started again.
    var restart = DeploymentRestart()
    /// The isolation it runs under.
    var sandbox = DeploymentSandbox.none
    /// The pipelines that must have started before this one starts, in file order.
    var dependencies: [String] = []
    /// Variables added to its process's environment, in file order, values substituted.
    var environment: [(name: String, value: String)] = []

    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.name == rhs.name && lhs.description == rhs.description && lhs.restart == rhs.restart
            && lhs.sandbox == rhs.sandbox && lhs.dependencies == rhs.dependencies
            && lhs.environment.map(\.name) == rhs.environment.map(\.name)
            && lhs.environment.map(\.value) == rhs.environment.map(\.value)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(description)
    }
}
