import ParallaxCore

/// The 32-byte header of an IVF file (the container libvpx and libaom write): codec FourCC, picture size,
/// timebase and frame count; converts to and from caps.
///
/// ```
///  0 "DKIF"  4 version (u16 LE, 0)  6 header size (u16 LE, 32)  8 FourCC (AV01, VP80, VP90)
/// 12 width (u16 LE)  14 height (u16 LE)  16 timebase denominator (u32 LE)  20 timebase numerator (u32 LE)
/// 24 frame count (u32 LE)  28 unused (4 bytes)
/// then per frame: size (u32 LE), pts in timebase units (u64 LE), the frame's bytes
/// ```
/// The timebase is 1/frame rate, as libvpx writes it: 30000/1001 fps gives denominator 30000, numerator 1001.
/// ```swift
/// let header = try IVFHeader(parsing: firstBytes)      // throws on a bad signature or size
/// header.caps                                          // video/x-vp8, width=…, height=…, framerate=…
/// ```
/// Thread: any; a plain value.
public struct IVFHeader: Sendable, Hashable {
    /// The codec: `AV01`, `VP80` or `VP90`.
    public var fourCC: String
    /// Picture width.
    public var width: Int
    /// Picture height.
    public var height: Int
    /// The timebase's denominator (the frame rate's numerator).
    public var timebaseDenominator: UInt32
    /// The timebase's numerator (the frame rate's denominator).
    public var timebaseNumerator: UInt32
    /// Frames in the file.
    public var frameCount: UInt32

    /// Bytes in the file header.
    public static let size = 32
    /// Bytes in each frame header.
    public static let frameHeaderSize = 12

    /// The codecs IVF carries: FourCC and caps name.
    static let codecs: [(fourCC: String, caps: String)] = [
        ("VP80", "video/x-vp8"), ("VP90", "video/x-vp9"), ("AV01", "video/x-av1"),
    ]

    /// A header with every field given.
    public init(
        fourCC: String, width: Int, height: Int, timebaseDenominator: UInt32, timebaseNumerator: UInt32,
        frameCount: UInt32
    ) {
        self.fourCC = fourCC
        self.width = width
        self.height = height
        self.timebaseDenominator = timebaseDenominator
        self.timebaseNumerator = timebaseNumerator
        self.frameCount = frameCount
    }

    /// The header for a stream of fixed `caps` (VP8, VP9 or AV1 with width and height); a stream without a
    /// frame rate gets a millisecond timebase.
    public init(caps: Caps) throws(ElementError) {
        guard let s = caps.structures.first, let codec = Self.codecs.first(where: { $0.caps == s.name }) else {
            throw ElementError("ivfmux: \(caps) is not VP8, VP9 or AV1")
        }
        guard let width = s.int("width"), let height = s.int("height"), (1...65535).contains(width),
            (1...65535).contains(height)
        else { throw ElementError("ivfmux: the caps \(caps) need a width and height from 1 to 65535") }
        var denominator: UInt32 = 1000
        var numerator: UInt32 = 1
        if let rate = s.fraction("framerate"), rate.numerator > 0, rate.denominator > 0,
            let n = UInt32(exactly: rate.numerator), let d = UInt32(exactly: rate.denominator)
        {
            denominator = n
            numerator = d
        }
        self.init(
            fourCC: codec.fourCC, width: width, height: height, timebaseDenominator: denominator,
            timebaseNumerator: numerator, frameCount: 0)
    }

    /// Reads a header from a file's first 32 bytes; throws naming the field that is wrong.
    public init(parsing bytes: [UInt8]) throws(ElementError) {
        guard bytes.count >= Self.size else {
            throw ElementError("ivfparse: the IVF header needs 32 bytes, the stream has \(bytes.count)")
        }
        guard bytes[0..<4].elementsEqual(Array("DKIF".utf8)) else {
            throw ElementError("ivfparse: not an IVF stream: bytes 0-3 are not \"DKIF\"")
        }
        let headerSize = Int(Self.u16(bytes, 6))
        guard headerSize == Self.size else {
            throw ElementError("ivfparse: the header size at byte 6 is \(headerSize), not 32")
        }
        let fourCC = String(decoding: bytes[8..<12], as: UTF8.self)
        guard Self.codecs.contains(where: { $0.fourCC == fourCC }) else {
            throw ElementError("ivfparse: the FourCC at byte 8 is \"\(fourCC)\", not VP80, VP90 or AV01")
        }
        let denominator = Self.u32(bytes, 16), numerator = Self.u32(bytes, 20)
        guard denominator > 0, numerator > 0 else {
            throw ElementError("ivfparse: the timebase at byte 16 is \(numerator)/\(denominator)")
        }
        self.init(
            fourCC: fourCC, width: Int(Self.u16(bytes, 12)), height: Int(Self.u16(bytes, 14)),
            timebaseDenominator: denominator, timebaseNumerator: numerator, frameCount: Self.u32(bytes, 24))
    }

    /// The 32 bytes.
    public var bytes: [UInt8] {
        var out = Array("DKIF".utf8) + [0, 0, 32, 0] + Array(fourCC.utf8.prefix(4))
        out += Self.le(UInt64(width), 2) + Self.le(UInt64(height), 2)
        out += Self.le(UInt64(timebaseDenominator), 4) + Self.le(UInt64(timebaseNumerator), 4)
        out += Self.le(UInt64(frameCount), 4) + [0, 0, 0, 0]
        return out
    }

    /// The caps of the frames: codec, size and the frame rate the timebase implies.
    public var caps: Caps {
        let name = Self.codecs.first { $0.fourCC == fourCC }?.caps ?? "video/x-vp8"
        var fields: [(String, CapsValue)] = []
        if name == "video/x-av1" {
            fields += AV1StreamCaps.temporalUnitFields
        }
        fields += [
            ("width", .int(width)), ("height", .int(height)),
            ("framerate", .fraction(Fraction(Int(timebaseDenominator), Int(timebaseNumerator)))),
        ]
        return Caps(name, fields)
    }

    /// `value` as `count` little-endian bytes.
    static func le(_ value: UInt64, _ count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: value >> (UInt64($0) * 8)) }
    }

    private static func u16(_ bytes: [UInt8], _ at: Int) -> UInt16 { UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8 }

    private static func u32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[at + $1]) << (UInt32($1) * 8) }
    }
}
