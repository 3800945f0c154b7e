import CParallaxLinux
import Glibc

/// The supervisor's handle on one element host: a process started with `posix_spawn` (never `fork`), its
/// control socket and a pidfd that watches it.
///
/// The host gets the child end of a `socketpair(AF_UNIX, SOCK_SEQPACKET)` as descriptor 3, `/dev/null` as
/// standard input, the supervisor's standard output and error, and no other descriptor (closed with
/// `posix_spawn_file_actions_addclosefrom_np`). Its signal mask is empty and every handler is reset to the
/// default. Its environment is the supervisor's plus `PARALLAX_ELEMENT_HOST=1` and `SWIFT_BACKTRACE=enable=no`
/// (the crash backtracer cannot run under seccomp, and it makes every crash report slower).
///
/// A handle that goes away with its host still running kills and reaps it, so no child outlives its handle.
/// Not `Sendable`: one owner drives the handshake and the reaping.
public final class ElementHostProcess {
    /// The host's pid.
    public let pid: pid_t
    /// The executable that was spawned.
    public let executable: String
    /// The supervisor's end of the control socket.
    public let channel: ControlChannel
    /// A pidfd for the host: readable (`POLLIN`) once it has exited.
    public let pidDescriptor: Int32
    private var status: ElementHostExit?

    /// The running executable, for applications that call `ParallaxHost.runIfRequested()` first in `main`.
    public static let currentExecutable = "/proc/self/exe"

    /// The stock `parallax-element-host` beside the running executable.
    public static var stockExecutable: String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return "parallax-element-host" }
        let path = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let slash = path.lastIndex(of: "/") else { return "parallax-element-host" }
        return String(path[...slash]) + "parallax-element-host"
    }

    /// Spawns `executable` in host mode. `arguments` follow `argv[0]`, which is `displayName` when given (what
    /// `ps` shows); `environment` adds or replaces variables.
    /// Throws `ElementHostError.spawnFailed` naming the executable when it cannot be started.
    public init(
        executable: String = ElementHostProcess.stockExecutable, arguments: [String] = [],
        environment: [String: String] = [:], displayName: String? = nil
    ) throws(ElementHostError) {
        var pair: [Int32] = [-1, -1]
        let socketType = Int32(SOCK_SEQPACKET.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        guard socketpair(AF_UNIX, socketType, 0, &pair) == 0 else { throw .system("socketpair", errno) }
        let (mine, theirs) = (pair[0], pair[1])

        var settings = environment
        settings[ParallaxHost.environmentKey] = "1"
        settings["SWIFT_BACKTRACE"] = "enable=no"
        let spawned = Self.spawn(
            executable, name: displayName ?? executable, arguments: arguments, environment: settings, control: theirs)
        close(theirs)
        guard case .success(let pid) = spawned else {
            close(mine)
            if case .failure(let error) = spawned { throw error }
            fatalError("unreachable")
        }
        let pidfd = px_pidfd_open(pid)
        if pidfd < 0 {
            let code = errno
            kill(pid, SIGKILL)
            var ignored: Int32 = 0
            while waitpid(pid, &ignored, 0) < 0 && errno == EINTR {}
            close(mine)
            throw .system("pidfd_open", code)
        }
        self.pid = pid
        self.executable = executable
        self.channel = ControlChannel(descriptor: mine)
        self.pidDescriptor = pidfd
    }

    deinit {
        if status == nil {
            _ = px_pidfd_send_signal(pidDescriptor, SIGKILL)
            var raw: Int32 = 0
            while waitpid(pid, &raw, 0) < 0 && errno == EINTR {}
        }
        close(channel.descriptor)
        close(pidDescriptor)
    }

    /// Runs the start-up handshake: waits for `hello`, sends `configure(sandbox)`, and returns the host's
    /// `ready` report. A host that reports an error, breaks the protocol or dies on the way is an error that
    /// says so (a dead host is reaped and its exit status or signal named).
    @discardableResult
    public func start(sandbox: ElementSandbox) throws(ElementHostError) -> SandboxReport {
        try start(sandbox: sandbox, plugins: [])
    }

    /// `start(sandbox:)` for a host that loads `plugins` inside its sandbox: each is sent, its descriptor
    /// attached, before `configure`; after `ready` the host sends one `pluginDescription` per plugin, in order,
    /// which the caller reads.
    public func start(sandbox: ElementSandbox, plugins: [PluginFile]) throws(ElementHostError) -> SandboxReport {
        try requestStart(sandbox: sandbox, plugins: plugins)
        return try awaitReady()
    }

    /// The first half of `start(sandbox:plugins:)`: sends the `plugin` messages and `configure` without waiting
    /// for the host, which reads them once it has said `hello`. The socket keeps them meanwhile, so the host
    /// starts up while the caller does other work (starts other hosts); `awaitReady()` reads the answers.
    ///
    /// ```swift
    /// let hosts = try specs.map { _ in try ElementHostProcess() }
    /// for host in hosts { try host.requestStart(sandbox: sandbox, plugins: []) }   // all start up at once
    /// for host in hosts { try host.awaitReady() }
    /// ```
    /// Move the host into its cgroup before calling this: it sandboxes itself as soon as it reads `configure`.
    /// A host that has already gone is not an error here: `awaitReady()` reaps it and says how it ended.
    public func requestStart(sandbox: ElementSandbox, plugins: [PluginFile]) throws(ElementHostError) {
        for plugin in plugins {
            try sendAhead(.plugin(plugin.path), attaching: plugin.descriptor)
        }
        try sendAhead(.configure(sandbox))
    }

    /// Sends a message the host reads later; a host that has gone is reported by the next `receive`.
    func sendAhead(_ message: ControlMessage, attaching descriptor: Int32 = -1) throws(ElementHostError) {
        do {
            try channel.send(message, attaching: descriptor)
        } catch .closed {
            return
        } catch {
            throw .protocolViolation(error.description)
        }
    }

    /// The second half of `start(sandbox:plugins:)`: reads `hello` and then the host's `ready` report. A host
    /// that reports an error, breaks the protocol or dies on the way is an error that says so.
    @discardableResult
    public func awaitReady() throws(ElementHostError) -> SandboxReport {
        switch try receive(during: "start-up") {
        case .hello(let version, _) where version == UInt32(ControlMessage.version): break
        case .hello(let version, _): throw .protocolViolation("host speaks protocol version \(version)")
        case let other: throw .protocolViolation("expected hello, got \(other)")
        }
        switch try receive(during: "sandboxing") {
        case .ready(let report): return report
        case .error(let text): throw .hostReported(text)
        case let other: throw .protocolViolation("expected ready, got \(other)")
        }
    }

    /// Sends one message to the host.
    public func send(_ message: ControlMessage) throws(ElementHostError) {
        do { try channel.send(message) } catch { throw .protocolViolation(error.description) }
    }

    /// Blocks for the host's next message. When the host has gone, it is reaped and the error says how it ended.
    public func receive(during phase: String = "operation") throws(ElementHostError) -> ControlMessage {
        do {
            return try channel.receive()
        } catch .closed {
            let exit = try wait()
            throw .hostReported("exited during \(phase) (\(exit))")
        } catch {
            throw .protocolViolation(error.description)
        }
    }

    /// Asks the host to exit and waits for it.
    @discardableResult
    public func shutdown() throws(ElementHostError) -> ElementHostExit {
        try send(.shutdown)
        return try wait()
    }

    /// Whether the host has exited (the pidfd is readable); does not reap it.
    public var hasExited: Bool {
        if status != nil { return true }
        var entry = pollfd(fd: pidDescriptor, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 0) == 1
    }

    /// Sends `signal` through the pidfd (no risk of hitting a recycled pid); nothing once the host is reaped.
    public func signal(_ signal: Int32) throws(ElementHostError) {
        guard status == nil else { return }
        if px_pidfd_send_signal(pidDescriptor, signal) != 0 && errno != ESRCH {
            throw .system("pidfd_send_signal", errno)
        }
    }

    /// Kills the host with SIGKILL; `wait()` then reports `.signaled(SIGKILL)`.
    public func terminate() throws(ElementHostError) { try signal(SIGKILL) }

    /// Blocks on the pidfd until the host exits, reaps it, and returns how it ended; later calls return the same.
    @discardableResult
    public func wait() throws(ElementHostError) -> ElementHostExit {
        if let status { return status }
        var entry = pollfd(fd: pidDescriptor, events: Int16(POLLIN), revents: 0)
        while poll(&entry, 1, -1) < 0 {
            if errno != EINTR { throw .system("poll(pidfd)", errno) }
        }
        var raw: Int32 = 0
        while waitpid(pid, &raw, 0) < 0 {
            if errno != EINTR { throw .system("waitpid", errno) }
        }
        let exit: ElementHostExit =
            px_wifsignaled(raw) != 0 ? .signaled(px_wtermsig(raw)) : .exited(px_wexitstatus(raw))
        status = exit
        return exit
    }

    /// `posix_spawn` with the control socket on descriptor 3 and everything else closed.
    private static func spawn(
        _ executable: String, name: String, arguments: [String], environment: [String: String], control: Int32
    ) -> Result<pid_t, ElementHostError> {
        let argv = ([name] + arguments).map { strdup($0) } + [nil]
        let envp = ProcessEnvironment.entries(overriding: environment).map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }

        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        var code = posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if code == 0 { code = posix_spawn_file_actions_adddup2(&actions, control, ParallaxHost.controlDescriptor) }
        if code == 0 { code = px_spawn_file_actions_addclosefrom(&actions, ParallaxHost.controlDescriptor + 1) }
        guard code == 0 else { return .failure(.system("posix_spawn_file_actions", code)) }
        var empty = sigset_t()
        var all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, px_spawn_reset_signals_flags())

        var pid: pid_t = 0
        code = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard code == 0 else { return .failure(.spawnFailed(executable: executable, errno: code)) }
        return .success(pid)
    }
}
