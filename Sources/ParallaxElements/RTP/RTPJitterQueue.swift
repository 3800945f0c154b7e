#if Network
/// The ordering logic of `rtpjitterbuffer`, apart from buffers and threads: which held packets go out, in
/// what order, and which sequence numbers were lost on the way.
///
/// Packets are held sorted by sequence number (compared with 16-bit wrap-around: `65535` comes before `0`).
/// A packet goes out when it is the next in sequence, or when the held packets span more than `latency`
/// RTP clock ticks (the oldest then goes out, and the numbers skipped before it are reported lost). A
/// packet whose number was already released or is already held is refused. The first packet of a stream is
/// held until the latency passes, so that earlier-numbered packets arriving just after it still go first.
///
/// ```
/// held (by seq):  [ 7 | 8 | 10 ]   next = 7  → 7, 8 go out; 10 waits for 9 (or for the latency)
/// ```
/// Thread: the owning element's streaming thread.
struct RTPJitterQueue<Packet: Sendable>: Sendable {
    /// One packet waiting in the queue.
    struct Held {
        var sequence: UInt16
        var timestamp: UInt32
        var arrival: UInt64
        var packet: Packet
    }

    /// What happens to a packet offered to the queue, and what goes out as a result.
    enum Event {
        /// Goes out in this order; `lost` counts the sequence numbers skipped just before it (0: none).
        case release(Packet, sequence: UInt16, lost: Int)
        /// Was thrown away unreleased because `dropOnLatency` is set.
        case dropped(sequence: UInt16)
    }

    /// Why an offered packet was refused.
    enum Refusal: Error, Equatable {
        /// Its number is already held.
        case duplicate
        /// Its number comes before what was already released.
        case late
    }

    /// The latency in RTP clock ticks.
    var latencyTicks: UInt32
    /// The latency in nanoseconds of arrival time.
    var latencyNanoseconds: UInt64
    /// Whether packets the latency pushes out of order are dropped instead of released.
    var dropOnLatency = false
    /// Most packets held at once; past it the oldest goes out as if the latency had passed.
    var capacity = 16384

    private(set) var held: [Held] = []
    /// The sequence number expected next; nil until the first packet goes out.
    private(set) var next: UInt16?
    /// Numbers dropped (`dropOnLatency`) or skipped since the last packet went out.
    private var pendingLost = 0

    /// A queue holding packets up to `latencyTicks` of RTP time and `latencyNanoseconds` of arrival time apart.
    init(latencyTicks: UInt32, latencyNanoseconds: UInt64) {
        self.latencyTicks = latencyTicks
        self.latencyNanoseconds = latencyNanoseconds
    }

    /// `a - b` for sequence numbers, with wrap-around (-32768...32767).
    static func distance(_ a: UInt16, _ b: UInt16) -> Int { Int(Int16(bitPattern: a &- b)) }

    /// Offers one packet that arrived at `arrival` (nanoseconds on a monotonic clock); returns what goes out
    /// now, or why the packet was refused.
    mutating func offer(_ packet: Packet, sequence: UInt16, timestamp: UInt32, arrival: UInt64) -> Result<
        [Event], Refusal
    > {
        if let next, Self.distance(sequence, next) < 0 { return .failure(.late) }
        let index = insertionIndex(for: sequence)
        if index < held.count, held[index].sequence == sequence { return .failure(.duplicate) }
        held.insert(Held(sequence: sequence, timestamp: timestamp, arrival: arrival, packet: packet), at: index)
        var events = releaseInSequence()
        while !held.isEmpty, exceedsLatency() || held.count > capacity {
            events.append(contentsOf: releaseOldest())
            events.append(contentsOf: releaseInSequence())
        }
        return .success(events)
    }

    /// Releases everything held, in order (end of stream).
    mutating func drain() -> [Event] {
        var events: [Event] = []
        while !held.isEmpty {
            events.append(contentsOf: releaseOldest(ignoringDrop: true))
            events.append(contentsOf: releaseInSequence())
        }
        return events
    }

    /// Forgets every packet and the expected number (a new stream).
    mutating func reset() {
        held.removeAll()
        next = nil
        pendingLost = 0
    }

    private func insertionIndex(for sequence: UInt16) -> Int {
        guard let first = held.first else { return 0 }
        let reference = next ?? first.sequence
        // Numbers before the reference (the first packet's, before anything went out) sort before it.
        let key = Self.distance(sequence, reference)
        var low = 0, high = held.count
        while low < high {
            let middle = (low + high) / 2
            if Self.distance(held[middle].sequence, reference) < key { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Whether the held packets' RTP timestamps or arrival times span more than the latency.
    private func exceedsLatency() -> Bool {
        guard let first = held.first else { return false }
        var low: Int64 = 0, high: Int64 = 0
        var earliest = first.arrival, latest = first.arrival
        for packet in held {
            let offset = Self.ticks(packet.timestamp, first.timestamp)
            low = min(low, offset)
            high = max(high, offset)
            earliest = min(earliest, packet.arrival)
            latest = max(latest, packet.arrival)
        }
        return high - low > Int64(latencyTicks) || latest - earliest > latencyNanoseconds
    }

    /// `a - b` for RTP timestamps, with wrap-around.
    static func ticks(_ a: UInt32, _ b: UInt32) -> Int64 { Int64(Int32(bitPattern: a &- b)) }

    private mutating func releaseInSequence() -> [Event] {
        var events: [Event] = []
        while let next, let first = held.first, first.sequence == next {
            held.removeFirst()
            events.append(.release(first.packet, sequence: first.sequence, lost: pendingLost))
            pendingLost = 0
            self.next = next &+ 1
        }
        return events
    }

    /// Sends the oldest held packet out, or (with `dropOnLatency`, not draining, once something went out)
    /// throws it away: the next packet that goes out then counts it, and the gap before it, as lost.
    private mutating func releaseOldest(ignoringDrop: Bool = false) -> [Event] {
        guard !held.isEmpty else { return [] }
        let first = held.removeFirst()
        let lost = next.map { max(0, Self.distance(first.sequence, $0)) } ?? 0
        next = first.sequence &+ 1
        if dropOnLatency, !ignoringDrop, lost > 0 {
            pendingLost += lost + 1
            return [.dropped(sequence: first.sequence)]
        }
        defer { pendingLost = 0 }
        return [.release(first.packet, sequence: first.sequence, lost: lost + pendingLost)]
    }
}
#endif  // Network
