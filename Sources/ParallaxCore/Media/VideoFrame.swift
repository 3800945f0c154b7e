/// A raw video frame: a `Buffer` read through the plane layout a `VideoInfo` describes.
///
/// ```swift
/// let info = VideoInfo(format: .i420, width: 320, height: 240)
/// if let frame = VideoFrame(buffer: buffer, info: info) {
///     let luma = frame.pixel(x: 10, y: 20)               // plane 0, row 20, column 10
///     let u = frame.pixel(x: 5, y: 10, plane: 1)         // chroma planes are half size in 4:2:0
///     frame.withPlane(2) { v in print(v.count) }         // the whole V plane, padding included
/// }
/// ```
/// Planes follow `VideoFormat.layout(width:height:)`: rows of `strides[plane]` bytes starting at
/// `offsets[plane]`. `x` counts bytes within a row, which is the pixel column for formats of one byte per
/// sample (GRAY8, the planes of I420, YV12 and Y444, the Y plane of NV12); for packed formats use
/// `x * info.format.pixelStride + component`. Reading does not copy the buffer.
public struct VideoFrame: Sendable {
    /// The frame's bytes.
    public let buffer: Buffer
    /// The format, size and plane layout.
    public let info: VideoInfo

    /// Views `buffer` as a frame of `info`; nil when the buffer is shorter than `info.size`.
    public init?(buffer: Buffer, info: VideoInfo) {
        guard buffer.length >= info.size else { return nil }
        self.buffer = buffer
        self.info = info
    }

    /// The number of planes (1 for packed formats, 2 for NV12/NV21, 3 for I420/YV12/Y444).
    public var planeCount: Int { info.strides.count }

    /// Bytes per row of each plane.
    public var strides: [Int] { info.strides }

    /// Offset of each plane from the start of the buffer.
    public var offsets: [Int] { info.offsets }

    /// The bytes of `plane`: from its offset to the next plane's (or the end of the frame).
    public func planeSize(_ plane: Int) -> Int {
        precondition(plane >= 0 && plane < planeCount, "plane \(plane) out of range 0..<\(planeCount)")
        let end = plane + 1 < planeCount ? offsets[plane + 1] : info.size
        return end - offsets[plane]
    }

    /// The rows of `plane` (the frame's height, or half of it for 4:2:0 chroma).
    public func planeHeight(_ plane: Int) -> Int { planeSize(plane) / strides[plane] }

    /// Calls `body` with the bytes of `plane` (`planeSize(plane)` bytes, row padding included).
    public func withPlane<R, E: Error>(_ plane: Int, _ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        let size = planeSize(plane)
        let offset = offsets[plane]
        return try buffer.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) throws(E) -> R in
            try body(UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + size)]))
        }
    }

    /// The byte at column `x` of row `y` of `plane`.
    public func pixel(x: Int, y: Int, plane: Int = 0) -> UInt8 {
        precondition(x >= 0 && x < strides[plane] && y >= 0 && y < planeHeight(plane),
                     "(\(x), \(y)) is outside plane \(plane)")
        return withPlane(plane) { $0[y * strides[plane] + x] }
    }
}
