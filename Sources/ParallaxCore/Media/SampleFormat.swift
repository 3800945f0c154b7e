/// An audio sample format whose samples Swift reads and writes as a number type: `S16LE` as `Int16`,
/// `F32LE` as `Float`. `AudioFrame<Format>` uses it for typed, interleaved sample access.
///
/// ```swift
/// let frame = AudioFrame<S16LE>(interleaved: [0, 0, 1000, -1000], rate: 48_000, channels: 2)
/// frame[1, channel: 0]    // 1000
/// ```
public protocol SampleFormat: AudioFormat {
    /// One sample of one channel.
    associatedtype Sample: Sendable

    /// The sample stored little-endian at `offset` of `bytes`.
    static func load(from bytes: UnsafeRawBufferPointer, at offset: Int) -> Sample

    /// Stores `sample` little-endian at `offset` of `bytes`.
    static func store(_ sample: Sample, to bytes: UnsafeMutableRawBufferPointer, at offset: Int)
}

extension S16LE: SampleFormat {
    /// A signed 16-bit sample.
    public typealias Sample = Int16

    /// The sample stored little-endian at `offset` of `bytes`.
    public static func load(from bytes: UnsafeRawBufferPointer, at offset: Int) -> Int16 {
        Int16(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Int16.self))
    }

    /// Stores `sample` little-endian at `offset` of `bytes`.
    public static func store(_ sample: Int16, to bytes: UnsafeMutableRawBufferPointer, at offset: Int) {
        bytes.storeBytes(of: sample.littleEndian, toByteOffset: offset, as: Int16.self)
    }
}

extension F32LE: SampleFormat {
    /// A 32-bit float sample.
    public typealias Sample = Float

    /// The sample stored little-endian at `offset` of `bytes`.
    public static func load(from bytes: UnsafeRawBufferPointer, at offset: Int) -> Float {
        Float(bitPattern: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
    }

    /// Stores `sample` little-endian at `offset` of `bytes`.
    public static func store(_ sample: Float, to bytes: UnsafeMutableRawBufferPointer, at offset: Int) {
        bytes.storeBytes(of: sample.bitPattern.littleEndian, toByteOffset: offset, as: UInt32.self)
    }
}
