import Parallax

/// A Swift media type named by caps: `video/x-raw,format=RGBA` is `RawVideo<RGBA>`, `ANY` is `AnyMedia`.
///
/// ```swift
/// try MediaTypeName(parsing: "audio/x-raw,format=S16LE", field: "input").swiftType   // RawAudio<S16LE>
/// MediaTypeName.forTemplate(Caps("video/x-av1"))                                    // .success(EncodedVideo<AV1>)
/// ```
/// Known: raw video in any pixel format Parallax has a tag for (or no format: `RawVideo<AnyPixelFormat>`), raw
/// audio in `S16LE`/`F32LE` (or no format), AV1, `ANY` (`AnyMedia`) and `bytes` (`ByteStream`).
/// Besides the type, it knows what a generated test feeds an element of this type. Plain data.
public struct MediaTypeName: Sendable, Hashable {
    /// The Swift type, as written in generated code (`RawVideo<RGBA>`).
    public var swiftType: String
    /// Fixed caps a generated test negotiates with (`video/x-raw,format=RGBA,width=64,height=48,...`), or
    /// nil when the type takes anything.
    public var testCaps: String?
    /// A stock source (with caps) that can feed an element of this type in a launch string, or nil.
    public var launchSource: String?
    /// The Swift expression for the byte size of one test buffer, given a `caps` constant of `testCaps`.
    public var testBufferSize: String

    /// What the spec may name besides caps.
    static let keywords = "ANY, bytes"

    /// The media type named by `text`, a caps string or `ANY`/`bytes`; errors name `field`.
    public init(parsing text: String, field: String) throws(SpecError) {
        let trimmed = text.trimmingSpaces
        switch trimmed {
        case "ANY", "any", "AnyMedia":
            self.init(swiftType: "AnyMedia", testCaps: nil, launchSource: "fakesrc num-buffers=3", testBufferSize: "64")
            return
        case "bytes", "ByteStream":
            self.init(
                swiftType: "ByteStream", testCaps: nil, launchSource: "fakesrc num-buffers=3", testBufferSize: "64")
            return
        case "":
            throw SpecError(
                field: field, "no media type (expected caps such as video/x-raw,format=RGBA, or \(Self.keywords))")
        default: break
        }
        let caps: Caps
        do {
            caps = try Caps(parsing: trimmed)
        } catch {
            throw SpecError(field: field, "\"\(trimmed)\" is not caps: \(error.message)")
        }
        guard caps.structures.count == 1, !caps.isAny else {
            throw SpecError(field: field, "\"\(trimmed)\" names \(caps.structures.count) media types; give exactly one")
        }
        switch Self.resolve(caps.structures[0], strict: true) {
        case .success(let name): self = name
        case .failure(let problem): throw SpecError(field: field, problem.message)
        }
    }

    init(swiftType: String, testCaps: String?, launchSource: String?, testBufferSize: String) {
        self.swiftType = swiftType
        self.testCaps = testCaps
        self.launchSource = launchSource
        self.testBufferSize = testBufferSize
    }

    /// Why a pad template does not name one Swift media type.
    public struct Untyped: Error, Sendable, Hashable {
        /// The reason, for the report (`caps ANY`, `several formats: I420, NV12`).
        public var message: String
    }

    /// The media type a pad template's caps name, for typed wrappers: one structure of a known media type in
    /// one fixed format. Fields other than the format (sizes, rates, ranges) do not change the type, so
    /// structures that differ only in them (`video/x-av1` in two stream formats) name one type.
    public static func forTemplate(_ caps: Caps) -> Result<MediaTypeName, Untyped> {
        if caps.isAny { return .failure(Untyped(message: "caps ANY")) }
        let names = caps.structures.map { resolve($0, strict: false) }
        if case .success(let first) = names.first,
            names.allSatisfy({ (try? $0.get())?.swiftType == first.swiftType })
        {
            return .success(first)
        }
        if names.count == 1, case .failure(let problem) = names[0] { return .failure(problem) }
        return .failure(
            Untyped(message: "several media types (\(caps.structures.map(\.name).joined(separator: ", ")))"))
    }

    /// Maps one caps structure; `strict` (a spec) refuses fields a media type cannot carry.
    static func resolve(_ structure: CapsStructure, strict: Bool) -> Result<MediaTypeName, Untyped> {
        let allowed: Set<String>
        let result: Result<MediaTypeName, Untyped>
        switch structure.name {
        case "video/x-raw":
            allowed = ["format"]
            result = rawVideo(structure["format"])
        case "audio/x-raw":
            allowed = ["format", "layout"]
            if let layout = structure["layout"], layout != .string("interleaved") {
                return .failure(Untyped(message: "layout \(layout) is not supported (only interleaved)"))
            }
            result = rawAudio(structure["format"])
        case "video/x-av1":
            allowed = []
            result = .success(
                MediaTypeName(
                    swiftType: "EncodedVideo<AV1>", testCaps: "video/x-av1", launchSource: nil,
                    testBufferSize: "64"))
        default:
            return .failure(
                Untyped(
                    message: "unknown media type \"\(structure.name)\" (known: video/x-raw, audio/x-raw, "
                        + "video/x-av1, \(keywords))"))
        }
        if strict, let extra = structure.fields.first(where: { !allowed.contains($0.name) }) {
            let list = allowed.isEmpty ? "no fields" : "only " + allowed.sorted().joined(separator: ", ")
            return .failure(
                Untyped(
                    message: "field \"\(extra.name)\" cannot be part of a media type (\(structure.name) takes \(list))")
            )
        }
        return result
    }

    static func rawVideo(_ format: CapsValue?) -> Result<MediaTypeName, Untyped> {
        let tag: String, capsFormat: String
        switch format {
        case nil:
            (tag, capsFormat) = ("AnyPixelFormat", "I420")
        case .string(let name):
            guard let format = VideoFormat(name: name), PixelFormats.tag(for: format) != nil else {
                let known = VideoFormat.allCases.map(\.name).joined(separator: ", ")
                return .failure(Untyped(message: "unknown video format \"\(name)\" (known: \(known))"))
            }
            (tag, capsFormat) = (name, name)
        case .list(let values) where values.count == 1:
            return rawVideo(values[0])
        case .some(let value):
            return .failure(Untyped(message: "several formats: \(formatList(value))"))
        }
        return .success(
            MediaTypeName(
                swiftType: "RawVideo<\(tag)>",
                testCaps: "video/x-raw,format=\(capsFormat),width=64,height=48,framerate=30/1",
                launchSource: "videotestsrc num-buffers=3", testBufferSize: "try #require(VideoInfo(caps: caps)).size"))
    }

    static func rawAudio(_ format: CapsValue?) -> Result<MediaTypeName, Untyped> {
        let tag: String, sample: AudioSampleFormat
        switch format {
        case nil:
            (tag, sample) = ("AnyAudioFormat", .s16le)
        case .string(let name):
            guard let known = AudioSampleFormat(rawValue: name), ["S16LE", "F32LE"].contains(name) else {
                return .failure(Untyped(message: "unknown audio format \"\(name)\" (known: S16LE, F32LE)"))
            }
            (tag, sample) = (name, known)
        case .list(let values) where values.count == 1:
            return rawAudio(values[0])
        case .some(let value):
            return .failure(Untyped(message: "several formats: \(formatList(value))"))
        }
        return .success(
            MediaTypeName(
                swiftType: "RawAudio<\(tag)>",
                testCaps: "audio/x-raw,format=\(sample.name),layout=interleaved,rate=48000,channels=2",
                launchSource: "audiotestsrc num-buffers=3", testBufferSize: "\(480 * 2 * sample.bytesPerSample)"))
    }

    static func formatList(_ value: CapsValue) -> String {
        guard case .list(let values) = value else { return value.description }
        return values.map { if case .string(let s) = $0 { s } else { $0.description } }.joined(separator: ", ")
    }
}
