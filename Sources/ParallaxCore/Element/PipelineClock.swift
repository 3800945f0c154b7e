/// The clock a pipeline runs on: a monotonic time source that streaming threads can wait on.
///
/// The pipeline's running time is `clock.now - baseTime`, where `baseTime` is taken when the pipeline
/// goes to PLAYING. Live sources wait for the time a buffer is due; `sync=true` sinks wait for a buffer's
/// running time. The system clock is `MonotonicClock` (ParallaxRuntime); tests drive time with
/// `ManualClock` (ParallaxTesting).
///
/// Thread: `now` from any thread; `wait` blocks the calling streaming thread; `unschedule` from any thread.
public protocol PipelineClock: AnyObject, Sendable {
    /// The current time.
    var now: ClockTime { get }

    /// Blocks until the clock reaches `deadline`, or until `unschedule()` is called.
    /// Returns `.reached`, or `.unscheduled` when woken early to stop.
    func wait(until deadline: ClockTime) -> ClockWaitResult

    /// Wakes every waiter with `.unscheduled` (used when stopping or flushing); later waits block again.
    func unschedule()
}

/// How a clock wait ended.
public enum ClockWaitResult: Sendable, Hashable {
    /// The deadline was reached.
    case reached
    /// The wait was cut short to stop or flush.
    case unscheduled
}
