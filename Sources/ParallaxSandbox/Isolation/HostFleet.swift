import Synchronization

/// The element hosts of one pipeline run, so that stopping the pipeline shuts them down together: the first
/// host to stop sends every other one `shutdown` before it waits for its own, and each later `stop()` only
/// waits for a host that is already exiting. Hosts exit side by side instead of one after the other.
///
/// ```
/// stop(fakesrc0):  shutdown → identity0, fakesink0; shutdown → fakesrc0; wait fakesrc0
/// stop(identity0): wait identity0          (exiting since the first stop)
/// ```
/// Holds its connections weakly: a connection holds the fleet. Thread: any; called when the pipeline stops,
/// after its streaming threads have ended.
final class HostFleet: Sendable {
    private struct Member {
        weak var connection: HostConnection?
    }

    private let members = Mutex<[Member]>([])

    /// Adds a host of the run.
    func add(_ connection: HostConnection) {
        members.withLock { $0.append(Member(connection: connection)) }
    }

    /// Sends `shutdown` to every host of the run but `connection`, without waiting for any.
    func requestShutdown(except connection: HostConnection) {
        let others = members.withLock { $0.compactMap(\.connection) }.filter { $0 !== connection }
        for other in others { other.requestShutdown() }
    }
}
