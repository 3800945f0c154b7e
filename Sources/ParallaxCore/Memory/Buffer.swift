/// A unit of media data with its timing: GStreamer's `GstBuffer`, as a copy-on-write value.
///
/// ```
/// Buffer ──► BufferStorage ──► arena slot (memfd)   [bytes 0 ..< length used of capacity]
///   pts, dts, duration, offset, offsetEnd, sequence, flags   (metadata lives in the value)
/// ```
/// Copies share the storage; the bytes are writable only while one copy holds it (`isWritable`), and
/// `mutableBytes` copies to fresh heap storage first when they are shared. Inside a pipeline the executor
/// lends storage from the link's pool, so making and finishing a buffer allocates nothing.
///
/// Example:
/// ```swift
/// var buffer = Buffer(capacity: 4)
/// buffer.withUnsafeMutableBytes { $0.storeBytes(of: 0xFF, toByteOffset: 0, as: UInt8.self) }
/// buffer.pts = .milliseconds(40)
/// ```
/// Thread: a buffer value is `Sendable`; hand it over rather than mutate it from two threads.
public struct Buffer: Sendable {
    /// The memory shared by copies of this buffer.
    public private(set) var storage: BufferStorage
    /// Bytes in use, from the start of the storage.
    public var length: Int {
        didSet { precondition(length >= 0 && length <= storage.capacity, "buffer length out of range") }
    }
    /// Timing, offsets, sequence number and flags.
    public var metadata: BufferMetadata

    /// A buffer over `storage` with `length` bytes in use and no timing.
    public init(storage: BufferStorage, length: Int) {
        precondition(length >= 0 && length <= storage.capacity, "buffer length out of range")
        self.storage = storage
        self.length = length
        self.metadata = BufferMetadata()
    }

    /// A zero-filled heap buffer of `capacity` bytes, all in use: for tests, appsrc and harnesses.
    public init(capacity: Int) {
        self.init(storage: BufferStorage(heapCapacity: capacity), length: capacity)
    }

    /// A heap buffer holding a copy of `bytes`.
    public init(copying bytes: some Sequence<UInt8>) {
        let array = Array(bytes)
        self.init(capacity: array.count)
        array.withUnsafeBytes { source in
            if let base = storage.base, let from = source.baseAddress { base.copyMemory(from: from, byteCount: array.count) }
        }
    }

    /// Whether this value holds the only reference to its storage (and so may write to it).
    public var isWritable: Bool {
        mutating get { isKnownUniquelyReferenced(&storage) }
    }

    /// The bytes in use, read-only.
    public var bytes: RawSpan {
        @_lifetime(borrow self) get {
            let span = RawSpan(_unsafeBytes: UnsafeRawBufferPointer(start: storage.base, count: length))
            return _overrideLifetime(span, borrowing: self)
        }
    }

    /// The bytes in use, writable; copies them to private heap storage first if the storage is shared.
    public var mutableBytes: MutableRawSpan {
        @_lifetime(&self) mutating get {
            makeWritable()
            let span = MutableRawSpan(_unsafeBytes: UnsafeMutableRawBufferPointer(start: storage.base, count: length))
            return _overrideLifetime(span, mutating: &self)
        }
    }

    /// Calls `body` with the bytes in use.
    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try body(UnsafeRawBufferPointer(start: storage.base, count: length))
    }

    /// Calls `body` with the bytes in use, writable; copies shared storage first.
    public mutating func withUnsafeMutableBytes<R, E: Error>(
        _ body: (UnsafeMutableRawBufferPointer) throws(E) -> R
    ) throws(E) -> R {
        makeWritable()
        return try body(UnsafeMutableRawBufferPointer(start: storage.base, count: length))
    }

    /// Ensures this value holds the only reference to its storage, copying the bytes in use if not.
    public mutating func makeWritable() {
        if isKnownUniquelyReferenced(&storage) { return }
        let copy = BufferStorage(heapCapacity: length)
        if let to = copy.base, let from = storage.base { to.copyMemory(from: from, byteCount: length) }
        storage = copy
    }

    /// Presentation timestamp.
    public var pts: ClockTime? {
        get { metadata.pts }
        set { metadata.pts = newValue }
    }
    /// Decoding timestamp.
    public var dts: ClockTime? {
        get { metadata.dts }
        set { metadata.dts = newValue }
    }
    /// How long the buffer lasts.
    public var duration: ClockTime? {
        get { metadata.duration }
        set { metadata.duration = newValue }
    }
    /// Stream flags.
    public var flags: BufferFlags {
        get { metadata.flags }
        set { metadata.flags = newValue }
    }

    /// The bytes in use as an array (a copy), for tests and small payloads.
    public var byteArray: [UInt8] {
        withUnsafeBytes { Array($0) }
    }

    /// Hands the storage back to its pool when this value holds the only reference; otherwise just drops
    /// this reference. The executor calls this where a buffer's journey ends, so the hot path never frees.
    ///
    /// The value is left empty (no bytes, shared empty storage), so calling it twice is harmless.
    /// It is `mutating` rather than `consuming` on purpose: a consuming call on a variable that is still in
    /// scope works on a copy, which would never be the only reference.
    public mutating func release() {
        if isKnownUniquelyReferenced(&storage), let owner = storage.owner {
            let last = storage
            storage = Buffer.releasedStorage
            owner.recycle(consume last)
        } else {
            storage = Buffer.releasedStorage
        }
        length = 0
    }

    /// The storage of released buffers: zero bytes, never recycled.
    private static let releasedStorage = BufferStorage(heapCapacity: 0)
}
