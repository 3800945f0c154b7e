/// The queued inputs of an `Aggregator`, one per sink pad in pad order (`sink_0`, `sink_1`, …), as the element
/// sees them during `aggregate`: what has arrived, taken off when the element is done with it.
///
/// Made by the executor (one queue per pad, filled by each upstream's streaming thread) and by the test harness.
/// Buffers taken with `take(_:)` belong to the element, which releases them (`Buffer.release()`) when it no longer
/// needs them; buffers left queued stay with the pad. Not for elements to implement.
/// Thread: the aggregator's streaming thread, during `aggregate`.
public protocol AggregatorInputs: AnyObject {
    /// The number of sink pads.
    var count: Int { get }
    /// The oldest buffer queued on `pad`, left queued; nil when none has arrived yet.
    func peek(_ pad: Int) -> Buffer?
    /// Takes the oldest buffer queued on `pad` off the queue.
    func take(_ pad: Int) -> Buffer?
    /// Whether `pad` reached end of stream and has nothing queued: it will bring nothing more.
    func isFinished(_ pad: Int) -> Bool
}

extension AggregatorInputs {
    /// Whether every pad has finished.
    public var allFinished: Bool { (0..<count).allSatisfy(isFinished) }
}
