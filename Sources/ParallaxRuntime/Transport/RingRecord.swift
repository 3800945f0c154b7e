/// Bytes each record of a `SharedRing` occupies.
public let ringRecordSize = 128

/// A value that travels through a `SharedRing`: written into and read from `ringRecordSize` bytes of
/// shared memory. `load` must check everything it reads (the other process is not trusted) and return nil
/// for bytes no honest writer produces.
public protocol RingRecord: Sendable {
    /// Writes the record into `ringRecordSize` bytes at `base`.
    func store(to base: UnsafeMutableRawPointer)
    /// Reads a record, or nil when the bytes do not make one.
    static func load(from base: UnsafeRawPointer) -> Self?
}
