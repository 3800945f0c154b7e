import ParallaxCore

/// Draws one line of text with `BitmapFont` into a raw video frame, in place: white text on a darkened box,
/// placed by alignment and padding — the drawing behind `timeoverlay` and `clockoverlay`.
///
/// ```
///  ┌──────────────────────────── frame ─┐
///  │ ypad                               │
///  │ xpad ┌─ box ────────────────────┐  │    box = text + 2·scale pixels on each side, at even
///  │      │ 00:00:01.000             │  │    coordinates with even sides, so 4:2:0 chroma samples
///  │      └──────────────────────────┘  │    are either wholly inside or wholly outside
///  └────────────────────────────────────┘
/// ```
/// Glyph cells are 8×8 pixels scaled by `scale` = max(1, height / 180): 8 pixels high at 240 lines, 48 at
/// 1080. Inside the box (`shaded`), luma — or each of R, G, B — drops by `shadingValue` (clamped at 0) and
/// chroma becomes neutral (128); text pixels become white (luma 235 in YUV, 255 in GRAY8 and RGB), their
/// chroma neutral. Without `shaded` only text pixels, and the chroma samples they share, change. Alpha and
/// padding bytes stay. Pixels outside the box never change. YUY2 and UYVY are not drawn into.
/// Thread: a value used on the element's streaming thread.
package struct TextOverlayPainter: Sendable, Equatable {
    /// The text drawn.
    package let text: [Character]
    /// Frame pixels per font pixel.
    package let scale: Int
    /// The box, in frame pixels, clipped to the frame: `x..<x+width`, `y..<y+height`.
    package let box: (x: Int, y: Int, width: Int, height: Int)
    /// The top-left corner of the first glyph cell, in frame pixels (may lie outside a clipped box).
    package let origin: (x: Int, y: Int)

    /// Lays out `text` in a `width × height` frame.
    package init(
        text: String, width: Int, height: Int, halignment: TextOverlayHAlignment, valignment: TextOverlayVAlignment,
        xpad: Int, ypad: Int
    ) {
        let characters = Array(text.prefix(1024))
        let scale = Swift.max(1, height / 180)
        let margin = 2 * scale
        let boxWidth = Self.even(characters.count * BitmapFont.cellSize * scale + 2 * margin)
        let boxHeight = Self.even(BitmapFont.cellSize * scale + 2 * margin)
        var x: Int
        switch halignment {
        case .left: x = xpad
        case .center: x = (width - boxWidth) / 2
        case .right: x = width - xpad - boxWidth
        }
        var y: Int
        switch valignment {
        case .top: y = ypad
        case .bottom, .baseline: y = height - ypad - boxHeight
        }
        x = Swift.max(0, Swift.min(x, width - boxWidth)) & ~1
        y = Swift.max(0, Swift.min(y, height - boxHeight)) & ~1
        self.text = characters
        self.scale = scale
        self.origin = (x + margin, y + margin)
        self.box = (x, y, Swift.max(0, Swift.min(boxWidth, width - x)), Swift.max(0, Swift.min(boxHeight, height - y)))
    }

    package static func == (a: Self, b: Self) -> Bool {
        a.text == b.text && a.scale == b.scale && a.box == b.box && a.origin == b.origin
    }

    /// `value` rounded up to even.
    private static func even(_ value: Int) -> Int { (value + 1) & ~1 }

    /// Whether frame pixel (`x`, `y`) is part of a glyph.
    package func isLit(x: Int, y: Int) -> Bool {
        let dx = x - origin.x, dy = y - origin.y
        guard dx >= 0, dy >= 0 else { return false }
        let cell = BitmapFont.cellSize * scale
        let index = dx / cell
        guard index < text.count, dy < cell else { return false }
        return BitmapFont.isLit(text[index], x: dx % cell / scale, y: dy / scale)
    }

    /// Whether frame pixel (`x`, `y`) lies in the box.
    package func inBox(x: Int, y: Int) -> Bool {
        x >= box.x && x < box.x + box.width && y >= box.y && y < box.y + box.height
    }

    /// The lit pixels of the box, row by row (`box.width × box.height`), drawn glyph row by glyph row without
    /// a division per pixel.
    func mask() -> [Bool] {
        var mask = [Bool](repeating: false, count: box.width * box.height)
        let cell = BitmapFont.cellSize * scale
        for (index, character) in text.enumerated() {
            let left = origin.x + index * cell - box.x
            guard left < box.width else { break }
            for (glyphY, bits) in BitmapFont.rows(of: character).enumerated() where bits != 0 {
                for glyphX in 0..<BitmapFont.cellSize where bits & (0x80 >> UInt8(glyphX)) != 0 {
                    for y in (origin.y - box.y + glyphY * scale)..<(origin.y - box.y + (glyphY + 1) * scale)
                    where y >= 0 && y < box.height {
                        for x in (left + glyphX * scale)..<(left + (glyphX + 1) * scale) where x >= 0 && x < box.width {
                            mask[y * box.width + x] = true
                        }
                    }
                }
            }
        }
        return mask
    }

    /// Draws into the frame at `frame` described by `info`.
    package func paint(_ frame: UnsafeMutableRawPointer, _ info: VideoInfo, shaded: Bool, shadingValue: Int) {
        guard box.width > 0, box.height > 0, let planes = VideoPlane.planes(of: info) else { return }
        let white: UInt8 = info.format.isYUV ? 235 : 255
        let mask = mask()
        for (index, plane) in planes.enumerated() {
            let chroma = info.format.isYUV && index > 0
            let colorBytes = info.format.isYUV || info.format == .gray8 ? plane.sampleSize : 3
            let x0 = box.x >> plane.shiftX, x1 = (box.x + box.width + (1 << plane.shiftX) - 1) >> plane.shiftX
            let y0 = box.y >> plane.shiftY, y1 = (box.y + box.height + (1 << plane.shiftY) - 1) >> plane.shiftY
            for sy in y0..<Swift.min(y1, plane.height) {
                let row = frame + plane.offset + sy * plane.stride
                for sx in x0..<Swift.min(x1, plane.width) {
                    let lit = covers(sx, sy, plane, mask)
                    guard lit || shaded else { continue }
                    let sample = row + sx * plane.sampleSize
                    for byte in 0..<colorBytes {
                        let pointer = sample + byte
                        if chroma {
                            pointer.storeBytes(of: 128, as: UInt8.self)
                        } else if lit {
                            pointer.storeBytes(of: white, as: UInt8.self)
                        } else {
                            let value = Int(pointer.load(as: UInt8.self)) - shadingValue
                            pointer.storeBytes(of: UInt8(Swift.max(0, value)), as: UInt8.self)
                        }
                    }
                }
            }
        }
    }

    /// Whether any frame pixel under sample (`sx`, `sy`) of `plane` is lit, by the box's `mask`.
    private func covers(_ sx: Int, _ sy: Int, _ plane: VideoPlane, _ mask: [Bool]) -> Bool {
        let top = Swift.max((sy << plane.shiftY) - box.y, 0)
        let bottom = Swift.min(((sy + 1) << plane.shiftY) - box.y, box.height)
        let left = Swift.max((sx << plane.shiftX) - box.x, 0)
        let right = Swift.min(((sx + 1) << plane.shiftX) - box.x, box.width)
        guard top < bottom, left < right else { return false }
        for y in top..<bottom {
            for x in left..<right where mask[y * box.width + x] { return true }
        }
        return false
    }
}
