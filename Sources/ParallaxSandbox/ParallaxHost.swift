import CParallaxLinux
import Glibc
import ParallaxCore
import ParallaxElements
import Synchronization

/// The element-host side of process isolation.
///
/// Call `runIfRequested()` first thing in `main`. In a process that an `ElementHostProcess` spawned (the
/// environment holds `PARALLAX_ELEMENT_HOST` and descriptor 3 is a socket) it runs the host and never returns;
/// anywhere else it returns at once. The host sends `hello`, waits for `configure` (after the `plugin` messages
/// of any plugins to load, which it loads inside the sandbox: see `applyLoading`), applies that sandbox with
/// `SandboxApplier` while the process still has a single thread (no Dispatch, no Task, no Foundation before
/// it), answers `ready` with what was applied or `error` naming the refused step, then serves until
/// `shutdown`.
public enum ParallaxHost {
    /// The environment variable that marks a process as an element host.
    public static let environmentKey = "PARALLAX_ELEMENT_HOST"
    /// The descriptor the control socket is placed on.
    public static let controlDescriptor: Int32 = 3

    /// Exit statuses of a host.
    public enum ExitCode {
        /// `shutdown` received.
        public static let shutdown: Int32 = 0
        /// The kernel refused a sandbox step; the process was partly sandboxed and stopped.
        public static let sandboxRefused: Int32 = 70
        /// The supervisor sent something the protocol does not allow.
        public static let protocolViolation: Int32 = 71
        /// The supervisor closed the control socket.
        public static let supervisorGone: Int32 = 72
    }

    /// Whether this process was started as an element host.
    public static var isRequested: Bool {
        guard getenv(environmentKey) != nil else { return false }
        var info = stat()
        guard fstat(controlDescriptor, &info) == 0 else { return false }
        return info.st_mode & 0o170000 == 0o140000  // S_ISSOCK
    }

    private static let hostCapable = Atomic<Bool>(false)

    /// Whether this executable calls `runIfRequested` (it has, and returned because it was not started as a
    /// host): supervisors then re-execute it for their hosts, so its own registered elements can be isolated.
    public static var isHostCapable: Bool { hostCapable.load(ordering: .acquiring) }

    /// The environment variable that registers the `chaos` test element (value `1`).
    public static let chaosEnvironmentKey = "PARALLAX_CHAOS"

    /// Runs the host and exits when this process was started as one; returns immediately otherwise.
    /// `registry` is what the host can make (the stock elements by default; pass your own so that your
    /// elements can be isolated). `chaos` is added when `PARALLAX_CHAOS=1`.
    public static func runIfRequested(registry: ElementRegistry = .stock) {
        guard isRequested else {
            hostCapable.store(true, ordering: .releasing)
            return
        }
        var registry = registry
        if let flag = getenv(chaosEnvironmentKey), String(cString: flag) == "1" { registry.register(Chaos.self) }
        _exit(serve(ControlChannel(descriptor: controlDescriptor), registry: registry))
    }

    /// The host loop on `channel`; returns the exit status.
    static func serve(_ channel: ControlChannel, registry: ElementRegistry = .stock) -> Int32 {
        do {
            try channel.send(.hello(version: UInt32(ControlMessage.version), pid: getpid()))
            var plugins: [(name: String, descriptor: Int32)] = []
            let sandbox: ElementSandbox
            while true {
                let (message, descriptor) = try channel.receiveWithDescriptor()
                if case .plugin(let name) = message, let descriptor {
                    plugins.append((name, descriptor))
                    continue
                }
                if let descriptor { close(descriptor) }
                guard case .configure(let configured) = message else {
                    return refuse(channel, "expected configure first")
                }
                sandbox = configured
                break
            }
            let (report, libraries) = plugins.isEmpty ? (apply(sandbox), []) : applyLoading(sandbox, plugins)
            if let failure = report.failure {
                try? channel.send(.error(failure.description))
                return ExitCode.sandboxRefused
            }
            try channel.send(.ready(report))
            var registry = registry
            for library in libraries {
                try channel.send(.pluginDescription(describe(library, into: &registry)))
            }
            var loop = HostLoop(channel: channel, registry: registry)
            return try loop.run()
        } catch .closed {
            return ExitCode.supervisorGone
        } catch {
            return refuse(channel, error.description)
        }
    }

    /// Applies `sandbox` and reports every step, including the one that failed; a filter that cannot be
    /// built is reported as a refused seccomp step. `filter` replaces the profile's filter.
    static func apply(_ sandbox: ElementSandbox, filter: [UInt8]? = nil) -> SandboxReport {
        do {
            return try SandboxApplier.withPlan(for: sandbox, filter: filter) { plan in
                var result = px_sandbox_result()
                _ = px_sandbox_apply(plan, &result)
                return SandboxReport(result: result, requested: sandbox.namespaces)
            }
        } catch {
            var result = px_sandbox_result()
            result.failed_step = Int32(PX_STEP_SECCOMP)
            result.failed_errno = EINVAL
            return SandboxReport(result: result, requested: sandbox.namespaces)
        }
    }

    private static func refuse(_ channel: ControlChannel, _ text: String) -> Int32 {
        try? channel.send(.error(text))
        let line = "parallax element host: \(text)\n"
        _ = line.withCString { write(2, $0, strlen($0)) }
        return ExitCode.protocolViolation
    }
}
