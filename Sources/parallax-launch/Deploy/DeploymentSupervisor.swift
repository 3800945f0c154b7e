import Glibc
import ParallaxSandbox

/// Runs a deployment: starts each pipeline as its own `parallax-launch` process in dependency order, prefixes
/// their output with their names, restarts them per policy, and stops them all on SIGINT or SIGTERM.
///
/// ```
/// deploy: started source (pid 4711)
/// source | Setting pipeline to PAUSED ...
/// source | Setting pipeline to PLAYING ...        ◄─ "started": now its dependents start
/// deploy: started sink (pid 4712)
/// ```
/// A pipeline has *started* once its process prints `Setting pipeline to PLAYING ...`: it has parsed,
/// negotiated and gone to PAUSED, so its elements hold their resources (sockets, files) and a dependent
/// finds them. Children run in process groups of their own, so a terminal's Ctrl-C reaches only the
/// supervisor, which stops them in reverse start order: SIGINT to one (it ends its stream), wait for it
/// to exit, SIGKILL to its group after `stopTimeout`, then the next. A second SIGINT kills every child at once.
/// A pipeline that ends past its restart limit fails the deployment: the others are stopped the same way and
/// `run()` returns 1.
/// Thread: `run()` blocks the calling thread until every child has ended.
final class DeploymentSupervisor {
    /// One pipeline's process and bookkeeping.
    private struct Child {
        let pipeline: DeploymentPipeline
        var tracker: RestartTracker
        var pid: pid_t = 0
        var output = LineReader(descriptor: -1)
        var errors = LineReader(descriptor: -1)
        var launched = false
        var started = false
        var done = false
        var restartAt: ContinuousClock.Instant?
    }

    /// The line a `parallax-launch` child prints once its pipeline is PAUSED and about to play.
    static let startedLine = "Setting pipeline to PLAYING ..."

    private var children: [Child]
    private let executable: String
    private let stopTimeout: Duration
    private let console: Console
    private var stopping = false
    private var stopOrder: [Int] = []
    private var stopTarget: (index: Int, deadline: ContinuousClock.Instant, killed: Bool)?
    private var status = ExitStatus.success

    /// A supervisor for `deployment`, running its pipelines with `executable` (a `parallax-launch`).
    init(deployment: Deployment, executable: String, stopTimeout: Duration, console: Console) {
        children = deployment.pipelines.map { Child(pipeline: $0, tracker: RestartTracker(rule: $0.restart)) }
        self.executable = executable
        self.stopTimeout = stopTimeout
        self.console = console
    }

    /// Runs every pipeline to its end (or until a signal or a failure stops them) and returns the exit status:
    /// 0 when they finished or were stopped by a signal, 1 when one failed.
    func run() -> Int32 {
        let signals: DeploymentSignals
        do {
            signals = try DeploymentSignals()
        } catch {
            console.err("error: \(error)\n")
            return ExitStatus.runtimeError
        }
        defer { signals.cancel() }
        while true {
            if !stopping { launchReady() }
            if !stopping, children.allSatisfy({ $0.pid == 0 && $0.restartAt == nil }),
                let stranded = children.firstIndex(where: { !$0.done && !$0.launched })
            {
                fail(stranded, "was never started: a pipeline it depends on ended without starting")
            }
            if stopping { advanceStop() }
            if children.allSatisfy({ $0.pid == 0 && ($0.done || stopping) }) { break }
            var descriptors = [pollfd(fd: signals.readEnd, events: Int16(POLLIN), revents: 0)]
            for child in children {
                for reader in [child.output, child.errors] where reader.isOpen {
                    descriptors.append(pollfd(fd: reader.descriptor, events: Int16(POLLIN), revents: 0))
                }
            }
            let result = poll(&descriptors, nfds_t(descriptors.count), timeoutMilliseconds())
            if result < 0, errno != EINTR {
                console.err("error: \(DeploymentRunError.system("poll", errno))\n")
                killAll()
                status = ExitStatus.runtimeError
            }
            for signal in signals.pending() where signal == SIGINT || signal == SIGTERM {
                if stopping {
                    console.out("deploy: interrupted again: killing every pipeline")
                    killAll()
                } else {
                    console.out("deploy: \(ProcessEnd.signalName(signal)): stopping every pipeline")
                    beginStop()
                }
            }
            for index in children.indices { readOutput(index) }
            for index in children.indices { reap(index) }
        }
        return status
    }

    /// Starts every pipeline whose dependencies have started, and every restart that is due.
    private func launchReady() {
        let now = ContinuousClock.now
        for index in children.indices where !stopping && children[index].pid == 0 && !children[index].done {
            if let restartAt = children[index].restartAt {
                guard now >= restartAt else { continue }
                children[index].restartAt = nil
                spawn(index)
                continue
            }
            guard !children[index].launched else { continue }
            let ready = children[index].pipeline.dependencies.allSatisfy { name in
                children.contains { $0.pipeline.name == name && $0.started }
            }
            if ready { spawn(index) }
        }
    }

    /// Starts the process of `children[index]`.
    private func spawn(_ index: Int) {
        let pipeline = children[index].pipeline
        let output: (read: Int32, write: Int32)
        let errors: (read: Int32, write: Int32)
        do {
            output = try DeploymentRunError.pipe(nonBlocking: false)
            do {
                errors = try DeploymentRunError.pipe(nonBlocking: false)
            } catch {
                close(output.read)
                close(output.write)
                throw error
            }
        } catch {
            return fail(index, "cannot be started: \(error)")
        }
        let words = pipeline.description.hasPrefix("-") ? ["--", pipeline.description] : [pipeline.description]
        let arguments = ["parallax-launch"] + pipeline.sandbox.launchArguments + words
        let code = Self.spawn(
            executable, arguments: arguments, environment: pipeline.environment, output: output.write,
            errors: errors.write)
        close(output.write)
        close(errors.write)
        guard case .success(let pid) = code else {
            close(output.read)
            close(errors.read)
            if case .failure(let error) = code { fail(index, "cannot be started: \(executable): \(error)") }
            return
        }
        _ = fcntl(output.read, F_SETFL, O_NONBLOCK)
        _ = fcntl(errors.read, F_SETFL, O_NONBLOCK)
        children[index].pid = pid
        children[index].output = LineReader(descriptor: output.read)
        children[index].errors = LineReader(descriptor: errors.read)
        children[index].launched = true
        let restarts = children[index].tracker.restarts
        console.out("deploy: \(restarts == 0 ? "started" : "restarted") \(pipeline.name) (pid \(pid))")
    }

    /// Prints what `children[index]` wrote, each line after its name, and notes when it has started.
    private func readOutput(_ index: Int) {
        let name = children[index].pipeline.name
        for line in children[index].output.read() {
            console.out("\(name) | \(line)")
            if line == Self.startedLine { children[index].started = true }
        }
        for line in children[index].errors.read() {
            console.err("\(name) | \(line)\n")
        }
    }

    /// Collects `children[index]`'s exit, if it has exited, and decides what follows.
    private func reap(_ index: Int) {
        let pid = children[index].pid
        guard pid != 0 else { return }
        var waitStatus: Int32 = 0
        let result = waitpid(pid, &waitStatus, WNOHANG)
        guard result == pid || (result < 0 && errno == ECHILD) else { return }
        let end = result == pid ? ProcessEnd(waitStatus: waitStatus) : .exited(ExitStatus.runtimeError)
        readOutput(index)
        children[index].output.close()
        children[index].errors.close()
        children[index].pid = 0
        let name = children[index].pipeline.name
        if stopping {
            children[index].done = true
            console.out("deploy: \(name) stopped (\(end))")
            return
        }
        let decision = children[index].tracker.ended(end, at: .now)
        let rule = children[index].pipeline.restart
        switch decision {
        case .finished:
            children[index].done = true
            console.out("deploy: \(name) finished (\(end))")
        case .restart(let delay):
            children[index].restartAt = .now + delay
            let count = children[index].tracker.restarts
            console.out(
                "deploy: \(name) \(end); restart \(count) in \(DeploymentRestart.text(delay)) "
                    + "(at most \(rule.maxRestarts) in \(DeploymentRestart.text(rule.window)))")
        case .failed:
            let restarts = children[index].tracker.restarts
            let limit =
                rule.policy == .never
                ? "restart: never"
                : "restart: \(rule.policy.rawValue), at most \(rule.maxRestarts) in \(DeploymentRestart.text(rule.window))"
            fail(index, "\(end) after \(restarts) restart\(restarts == 1 ? "" : "s") (\(limit))")
        }
    }

    /// Marks `children[index]` failed, says why, and stops the others.
    private func fail(_ index: Int, _ reason: String) {
        children[index].done = true
        status = ExitStatus.runtimeError
        console.err("error: pipeline \"\(children[index].pipeline.name)\" \(reason); stopping the deployment\n")
        beginStop()
    }

    /// Cancels pending starts and queues every running child to be stopped, last started first.
    private func beginStop() {
        guard !stopping else { return }
        stopping = true
        for index in children.indices { children[index].restartAt = nil }
        stopOrder = children.indices.reversed().filter { children[$0].pid != 0 }
    }

    /// Interrupts the next child to stop, or kills the current one once its time is up.
    private func advanceStop() {
        if let target = stopTarget {
            if children[target.index].pid == 0 {
                stopTarget = nil
            } else {
                if !target.killed, ContinuousClock.now >= target.deadline {
                    let child = children[target.index]
                    console.out(
                        "deploy: \(child.pipeline.name) did not stop within \(DeploymentRestart.text(stopTimeout)); killing it"
                    )
                    kill(-child.pid, SIGKILL)
                    kill(child.pid, SIGKILL)
                    stopTarget?.killed = true
                }
                return
            }
        }
        while let next = stopOrder.first {
            stopOrder.removeFirst()
            guard children[next].pid != 0 else { continue }
            kill(children[next].pid, SIGINT)
            stopTarget = (next, .now + stopTimeout, false)
            return
        }
    }

    /// SIGKILL to every running child's process group.
    private func killAll() {
        beginStop()
        for child in children where child.pid != 0 {
            kill(-child.pid, SIGKILL)
            kill(child.pid, SIGKILL)
        }
        stopOrder = []
        stopTarget = nil
    }

    /// How long `poll` may wait: until the next restart or stop deadline, or without limit.
    private func timeoutMilliseconds() -> Int32 {
        var deadlines: [ContinuousClock.Instant] = []
        if !stopping { deadlines += children.compactMap(\.restartAt) }
        if let target = stopTarget, !target.killed { deadlines.append(target.deadline) }
        guard let next = deadlines.min() else { return -1 }
        let milliseconds = DeploymentRestart.milliseconds(max(next - .now, .zero))
        return Int32(clamping: milliseconds + 1)
    }

    /// `posix_spawn` of `executable` with `output` and `errors` as standard output and error, standard input
    /// from /dev/null, `environment` added to this process's, every signal reset, in a new process group.
    private static func spawn(
        _ executable: String, arguments: [String], environment: [(name: String, value: String)], output: Int32,
        errors: Int32
    ) -> Result<pid_t, DeploymentRunError> {
        let argv = arguments.map { strdup($0) } + [nil]
        let overrides = Dictionary(environment.map { ($0.name, $0.value) }) { _, last in last }
        let envp = ProcessEnvironment.entries(overriding: overrides).map { strdup($0) } + [nil]
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
        if code == 0 { code = posix_spawn_file_actions_adddup2(&actions, output, 1) }
        if code == 0 { code = posix_spawn_file_actions_adddup2(&actions, errors, 2) }
        guard code == 0 else { return .failure(.system("posix_spawn_file_actions", code)) }
        var empty = sigset_t()
        var all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))
        var pid: pid_t = 0
        code = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard code == 0 else { return .failure(.system("posix_spawn", code)) }
        return .success(pid)
    }
}
