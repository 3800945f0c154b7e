import Glibc

/// The receiving side of a session's link: reads the socket in large pieces and hands out whole batches where
/// they lie in its buffer, so that one `recv` serves several batches and nothing is copied to cut them apart.
///
/// ```swift
/// var reader = ZenohBatchReader()
/// while true {
///     if let batch = reader.next() { handle(ZenohReader(reader.buffer, from: batch.lowerBound, to: batch.upperBound)) }
///     else if case .ended(let why) = reader.fill(from: fd) { return why }
/// }
/// ```
/// A batch is handed out once; its bytes stay where they are until the next `fill`, which moves what is left to the
/// start of the buffer when room runs out. Whoever keeps bytes of a batch past that must copy them (slices of
/// `buffer` would make `fill` copy the whole buffer). Thread: a value, used by the session's receiving thread.
struct ZenohBatchReader {
    /// What was read and not yet handed out, with batches already handed out before `start`.
    private(set) var buffer: [UInt8]
    private var start = 0
    private var end = 0

    /// A reader with room for `capacity` bytes (at least two whole batches of the largest size).
    init(capacity: Int = 256 << 10) {
        buffer = [UInt8](repeating: 0, count: max(capacity, 2 * (2 + Int(UInt16.max))))
    }

    /// The next whole batch's bytes (without their length), if one has been read.
    mutating func next() -> Range<Int>? {
        guard end - start >= 2 else { return nil }
        let length = Int(buffer[start]) | Int(buffer[start + 1]) << 8
        guard end - start >= 2 + length else { return nil }
        defer { start += 2 + length }
        return start + 2..<start + 2 + length
    }

    /// What `fill` found.
    enum Fill: Equatable {
        /// Bytes were read.
        case read
        /// Nothing is there yet (only when not waiting).
        case empty
        /// The connection ended (closed by the peer, reset, or shut down here), with the reason.
        case ended(String)
    }

    /// Reads what the socket has in one `recv`: with `wait`, blocking until something arrives; without, `.empty`
    /// when nothing has (so that a busy link is read with no `poll` between reads).
    mutating func fill(from fd: Int32, wait: Bool = true) -> Fill {
        if start == end {
            start = 0
            end = 0
        } else if buffer.count - end < 2 + Int(UInt16.max) {
            let left = end - start
            buffer.withUnsafeMutableBytes { _ = memmove($0.baseAddress!, $0.baseAddress! + start, left) }
            start = 0
            end = left
        }
        while true {
            let room = buffer.count - end
            let got = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress! + end, room, wait ? 0 : Int32(MSG_DONTWAIT)) }
            if got == 0 { return .ended("the peer closed the connection") }
            if got < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK { return .empty }
                return .ended(String(cString: strerror(errno)))
            }
            end += got
            return .read
        }
    }
}
