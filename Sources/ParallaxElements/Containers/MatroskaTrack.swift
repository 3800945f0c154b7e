import ParallaxCore

/// One Matroska track: its number, kind, codec and the format fields the muxer writes in its TrackEntry and the
/// demuxer reads back; converts to and from caps.
///
/// ```
/// video/x-raw,format=I420,width=64,height=48,framerate=25/1  ⇄  V_UNCOMPRESSED, ColourSpace "I420", 64×48, 40 ms
/// video/x-vp8,width=…                                         ⇄  V_VP8
/// audio/x-raw,format=S16LE,rate=48000,channels=2              ⇄  A_PCM/INT/LIT, 48000 Hz, 2 channels, 16 bits
/// ```
/// ```swift
/// let track = try MatroskaTrack(number: 1, caps: Caps(parsing: "video/x-vp9,width=320,height=240"))
/// track.codecID      // "V_VP9"
/// ```
/// Thread: any; a plain value.
public struct MatroskaTrack: Sendable, Hashable {
    /// Video or audio.
    public enum Kind: UInt64, Sendable, Hashable {
        /// TrackType 1.
        case video = 1
        /// TrackType 2.
        case audio = 2
    }

    /// The track number blocks refer to (1 and up).
    public var number: UInt64
    /// Video or audio.
    public var kind: Kind
    /// The Matroska codec ID (`V_VP8`, `A_PCM/INT/LIT`).
    public var codecID: String
    /// Codec initialisation data (AV1's av1C), if any.
    public var codecPrivate: [UInt8] = []
    /// Nanoseconds per frame (from the frame rate), 0 when unknown.
    public var defaultDuration: UInt64 = 0
    /// Picture width (video).
    public var width = 0
    /// Picture height (video).
    public var height = 0
    /// The FourCC of uncompressed video (`I420`).
    public var colourSpace: [UInt8] = []
    /// Samples per second (audio).
    public var samplingFrequency: Double = 0
    /// Channels (audio).
    public var channels = 0
    /// Bits per sample (audio).
    public var bitDepth = 0

    /// The raw video formats stored as V_UNCOMPRESSED, with the FourCC ffmpeg reads for each.
    static let rawVideoFourCCs: [(VideoFormat, String)] = [
        (.i420, "I420"), (.yv12, "YV12"), (.nv12, "NV12"), (.nv21, "NV21"), (.yuy2, "YUY2"), (.uyvy, "UYVY"),
        (.gray8, "Y800"),
    ]

    /// The audio formats stored as PCM: codec ID and bit depth.
    static let pcmFormats: [(AudioSampleFormat, String, Int)] = [
        (.u8, "A_PCM/INT/LIT", 8), (.s16le, "A_PCM/INT/LIT", 16), (.s24le, "A_PCM/INT/LIT", 24),
        (.s32le, "A_PCM/INT/LIT", 32), (.s16be, "A_PCM/INT/BIG", 16), (.s24be, "A_PCM/INT/BIG", 24),
        (.s32be, "A_PCM/INT/BIG", 32), (.f32le, "A_PCM/FLOAT/IEEE", 32), (.f64le, "A_PCM/FLOAT/IEEE", 64),
    ]

    /// A track read from a file, filled in field by field.
    public init(number: UInt64, kind: Kind, codecID: String) {
        self.number = number
        self.kind = kind
        self.codecID = codecID
    }

    /// The track for a stream of fixed `caps`; throws when Matroska (as Parallax writes it) cannot carry them.
    public init(number: UInt64, caps: Caps) throws(ElementError) {
        guard let s = caps.structures.first else { throw ElementError("no caps for track \(number)") }
        self.init(number: number, kind: .video, codecID: "")
        let rate = s.fraction("framerate") ?? Fraction(0, 1)
        if rate.numerator > 0, rate.denominator > 0 {
            defaultDuration = UInt64(rate.denominator) * 1_000_000_000 / UInt64(rate.numerator)
        }
        width = s.int("width") ?? 0
        height = s.int("height") ?? 0
        switch s.name {
        case "video/x-raw":
            guard let info = VideoInfo(caps: caps),
                let fourCC = Self.rawVideoFourCCs.first(where: { $0.0 == info.format })?.1
            else { throw ElementError("raw video caps \(caps) cannot be stored in Matroska") }
            codecID = "V_UNCOMPRESSED"
            colourSpace = Array(fourCC.utf8)
        case "video/x-vp8": codecID = "V_VP8"
        case "video/x-vp9": codecID = "V_VP9"
        case "video/x-av1":
            codecID = "V_AV1"
            if case .string(let hex)? = s["codec_data"] { codecPrivate = Self.bytes(hex: hex) }
        case "audio/x-raw":
            guard let info = AudioInfo(caps: caps),
                let pcm = Self.pcmFormats.first(where: { $0.0 == info.format })
            else { throw ElementError("raw audio caps \(caps) cannot be stored in Matroska") }
            kind = .audio
            codecID = pcm.1
            bitDepth = pcm.2
            samplingFrequency = Double(info.rate)
            channels = info.channels
        default:
            throw ElementError("\(s.name) cannot be stored in Matroska")
        }
        if kind == .video, width <= 0 || height <= 0 {
            throw ElementError("the caps \(caps) give no width and height for the video track")
        }
    }

    /// The caps of this track's frames; throws for codecs Parallax cannot hand on.
    public func caps() throws(ElementError) -> Caps {
        var fields: [(String, CapsValue)] = []
        if kind == .video, !(1...16384).contains(width) || !(1...16384).contains(height) {
            throw ElementError("track \(number): a picture of \(width)×\(height) is not supported")
        }
        switch codecID {
        case "V_UNCOMPRESSED":
            let fourCC = String(decoding: colourSpace, as: UTF8.self)
            guard let format = Self.rawVideoFourCCs.first(where: { $0.1 == fourCC })?.0 else {
                throw ElementError("track \(number): V_UNCOMPRESSED with ColourSpace \"\(fourCC)\" is not supported")
            }
            return VideoInfo(format: format, width: width, height: height, framerate: framerate).caps
        case "V_VP8", "V_VP9", "V_AV1":
            let name = ["V_VP8": "video/x-vp8", "V_VP9": "video/x-vp9", "V_AV1": "video/x-av1"][codecID]!
            if codecID == "V_AV1" {
                fields += AV1StreamCaps.temporalUnitFields
            }
            fields += [("width", .int(width)), ("height", .int(height)), ("framerate", .fraction(framerate))]
            if codecID == "V_AV1", !codecPrivate.isEmpty {
                // The av1C record, as GStreamer's matroskademux hands it on: av1dec reads the bit depth there.
                let hex = codecPrivate.map { String($0, radix: 16) }.map { $0.count == 1 ? "0" + $0 : $0 }.joined()
                fields.append(("codec_data", .string(hex)))
            }
            return Caps(name, fields)
        case "A_PCM/INT/LIT", "A_PCM/INT/BIG", "A_PCM/FLOAT/IEEE":
            guard let format = Self.pcmFormats.first(where: { $0.1 == codecID && $0.2 == bitDepth })?.0,
                channels > 0, samplingFrequency >= 1, samplingFrequency < 1e7
            else {
                throw ElementError(
                    "track \(number): \(codecID) with \(bitDepth) bits, \(channels) channels at \(samplingFrequency) Hz is not supported"
                )
            }
            return AudioInfo(format: format, rate: Int(samplingFrequency), channels: channels).caps
        default:
            throw ElementError("track \(number): codec \(codecID) is not supported")
        }
    }

    /// The frame rate DefaultDuration gives (NTSC rates recognised), 0/1 when unknown.
    public var framerate: Fraction {
        guard defaultDuration > 0 else { return Fraction(0, 1) }
        if 1_000_000_000 % defaultDuration == 0 { return Fraction(Int(1_000_000_000 / defaultDuration), 1) }
        let ntsc = (1_001_000_000 + defaultDuration / 2) / defaultDuration
        let product = ntsc * defaultDuration
        let error = product > 1_001_000_000 ? product - 1_001_000_000 : 1_001_000_000 - product
        if ntsc > 0, error < ntsc {
            return Fraction(Int(ntsc) * 1000, 1001)
        }
        return Fraction(Int((1_000_000_000 + defaultDuration / 2) / defaultDuration), 1)
    }

    /// The TrackEntry element.
    func write(to writer: inout EBMLWriter) {
        writer.master(MatroskaID.trackEntry) { entry in
            entry.unsigned(MatroskaID.trackNumber, number)
            entry.unsigned(MatroskaID.trackUID, number)
            entry.unsigned(MatroskaID.trackType, kind.rawValue)
            entry.unsigned(MatroskaID.flagLacing, 0)
            entry.string(MatroskaID.codecID, codecID)
            if !codecPrivate.isEmpty { entry.binary(MatroskaID.codecPrivate, codecPrivate) }
            if defaultDuration > 0 { entry.unsigned(MatroskaID.defaultDuration, defaultDuration) }
            switch kind {
            case .video:
                entry.master(MatroskaID.video) { video in
                    video.unsigned(MatroskaID.pixelWidth, UInt64(width))
                    video.unsigned(MatroskaID.pixelHeight, UInt64(height))
                    if !colourSpace.isEmpty { video.binary(MatroskaID.colourSpace, colourSpace) }
                }
            case .audio:
                entry.master(MatroskaID.audio) { audio in
                    audio.float(MatroskaID.samplingFrequency, samplingFrequency)
                    audio.unsigned(MatroskaID.channels, UInt64(channels))
                    audio.unsigned(MatroskaID.bitDepth, UInt64(bitDepth))
                }
            }
        }
    }

    /// Bytes from a hexadecimal string (codec_data as caps print it), skipping anything else.
    private static func bytes(hex: String) -> [UInt8] {
        let digits = hex.compactMap(\.hexDigitValue)
        return stride(from: 0, to: digits.count - 1, by: 2).map { UInt8(digits[$0] << 4 | digits[$0 + 1]) }
    }
}
