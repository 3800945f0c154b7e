/// A sample's payload: bytes that may share the storage of the message they arrived in, so that reading a large
/// sample copies nothing. Indexed from 0 like an array.
///
/// ```swift
/// let payload: ZenohBytes = [1, 2, 3]
/// payload.count                                   // 3
/// payload.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
/// Array(payload)                                  // an array of its own
/// ```
/// Thread: a value.
public struct ZenohBytes: RandomAccessCollection, Sendable, Equatable, ExpressibleByArrayLiteral {
    private let storage: ArraySlice<UInt8>

    /// The bytes of `array` (shared, not copied).
    public init(_ array: [UInt8]) {
        storage = array[...]
    }

    /// The bytes of `slice` (shared, not copied).
    public init(_ slice: ArraySlice<UInt8>) {
        storage = slice
    }

    /// The listed bytes.
    public init(arrayLiteral elements: UInt8...) {
        storage = elements[...]
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { storage.count }
    public subscript(position: Int) -> UInt8 { storage[storage.startIndex + position] }

    /// Calls `body` with the bytes' memory, valid only during the call.
    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        let result: Result<R, E> = storage.withUnsafeBytes { bytes in
            do throws(E) { return .success(try body(bytes)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// The same bytes in storage of their own, so that they no longer keep a larger message alive.
    public func compacted() -> ZenohBytes { ZenohBytes(Array(storage)) }

    public static func == (lhs: ZenohBytes, rhs: ZenohBytes) -> Bool { lhs.storage.elementsEqual(rhs.storage) }
}
