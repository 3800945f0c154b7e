import Glibc
import Synchronization

/// The write end of the interrupt pipe, for the signal handler; -1 while no handler is installed.
/// nonisolated(unsafe): written only by `InterruptHandler` before it installs the handler and after it removes it;
/// the handler itself only reads it.
private nonisolated(unsafe) var interruptPipe: Int32 = -1

/// The SIGINT handler: writes one byte to the interrupt pipe and nothing else (`write` is async-signal-safe).
private func recordInterrupt(_ signal: Int32) {
    var byte: UInt8 = 1
    _ = write(interruptPipe, &byte, 1)
}

/// Catches SIGINT while a pipeline runs and turns each one into an `InterruptStateMachine` action.
///
/// ```
/// SIGINT ─► handler (any thread): write 1 byte ─► pipe ─► "px-sigint" thread: read ─► onAction
/// ```
/// The handler is installed with `sigaction` before `init` returns, so no interrupt is lost once the handler
/// exists, and it does nothing but write a byte to a pipe (the self-pipe trick), so nothing runs in signal
/// context. A dedicated thread, which unblocks SIGINT for itself so that the signal can always be delivered
/// even when the process started with it blocked in every thread, reads the pipe and calls `onAction` once per
/// interrupt, in order. `cancel()` restores the previous disposition and ends the thread. One handler at a time
/// per process. (A `DispatchSource` signal source was tried first: on Linux it registers asynchronously, so an
/// interrupt that came soon after it was created could be lost, and its fallback blocks every signal on the
/// thread that first receives SIGINT.)
/// Thread: create and cancel from any thread; `onAction` runs on the handler's own thread.
final class InterruptHandler: Sendable {
    private let machine = Mutex(InterruptStateMachine())
    private let writeEnd: Int32
    private let previous: Mutex<sigaction>

    /// Starts catching SIGINT; `onAction` receives what each interrupt asks for.
    init(onAction: @escaping @Sendable (InterruptStateMachine.Action) -> Void) {
        var ends: [Int32] = [-1, -1]
        if pipe(&ends) == 0 {
            _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        } else {
            ends = [-1, -1]
        }
        let readEnd = ends[0]
        writeEnd = ends[1]
        interruptPipe = writeEnd
        var action = sigaction()
        action.__sigaction_handler.sa_handler = recordInterrupt
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        var old = sigaction()
        sigaction(SIGINT, &action, &old)
        previous = Mutex(old)
        guard readEnd >= 0 else { return }
        // The thread holds the handler until cancel() closes the pipe's write end.
        Self.spawn { [self] in
            Self.nameThread("px-sigint")
            var unblock = sigset_t()
            sigemptyset(&unblock)
            sigaddset(&unblock, SIGINT)
            pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
            var bytes = [UInt8](repeating: 0, count: 16)
            while true {
                let count = read(readEnd, &bytes, bytes.count)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { break }
                for _ in 0..<count { onAction(self.machine.withLock { $0.interrupt() }) }
            }
            close(readEnd)
        }
    }

    /// The body of a new thread, handed to it through `pthread_create`'s argument.
    private final class ThreadStart: @unchecked Sendable {  // unchecked: handed to exactly one new thread
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    /// Runs `body` on a new detached thread. If no thread can be started, `body` never runs: the pipe is left
    /// open, so the handler's writes still succeed, and interrupts are then ignored.
    private static func spawn(_ body: @escaping @Sendable () -> Void) {
        let start = Unmanaged.passRetained(ThreadStart(body)).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(&thread, nil, { raw in
            guard let raw else { return nil }
            Unmanaged<ThreadStart>.fromOpaque(raw).takeRetainedValue().body()
            return nil
        }, start)
        if result == 0 {
            pthread_detach(thread)
        } else {
            Unmanaged<ThreadStart>.fromOpaque(start).release()
        }
    }

    /// Names the calling thread (as `top -H` shows it; at most 15 bytes). `pthread_setname_np` is not in the
    /// Glibc module, so this writes the name where that function does.
    private static func nameThread(_ name: String) {
        let descriptor = open("/proc/thread-self/comm", O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        var bytes = Array(name.utf8.prefix(15))
        _ = write(descriptor, &bytes, bytes.count)
        close(descriptor)
    }

    /// Whether an interrupt has asked for end-of-stream.
    var wantsEndOfStream: Bool { machine.withLock { $0.wantsEndOfStream } }

    /// Whether an interrupt has asked for an immediate stop.
    var wantsStop: Bool { machine.withLock { $0.wantsStop } }

    /// Stops catching SIGINT, restores its previous action and ends the handler's thread.
    func cancel() {
        var old = previous.withLock { $0 }
        sigaction(SIGINT, &old, nil)
        interruptPipe = -1
        if writeEnd >= 0 { close(writeEnd) }
    }
}
