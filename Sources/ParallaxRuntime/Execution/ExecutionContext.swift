import CParallaxLinux
import ParallaxCore
import Synchronization

/// State shared by every streaming thread of one pipeline run: flags, clock, bus, completion.
///
/// Thread: any. Flags are atomics; completion is a mutex-protected one-shot.
final class ExecutionContext: @unchecked Sendable {  // unchecked: atomics, a C event and Mutex-guarded state only
    enum Outcome: Sendable {
        case endOfStream
        case failed(PipelineError)
        case stopped
    }

    let bus: Bus
    let clock: any PipelineClock
    private let stopping = Atomic<Bool>(false)
    private let playing = Atomic<Bool>(false)
    private let eosRequested = Atomic<Bool>(false)
    private let baseTimeNanoseconds = Atomic<UInt64>(0)
    private let sinksRemaining = Atomic<Int>(0)
    private let gate: UnsafeMutablePointer<px_event>
    private let outcome = Mutex<(result: Outcome?, waiter: CheckedContinuation<Outcome, Never>?)>((nil, nil))
    /// Hooks run by `requestStop` to wake threads blocked in pools, queues and elements.
    let wakers = Mutex<[@Sendable () -> Void]>([])
    let threads = Countdown()

    init(bus: Bus, clock: any PipelineClock, sinks: Int) {
        self.bus = bus
        self.clock = clock
        gate = .allocate(capacity: 1)
        px_event_init(gate)
        sinksRemaining.store(sinks, ordering: .relaxed)
    }

    deinit { gate.deallocate() }

    var isStopping: Bool { stopping.load(ordering: .relaxed) }
    var isEOSRequested: Bool { eosRequested.load(ordering: .relaxed) }
    var baseTime: ClockTime { ClockTime(nanoseconds: baseTimeNanoseconds.load(ordering: .acquiring)) }

    /// Releases held sources, after setting the base time from the clock.
    func play() {
        baseTimeNanoseconds.store(clock.now.nanoseconds, ordering: .releasing)
        playing.store(true, ordering: .sequentiallyConsistent)
        px_event_notify(gate)
    }

    /// Holds sources at their next buffer.
    func pause() { playing.store(false, ordering: .sequentiallyConsistent) }

    /// Blocks a source while the pipeline is paused; returns false if the pipeline is stopping.
    func waitUntilPlaying() -> Bool {
        while true {
            if isStopping { return false }
            if playing.load(ordering: .sequentiallyConsistent) { return true }
            let key = px_event_prepare(gate)
            if isStopping || playing.load(ordering: .sequentiallyConsistent) {
                px_event_cancel(gate)
                continue
            }
            px_event_wait(gate, key)
        }
    }

    var isPlaying: Bool { playing.load(ordering: .relaxed) }

    /// Asks every source to finish its stream with EOS (CLI `-e`, SIGINT).
    func requestEndOfStream() {
        eosRequested.store(true, ordering: .sequentiallyConsistent)
        clock.unschedule()
        px_event_notify(gate)
    }

    /// Makes every streaming thread unwind: sets the flag and wakes everything that may be blocked.
    func requestStop() {
        stopping.store(true, ordering: .sequentiallyConsistent)
        px_event_notify(gate)
        clock.unschedule()
        for wake in wakers.withLock({ $0 }) { wake() }
    }

    /// Called by a sink when EOS reached it; the last one completes the run.
    func sinkReachedEndOfStream() {
        if sinksRemaining.subtract(1, ordering: .sequentiallyConsistent).newValue == 0 {
            bus.post(.endOfStream)
            finish(.endOfStream)
        }
    }

    /// Records an element failure, posts it, and stops the pipeline.
    func fail(element: String, _ error: ElementError) {
        bus.post(.error(element: element, error))
        finish(.failed(.element(element, error)))
        requestStop()
    }

    /// Records a failure that is not the element's own (a renegotiation the graph cannot follow), posts it
    /// as an error of `element`, and stops the pipeline; `run()` throws `error`.
    func fail(element: String, _ error: PipelineError) {
        let message: ElementError
        if case .negotiation(let negotiation) = error {
            let details = negotiation.notes + (negotiation.help.map { ["help: \($0)"] } ?? [])
            message = ElementError(negotiation.message, debug: details.isEmpty ? nil : details.joined(separator: "\n"))
        } else {
            message = ElementError(error.description)
        }
        bus.post(.error(element: element, message))
        finish(.failed(error))
        requestStop()
    }

    /// Completes the run with `result` (the first call wins).
    func finish(_ result: Outcome) {
        let waiter: CheckedContinuation<Outcome, Never>? = outcome.withLock { state in
            guard state.result == nil else { return nil }
            state.result = result
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: result)
    }

    /// Waits until the run completes.
    func completion() async -> Outcome {
        await withCheckedContinuation { continuation in
            let ready: Outcome? = outcome.withLock { state in
                if let result = state.result { return result }
                state.waiter = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    /// The outcome so far, if the run has completed.
    var result: Outcome? { outcome.withLock { $0.result } }
}
