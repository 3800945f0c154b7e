import Dispatch
import Parallax
import Synchronization

/// The live progress line: four times a second, the buffers that reached the sinks, the current rate and the
/// time since PLAYING, drawn on standard error only when it is a terminal.
///
/// ```
/// 1234 buffers through sinks, 498.0 buffers/s, 0:00:02.4
/// ```
/// Thread: start and stop from any thread; samples are taken on a private dispatch queue.
final class ProgressReporter: Sendable {
    private let console: Console
    private let sample: @Sendable () -> UInt64
    private let start: ContinuousClock.Instant
    private let last: Mutex<(time: ContinuousClock.Instant, buffers: UInt64)>
    private let running = Mutex(false)
    // nonisolated(unsafe): a DispatchSource is thread-safe; it is set up in init and only cancelled after
    private nonisolated(unsafe) let timer: (any DispatchSourceTimer)?

    /// Starts reporting, reading the sink buffer count with `sample`, unless the console has no terminal.
    init(console: Console, sample: @escaping @Sendable () -> UInt64) {
        self.console = console
        self.sample = sample
        let now = ContinuousClock.now
        start = now
        last = Mutex((now, 0))
        guard console.progressAllowed else {
            timer = nil
            return
        }
        let source = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "parallax-launch.progress"))
        timer = source
        running.withLock { $0 = true }
        source.schedule(deadline: .now() + .milliseconds(250), repeating: .milliseconds(250))
        source.setEventHandler { [weak self] in self?.tick() }
        source.resume()
    }

    private func tick() {
        let now = ContinuousClock.now
        let buffers = sample()
        let rate = last.withLock { previous in
            let seconds = Self.seconds(now - previous.time)
            let delta = buffers >= previous.buffers ? buffers - previous.buffers : 0
            previous = (now, buffers)
            return seconds > 0 ? Double(delta) / seconds : 0
        }
        let text = Self.line(buffers: buffers, rate: rate, elapsed: now - start)
        // Drawn under the lock: a tick racing with stop() must not draw the line again after it was erased.
        running.withLock { if $0 { console.progress(text) } }
    }

    /// Stops reporting and erases the line.
    func stop() {
        running.withLock { running in
            running = false
            console.clearProgress()
        }
        timer?.cancel()
    }

    /// The progress text: `1234 buffers through sinks, 498.0 buffers/s, 0:00:02.4`.
    static func line(buffers: UInt64, rate: Double, elapsed: Duration) -> String {
        let tenths = (rate * 10).rounded()
        let rateText = tenths.isFinite && tenths < 1e15 ? "\(Int64(tenths) / 10).\(Int64(tenths) % 10)" : "-"
        let time = ClockTime(nanoseconds: nanoseconds(elapsed)).description  // H:MM:SS.nnnnnnnnn
        return "\(buffers) buffers through sinks, \(rateText) buffers/s, \(time.dropLast(8))"
    }

    /// A duration in whole nanoseconds (0 for negative durations).
    static func nanoseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0 else { return 0 }
        return UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000)
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(nanoseconds(duration)) / 1e9
    }
}
