import ParallaxCore

/// The audio format of a WAV file: what its `fmt ` chunk says, and the header `wavenc` writes for it.
///
/// ```
/// 0   "RIFF" size "WAVE"                         size: file length − 8
/// 12  "fmt " 16 | tag ch rate bytes/s align bits  tag 1 (PCM) or 3 (IEEE float)
///     or "fmt " 40 | 0xFFFE … cbSize=22 valid-bits channel-mask sub-format GUID   (more than 2 channels)
///     "fact" 4 | samples per channel               (extensible only, as GStreamer writes)
/// 36  "data" size | samples…                      (44, or 80 with the extensible header)
/// ```
/// Sample formats: U8, S16LE, S24LE, S32LE (PCM) and F32LE, F64LE (float), interleaved. Thread: any (a value).
struct WavFormat: Sendable, Hashable {
    /// The raw audio format name (`S16LE`).
    var format: String
    /// Samples per second.
    var rate: Int
    /// Interleaved channels.
    var channels: Int

    /// The formats, with their bytes per sample and whether they are floating point.
    static let formats: [(name: String, bytes: Int, isFloat: Bool)] = [
        ("S32LE", 4, false), ("S24LE", 3, false), ("S16LE", 2, false), ("U8", 1, false), ("F32LE", 4, true),
        ("F64LE", 8, true),
    ]

    /// The GUID tail of the WAVE_FORMAT_EXTENSIBLE sub-formats (after the two-byte tag and two zero bytes).
    private static let guidTail: [UInt8] = [0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71]

    /// Bytes in one sample of one channel.
    var bytesPerSample: Int { Self.formats.first { $0.name == format }?.bytes ?? 1 }
    /// Whether samples are IEEE floats.
    var isFloat: Bool { Self.formats.first { $0.name == format }?.isFloat ?? false }
    /// Bytes of one sample of every channel.
    var blockAlign: Int { bytesPerSample * channels }
    /// Whether the header uses WAVE_FORMAT_EXTENSIBLE (more than two channels, as GStreamer's wavenc decides).
    var isExtensible: Bool { channels > 2 }
    /// Bytes of the header `header(dataBytes:)` writes.
    var headerLength: Int { isExtensible ? 80 : 44 }

    /// A format from its parts.
    init(format: String, rate: Int, channels: Int) {
        self.format = format
        self.rate = rate
        self.channels = channels
    }

    /// Fixed `audio/x-raw` caps in one of the formats; nil otherwise.
    init?(caps: Caps) {
        guard let s = caps.structures.first, s.name == "audio/x-raw", let format = s.string("format"),
            Self.formats.contains(where: { $0.name == format }), let rate = s.int("rate"), rate > 0,
            let channels = s.int("channels"), channels > 0, channels <= 65535,
            (s.string("layout") ?? "interleaved") == "interleaved"
        else { return nil }
        self.init(format: format, rate: rate, channels: channels)
    }

    /// Reads a `fmt ` chunk's payload; `position` (its stream offset) is for errors.
    init(chunk bytes: [UInt8], at position: UInt64) throws(ElementError) {
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        guard bytes.count >= 16 else {
            throw ElementError(
                "wavparse: the fmt chunk at byte \(position) is \(bytes.count) bytes, at least 16 are needed")
        }
        var tag = u16(0)
        let channels = u16(2), rate = u32(4), align = u16(12), bits = u16(14)
        if tag == 0xFFFE {
            guard bytes.count >= 40, u16(16) >= 22 else {
                throw ElementError(
                    "wavparse: the extensible fmt chunk at byte \(position) is \(bytes.count) bytes, 40 are needed")
            }
            guard Array(bytes[28..<40]) == Self.guidTail else {
                throw ElementError("wavparse: unsupported sub-format GUID in the fmt chunk at byte \(position + 24)")
            }
            tag = u16(24)
        }
        let name: String? =
            switch (tag, bits) {
            case (1, 8): "U8"
            case (1, 16): "S16LE"
            case (1, 24): "S24LE"
            case (1, 32): "S32LE"
            case (3, 32): "F32LE"
            case (3, 64): "F64LE"
            default: nil
            }
        guard let name else {
            throw ElementError(
                "wavparse: unsupported format tag \(tag) with \(bits) bits per sample in the fmt chunk at byte "
                    + "\(position) (supported: PCM 8, 16, 24, 32 bits; IEEE float 32, 64 bits)")
        }
        guard channels > 0, rate > 0 else {
            throw ElementError(
                "wavparse: the fmt chunk at byte \(position) says \(channels) channels at \(rate) Hz")
        }
        self.init(format: name, rate: rate, channels: channels)
        guard align == blockAlign else {
            throw ElementError(
                "wavparse: the fmt chunk at byte \(position) says a block align of \(align), "
                    + "\(channels) channels of \(name) need \(blockAlign)")
        }
    }

    /// The fixed raw audio caps.
    var caps: Caps {
        Caps(
            "audio/x-raw",
            [
                ("format", .string(format)), ("layout", .string("interleaved")), ("rate", .int(rate)),
                ("channels", .int(channels)),
            ])
    }

    /// The header for `dataBytes` bytes of samples (sizes clamped to 32 bits), as GStreamer's wavenc writes it.
    func header(dataBytes: UInt64) -> [UInt8] {
        var bytes: [UInt8] = []
        func tag(_ text: String) { bytes += Array(text.utf8) }
        func u16(_ value: Int) { bytes += [UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8)] }
        func u32(_ value: UInt64) {
            let v = min(value, UInt64(UInt32.max))
            for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: v >> UInt64(shift))) }
        }
        let code = isFloat ? 3 : 1
        tag("RIFF")
        u32(UInt64(headerLength - 8) + dataBytes)
        tag("WAVE")
        tag("fmt ")
        u32(isExtensible ? 40 : 16)
        u16(isExtensible ? 0xFFFE : code)
        u16(channels)
        u32(UInt64(rate))
        u32(UInt64(rate * blockAlign))
        u16(blockAlign)
        u16(bytesPerSample * 8)
        if isExtensible {
            u16(22)
            u16(bytesPerSample * 8)
            u32(channels == 3 ? 0x0B : 0)  // GStreamer 1.22: 2.1 for three channels, unpositioned above
            u16(code)
            u16(0)
            bytes += Self.guidTail
            tag("fact")
            u32(4)
            u32(dataBytes / UInt64(blockAlign))
        }
        tag("data")
        u32(dataBytes)
        return bytes
    }
}
