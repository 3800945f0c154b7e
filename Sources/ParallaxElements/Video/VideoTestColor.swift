/// One colour of videotestsrc's palette in both models: alpha, limited-range Y′CbCr and RGB.
///
/// The tables are GStreamer's (`vts_colors_*` in videotestsrc.c), so every pattern produces the same
/// bytes as GStreamer: BT.601 tables for standard-definition YUV (height ≤ 576, also GRAY8), BT.709 above,
/// 100 % and 75 % bars. Custom colours (`foreground-color`, `background-color`) are converted with
/// GStreamer's fixed-point formulas.
/// Thread: pure value type.
struct VideoTestColor: Sendable, Hashable {
    var a: UInt8
    var y: UInt8
    var u: UInt8
    var v: UInt8
    var r: UInt8
    var g: UInt8
    var b: UInt8

    /// The palette indices GStreamer's patterns use.
    enum Index: Int {
        case white = 0, yellow, cyan, green, magenta, red, blue, black, negativeI, positiveQ, superBlack, darkGrey
    }

    /// A line pixel: `A, c1, c2, c3` bytes in memory (ARGB for RGB output, AYUV otherwise).
    func pixel(rgb: Bool) -> UInt32 {
        rgb ? UInt32(a) | UInt32(r) << 8 | UInt32(g) << 16 | UInt32(b) << 24
            : UInt32(a) | UInt32(y) << 8 | UInt32(u) << 16 | UInt32(v) << 24
    }

    /// The palette for a matrix (BT.601 or BT.709) at 100 % or 75 % intensity.
    static func palette(bt601: Bool, full: Bool) -> [VideoTestColor] {
        switch (bt601, full) {
        case (true, true): bt601Full
        case (true, false): bt601Reduced
        case (false, true): bt709Full
        case (false, false): bt709Reduced
        }
    }

    /// A big-endian ARGB value (`0xAARRGGBB`, as the colour properties hold it) in both models.
    init(argb: UInt32, bt601: Bool) {
        let a = Int(argb >> 24 & 0xFF), r = Int(argb >> 16 & 0xFF), g = Int(argb >> 8 & 0xFF), b = Int(argb & 0xFF)
        func fix(_ x: Double) -> Int { Int(x * 1024 + 0.5) }
        let y: Int, u: Int, v: Int
        if bt601 {
            y = (fix(0.29900 * 219.0 / 255.0) * r + fix(0.58700 * 219.0 / 255.0) * g
                + fix(0.11400 * 219.0 / 255.0) * b + (512 + (16 << 10))) >> 10
            u = ((-fix(0.16874 * 224.0 / 255.0) * r - fix(0.33126 * 224.0 / 255.0) * g
                + fix(0.50000 * 224.0 / 255.0) * b + 511) >> 10) + 128
            v = ((fix(0.50000 * 224.0 / 255.0) * r - fix(0.41869 * 224.0 / 255.0) * g
                - fix(0.08131 * 224.0 / 255.0) * b + 511) >> 10) + 128
        } else {
            y = (fix(0.212600 * 219.0 / 255.0) * r + fix(0.715200 * 219.0 / 255.0) * g
                + fix(0.072200 * 219.0 / 255.0) * b + (512 + (16 << 10))) >> 10
            u = ((-fix(0.114572 * 224.0 / 255.0) * r - fix(0.385427 * 224.0 / 255.0) * g
                + fix(0.50000 * 224.0 / 255.0) * b + 511) >> 10) + 128
            v = ((fix(0.50000 * 224.0 / 255.0) * r - fix(0.454153 * 224.0 / 255.0) * g
                - fix(0.045847 * 224.0 / 255.0) * b + 511) >> 10) + 128
        }
        self.init(a: UInt8(a), y: UInt8(truncatingIfNeeded: y), u: UInt8(truncatingIfNeeded: u),
                  v: UInt8(truncatingIfNeeded: v), r: UInt8(r), g: UInt8(g), b: UInt8(b))
    }

    init(a: UInt8, y: UInt8, u: UInt8, v: UInt8, r: UInt8, g: UInt8, b: UInt8) {
        self.a = a
        self.y = y
        self.u = u
        self.v = v
        self.r = r
        self.g = g
        self.b = b
    }

    private static func table(_ rows: [(UInt8, UInt8, UInt8, UInt8, UInt8, UInt8)]) -> [VideoTestColor] {
        rows.map { VideoTestColor(a: 255, y: $0.0, u: $0.1, v: $0.2, r: $0.3, g: $0.4, b: $0.5) }
    }

    // Rows: Y, U, V, R, G, B for white, yellow, cyan, green, magenta, red, blue, black, -I, +Q, superblack,
    // dark grey.
    static let bt601Full = table([
        (235, 128, 128, 255, 255, 255), (210, 16, 146, 255, 255, 0), (170, 166, 16, 0, 255, 255),
        (145, 54, 34, 0, 255, 0), (106, 202, 222, 255, 0, 255), (81, 90, 240, 255, 0, 0),
        (41, 240, 110, 0, 0, 255), (16, 128, 128, 0, 0, 0), (16, 198, 21, 0, 0, 128),
        (16, 235, 198, 0, 128, 255), (0, 128, 128, 0, 0, 0), (32, 128, 128, 19, 19, 19),
    ])
    static let bt601Reduced = table([
        (180, 128, 128, 191, 191, 191), (162, 44, 142, 191, 191, 0), (131, 156, 44, 0, 191, 191),
        (112, 72, 58, 0, 191, 0), (84, 184, 198, 191, 0, 191), (65, 100, 212, 191, 0, 0),
        (35, 212, 114, 0, 0, 191), (16, 128, 128, 0, 0, 0), (16, 198, 21, 0, 0, 128),
        (16, 235, 198, 0, 128, 255), (0, 128, 128, 0, 0, 0), (32, 128, 128, 19, 19, 19),
    ])
    static let bt709Full = table([
        (235, 128, 128, 255, 255, 255), (219, 16, 138, 255, 255, 0), (188, 154, 16, 0, 255, 255),
        (173, 42, 26, 0, 255, 0), (78, 214, 230, 255, 0, 255), (63, 102, 240, 255, 0, 0),
        (32, 240, 118, 0, 0, 255), (16, 128, 128, 0, 0, 0), (16, 198, 21, 0, 0, 128),
        (16, 235, 198, 0, 128, 255), (0, 128, 128, 0, 0, 0), (32, 128, 128, 19, 19, 19),
    ])
    static let bt709Reduced = table([
        (180, 128, 128, 191, 191, 191), (168, 44, 136, 191, 191, 0), (145, 147, 44, 0, 191, 191),
        (133, 63, 52, 0, 191, 0), (63, 193, 204, 191, 0, 191), (51, 109, 212, 191, 0, 0),
        (28, 212, 120, 0, 0, 191), (16, 128, 128, 0, 0, 0), (16, 198, 21, 0, 0, 128),
        (16, 235, 198, 0, 128, 255), (0, 128, 128, 0, 0, 0), (32, 128, 128, 19, 19, 19),
    ])

    /// GStreamer's 256-entry sine table (0…255, one period), used by circular patterns.
    static let sineTable: [UInt8] = [
        128, 131, 134, 137, 140, 143, 146, 149, 152, 156, 159, 162, 165, 168, 171, 174,
        176, 179, 182, 185, 188, 191, 193, 196, 199, 201, 204, 206, 209, 211, 213, 216,
        218, 220, 222, 224, 226, 228, 230, 232, 234, 236, 237, 239, 240, 242, 243, 245,
        246, 247, 248, 249, 250, 251, 252, 252, 253, 254, 254, 255, 255, 255, 255, 255,
        255, 255, 255, 255, 255, 255, 254, 254, 253, 252, 252, 251, 250, 249, 248, 247,
        246, 245, 243, 242, 240, 239, 237, 236, 234, 232, 230, 228, 226, 224, 222, 220,
        218, 216, 213, 211, 209, 206, 204, 201, 199, 196, 193, 191, 188, 185, 182, 179,
        176, 174, 171, 168, 165, 162, 159, 156, 152, 149, 146, 143, 140, 137, 134, 131,
        128, 124, 121, 118, 115, 112, 109, 106, 103, 99, 96, 93, 90, 87, 84, 81,
        79, 76, 73, 70, 67, 64, 62, 59, 56, 54, 51, 49, 46, 44, 42, 39,
        37, 35, 33, 31, 29, 27, 25, 23, 21, 19, 18, 16, 15, 13, 12, 10,
        9, 8, 7, 6, 5, 4, 3, 3, 2, 1, 1, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 1, 1, 2, 3, 3, 4, 5, 6, 7, 8,
        9, 10, 12, 13, 15, 16, 18, 19, 21, 23, 25, 27, 29, 31, 33, 35,
        37, 39, 42, 44, 46, 49, 51, 54, 56, 59, 62, 64, 67, 70, 73, 76,
        79, 81, 84, 87, 90, 93, 96, 99, 103, 106, 109, 112, 115, 118, 121, 124,
    ]
}
