/// Working memory of the video test painter: line buffers and the cached frame of a static pattern.
///
/// ```
/// paint    [A c1 c2 c3][A c1 c2 c3] …  width + 8 pixels (GStreamer's tmpline), persists between rows
/// rotated  the paint line shifted by horizontal-speed
/// lineA/B  copies for chroma filtering (4:2:2 / 4:2:0)
/// alpha    one byte per pixel: foreground/background mix of noise, ball and gradient patterns
/// columns  per-column part of the colors pattern
/// blend    256 line pixels: background (0) to foreground (255), GStreamer's BLEND for each mix
/// frame    the last rendered frame of a static pattern, copied out for every buffer
/// ```
/// Owned by one `VideoTestPainter` value and copied on write (`copy()`), so element values keep value
/// semantics.
/// Thread: the source's streaming thread.
final class VideoTestScratch: @unchecked Sendable {  // unchecked: copied on write, mutated only when uniquely held
    let width: Int
    let frameSize: Int
    let paint: UnsafeMutablePointer<UInt32>
    let rotated: UnsafeMutablePointer<UInt32>
    let lineA: UnsafeMutablePointer<UInt32>
    let lineB: UnsafeMutablePointer<UInt32>
    let columns: UnsafeMutablePointer<UInt32>
    let alpha: UnsafeMutablePointer<UInt8>
    let blend: UnsafeMutablePointer<UInt32>
    let frame: UnsafeMutableRawPointer
    /// Whether `frame` holds the rendered static pattern.
    var frameIsValid = false

    /// Buffers for `width`-pixel lines and a `frameSize`-byte frame.
    init(width: Int, frameSize: Int) {
        self.width = width
        self.frameSize = frameSize
        let pixels = width + 8
        paint = .allocate(capacity: pixels)
        rotated = .allocate(capacity: pixels)
        lineA = .allocate(capacity: pixels)
        lineB = .allocate(capacity: pixels)
        columns = .allocate(capacity: pixels)
        alpha = .allocate(capacity: pixels)
        for line in [paint, rotated, lineA, lineB, columns] { line.initialize(repeating: 0, count: pixels) }
        alpha.initialize(repeating: 0, count: pixels)
        blend = .allocate(capacity: 256)
        blend.initialize(repeating: 0, count: 256)
        frame = .allocate(byteCount: Swift.max(frameSize, 1), alignment: 64)
        frame.initializeMemory(as: UInt8.self, repeating: 0, count: Swift.max(frameSize, 1))
    }

    deinit {
        for line in [paint, rotated, lineA, lineB, columns] { line.deallocate() }
        alpha.deallocate()
        blend.deallocate()
        frame.deallocate()
    }

    /// An independent copy with the same contents.
    func copy() -> VideoTestScratch {
        let other = VideoTestScratch(width: width, frameSize: frameSize)
        let pixels = width + 8
        other.paint.update(from: paint, count: pixels)
        other.alpha.update(from: alpha, count: pixels)
        other.frame.copyMemory(from: frame, byteCount: frameSize)
        other.frameIsValid = frameIsValid
        return other
    }
}
