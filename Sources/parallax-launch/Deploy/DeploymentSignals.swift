import Glibc

/// The write end of the deployment's signal pipe, for the handler; -1 while none is installed.
/// nonisolated(unsafe): written only by `DeploymentSignals` before installing the handlers and after
/// removing them; the handler only reads it.
private nonisolated(unsafe) var signalPipe: Int32 = -1

/// The handler: writes the signal's number as one byte, nothing else (`write` is async-signal-safe).
private func recordSignal(_ signal: Int32) {
    var byte = UInt8(truncatingIfNeeded: signal)
    let saved = errno
    _ = write(signalPipe, &byte, 1)
    errno = saved
}

/// SIGINT, SIGTERM and SIGCHLD turned into bytes on a pipe that the supervisor polls (the self-pipe trick).
///
/// ```
/// signal ─► handler: write its number ─► pipe ─► DeploymentSupervisor's poll loop: read ─► act
/// ```
/// One instance per process at a time. Thread: create, read and cancel from the supervisor's thread.
final class DeploymentSignals {
    /// The descriptor to poll; reads give one byte per signal.
    let readEnd: Int32
    private let writeEnd: Int32
    private var previous: [Int32: sigaction] = [:]

    /// The signals caught.
    static let caught = [SIGINT, SIGTERM, SIGCHLD]

    /// Installs the handlers and unblocks the signals on the calling thread.
    init() throws(DeploymentRunError) {
        (readEnd, writeEnd) = try DeploymentRunError.pipe(nonBlocking: true)
        signalPipe = writeEnd
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for signal in Self.caught {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = recordSignal
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART | (signal == SIGCHLD ? SA_NOCLDSTOP : 0)
            var old = sigaction()
            sigaction(signal, &action, &old)
            previous[signal] = old
            sigaddset(&unblock, signal)
        }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    }

    /// The signals that arrived since the last call, in order.
    func pending() -> [Int32] {
        var bytes = [UInt8](repeating: 0, count: 64)
        var signals: [Int32] = []
        while true {
            let count = read(readEnd, &bytes, bytes.count)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            signals += bytes[..<count].map { Int32($0) }
        }
        return signals
    }

    /// Restores the previous handlers and closes the pipe.
    func cancel() {
        for (signal, old) in previous {
            var old = old
            sigaction(signal, &old, nil)
        }
        signalPipe = -1
        close(writeEnd)
        close(readEnd)
    }
}
