import ParallaxCore

/// The caps structures of the codecs Matroska files made and read by Parallax carry: the muxers' sink
/// templates and the demuxer's src template.
///
/// ```
/// video/x-raw, format={ I420, YV12, NV12, NV21, YUY2, UYVY, GRAY8 }, width=[1,MAX], height=[1,MAX]
/// video/x-vp8 · video/x-vp9 · video/x-av1, stream-format=obu-stream, alignment=tu
/// audio/x-raw, format={ U8, S16LE, S32LE, F32LE, F64LE }, layout=interleaved
/// ```
/// Thread: any.
enum MatroskaCodecCaps {
    /// VP8, VP9 and AV1: what WebM allows.
    static var webm: [CapsStructure] {
        [
            CapsStructure("video/x-vp8"), CapsStructure("video/x-vp9"),
            CapsStructure("video/x-av1", [("stream-format", .string("obu-stream")), ("alignment", .string("tu"))]),
        ]
    }

    /// Raw video in the formats stored as V_UNCOMPRESSED, then the WebM codecs.
    static var video: [CapsStructure] {
        let size = CapsValue.intRange(1...Int(Int32.max), step: 1)
        let raw = CapsStructure(
            "video/x-raw",
            [
                ("format", .list(MatroskaTrack.rawVideoFourCCs.map { .string($0.0.name) })), ("width", size),
                ("height", size),
            ])
        return [raw] + webm
    }

    /// Raw audio in the PCM formats.
    static var audio: [CapsStructure] {
        [
            CapsStructure(
                "audio/x-raw",
                [
                    ("format", .list(MatroskaTrack.pcmFormats.map { .string($0.0.name) })),
                    ("layout", .string("interleaved")),
                ])
        ]
    }
}
