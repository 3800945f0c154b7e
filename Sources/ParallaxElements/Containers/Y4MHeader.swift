import ParallaxCore

/// The stream header of a YUV4MPEG2 file: one text line of space-separated tagged fields.
///
/// ```
/// YUV4MPEG2 C420 W64 H48 Ip F30:1 A1:1\n          (what y4menc writes, as GStreamer's)
/// YUV4MPEG2 W64 H48 F25:1 Ip A1:1 C420jpeg XYSCSS=420JPEG\n   (what ffmpeg writes)
/// ```
/// `W` and `H` are required (at most 65536 each); `F` (frame rate; missing or `0:0` means unknown, 0/1),
/// `I` (interlacing), `A` (pixel aspect ratio, `0:0` meaning unknown, taken as 1:1), `C` (chroma: `420jpeg`,
/// `420paldv`, `420mpeg2`, `420` → I420; `422` → Y42B; `411` → Y41B; `444` → Y444; `mono` → GRAY8; default
/// 420jpeg; `420p10` → I420_10LE, 10-bit samples in 16-bit little-endian words, as ffmpeg writes them) are read; `X` extensions are ignored. Thread: any (a value).
struct Y4MHeader: Sendable, Hashable {
    /// The raw video format (`I420`).
    var format: String
    /// Width in pixels.
    var width: Int
    /// Height in pixels.
    var height: Int
    /// Frames per second; 0/1 when the file does not say.
    var framerate: Fraction
    /// Pixel aspect ratio.
    var pixelAspectRatio: Fraction
    /// The interlacing letter: `p` progressive, `t` top field first, `b` bottom field first, `m` mixed.
    var interlacing: Character

    /// The longest header line accepted, newline included.
    static let maximumLength = 1024

    /// The raw video formats a Y4M stream can carry and their `C` tags, as y4menc writes them.
    static let chromaTags: [(format: String, tag: String)] = [
        ("I420", "420"), ("IYUV", "420"), ("Y42B", "422"), ("Y41B", "411"), ("Y444", "444"), ("GRAY8", "mono"),
        ("I420_10LE", "420p10"),
    ]

    /// Describes a stream of `format` frames.
    init(
        format: String, width: Int, height: Int, framerate: Fraction, pixelAspectRatio: Fraction,
        interlacing: Character = "p"
    ) {
        self.format = format
        self.width = width
        self.height = height
        self.framerate = framerate
        self.pixelAspectRatio = pixelAspectRatio
        self.interlacing = interlacing
    }

    /// Parses the header line `bytes` (without its newline). Errors name the field and its byte position.
    init(parsing bytes: ArraySlice<UInt8>) throws(ElementError) {
        let text = String(decoding: bytes, as: UTF8.self)
        let fields = text.split(separator: " ", omittingEmptySubsequences: false)
        guard fields.first == "YUV4MPEG2" else {
            throw ElementError("y4mdec: not a YUV4MPEG2 stream: the file starts with \(Self.quote(bytes.prefix(9)))")
        }
        var width: Int?, height: Int?
        var framerate = Fraction(0, 1), aspect = Fraction(1, 1)
        var format = "I420"
        var interlacing: Character = "p"
        var position = 10
        for field in fields.dropFirst() {
            defer { position += field.utf8.count + 1 }
            guard let tag = field.first else { continue }
            let value = field.dropFirst()
            func bad(_ what: String) -> ElementError {
                ElementError("y4mdec: bad \(what) \"\(field)\" in the stream header at byte \(position)")
            }
            switch tag {
            case "W":
                guard let v = Int(value), v > 0, v <= 65536 else { throw bad("width") }
                width = v
            case "H":
                guard let v = Int(value), v > 0, v <= 65536 else { throw bad("height") }
                height = v
            case "F":
                guard let v = Self.ratio(value), v.numerator >= 0, v.denominator >= 0 else { throw bad("frame rate") }
                framerate = v.numerator == 0 || v.denominator == 0 ? Fraction(0, 1) : v
            case "A":
                guard let v = Self.ratio(value), v.numerator >= 0, v.denominator >= 0 else {
                    throw bad("pixel aspect ratio")
                }
                aspect = v.numerator == 0 || v.denominator == 0 ? Fraction(1, 1) : v
            case "I":
                guard let letter = value.first, value.count == 1, "ptbm?".contains(letter) else {
                    throw bad("interlacing")
                }
                interlacing = letter == "?" ? "p" : letter
            case "C":
                switch value {
                case "420", "420jpeg", "420paldv", "420mpeg2": format = "I420"
                case "422": format = "Y42B"
                case "411": format = "Y41B"
                case "444": format = "Y444"
                case "mono": format = "GRAY8"
                case "420p10": format = "I420_10LE"
                default:
                    throw ElementError(
                        "y4mdec: unsupported chroma \"\(field)\" in the stream header at byte \(position)"
                            + " (supported: 420jpeg, 420paldv, 420mpeg2, 420, 422, 411, 444, mono, 420p10)")
                }
            case "X":
                continue
            default:
                throw bad("field")
            }
        }
        guard let width else { throw ElementError("y4mdec: the stream header has no width (W)") }
        guard let height else { throw ElementError("y4mdec: the stream header has no height (H)") }
        self.init(
            format: format, width: width, height: height, framerate: framerate, pixelAspectRatio: aspect,
            interlacing: interlacing)
    }

    /// Finds and parses the header line at the start of `bytes`; nil when no newline came yet and fewer than
    /// `maximumLength` bytes were seen. Returns the header and the bytes it took, newline included.
    static func find(in bytes: ArraySlice<UInt8>) throws(ElementError) -> (Y4MHeader, Int)? {
        guard let newline = bytes.prefix(maximumLength).firstIndex(of: 0x0A) else {
            if bytes.count >= maximumLength {
                throw ElementError("y4mdec: the stream header has no end of line in its first \(maximumLength) bytes")
            }
            if bytes.count >= 9, !bytes.starts(with: Array("YUV4MPEG2".utf8)) {
                throw ElementError(
                    "y4mdec: not a YUV4MPEG2 stream: the file starts with \(quote(bytes.prefix(9)))")
            }
            return nil
        }
        return (try Y4MHeader(parsing: bytes[bytes.startIndex..<newline]), newline - bytes.startIndex + 1)
    }

    /// The header line as GStreamer's y4menc writes it, newline included.
    var line: [UInt8] {
        let tag = Self.chromaTags.first { $0.format == format }?.tag ?? "420"
        let text =
            "YUV4MPEG2 C\(tag) W\(width) H\(height) I\(interlacing) "
            + "F\(framerate.numerator):\(framerate.denominator) "
            + "A\(pixelAspectRatio.numerator):\(pixelAspectRatio.denominator)\n"
        return Array(text.utf8)
    }

    /// The layout of one frame.
    var layout: PackedVideoLayout? {
        PackedVideoLayout(format: format == "IYUV" ? "I420" : format, width: width, height: height)
    }

    /// The raw video caps of the frames.
    var caps: Caps {
        var fields: [(String, CapsValue)] = [
            ("format", .string(format)), ("width", .int(width)), ("height", .int(height)),
            ("framerate", .fraction(framerate)), ("pixel-aspect-ratio", .fraction(pixelAspectRatio)),
        ]
        let mode = interlacing == "p" ? "progressive" : interlacing == "m" ? "mixed" : "interleaved"
        fields.append(("interlace-mode", .string(mode)))
        return Caps("video/x-raw", fields)
    }

    private static func ratio(_ text: Substring) -> Fraction? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let n = Int(parts[0]), let d = Int(parts[1]), n <= Int(Int32.max), d <= Int(Int32.max)
        else { return nil }
        return Fraction(n, d)
    }

    /// Bytes shown in an error: printable ASCII as text, the rest as `\xNN`.
    static func quote(_ bytes: some Collection<UInt8>) -> String {
        "\"" + bytes.map { $0 >= 0x20 && $0 < 0x7F ? String(UnicodeScalar($0)) : "\\x" + hex($0) }.joined() + "\""
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
    }
}
