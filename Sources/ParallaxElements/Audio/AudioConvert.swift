import ParallaxCore

/// `audioconvert`: converts raw audio between sample formats (S16LE, S32LE, F32LE, F64LE) and between mono
/// and stereo — GStreamer's audio converter, with its property names and defaults.
///
/// Samples go through 32-bit floats (S16 `x / 32768`, back with rounding to nearest). Channel mixing uses
/// GStreamer's default matrices: mono → stereo copies the channel to both sides, stereo → mono averages
/// them; other channel counts pass unchanged (no mixing between, say, 6 and 2 channels). Converting to an
/// integer format of at most `dithering-threshold` bits from a more precise one (float, S32) adds dither
/// (`dithering`, TPDF by default, as GStreamer) of ±1 least significant bit before rounding.
///
/// ```
/// parallax-launch audiotestsrc num-buffers=10 ! audio/x-raw,format=F32LE,channels=2 ! audioconvert ! \
///     audio/x-raw,format=S16LE,channels=1 ! fakesink
/// ```
/// Negotiation: the format is free (the input's first) and mono ↔ stereo both ways; rate and layout are
/// kept. Noise shaping and custom mix matrices (GStreamer's `noise-shaping`, `mix-matrix`) are not provided.
/// Thread: `process` runs on the streaming thread of the element's segment.
public struct AudioConvert: Converter {
    /// Raw interleaved audio in any format the converter handles.
    public typealias Input = RawAudio<AnyAudioFormat>
    /// Raw interleaved audio, same rate.
    public typealias Output = RawAudio<AnyAudioFormat>

    /// The dither added before quantizing (`dithering`, GStreamer's `GstAudioDitherMethod`).
    public enum Dithering: Int, PropertyEnum {
        /// No dither.
        case none = 0
        /// Rectangular dither: one uniform value in ±0.5 LSB.
        case rpdf = 1
        /// Triangular dither: the sum of two uniform values, ±1 LSB.
        case tpdf = 2
        /// High-frequency triangular dither: the difference of successive uniform values.
        case tpdfHF = 3

        /// The nick written in launch strings, as GStreamer spells it.
        public var nick: String {
            switch self {
            case .none: "none"
            case .rpdf: "rpdf"
            case .tpdf: "tpdf"
            case .tpdfHF: "tpdf-hf"
            }
        }

        /// The description `--inspect` shows, as GStreamer's.
        public var blurb: String {
            switch self {
            case .none: "No dithering"
            case .rpdf: "Rectangular dithering"
            case .tpdf: "Triangular dithering (default)"
            case .tpdfHF: "High frequency triangular dithering"
            }
        }
    }

    /// The factory name, documentation and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "audioconvert", longName: "Audio converter", klass: "Filter/Converter/Audio",
        description: "Convert audio to different formats",
        properties: [
            .enumeration("dithering", \.dithering, typeName: "GstAudioDitherMethod", "Selects between different dithering methods."),
            .uint("dithering-threshold", \.ditheringThreshold, range: 0...32,
                  "Threshold for the output bit depth at/below which to apply dithering."),
        ])

    /// A copy plus per-sample arithmetic (`ConversionCost`).
    public static var conversionCost: Int { ConversionCost.copy + ConversionCost.sampleMath }

    /// The pad templates: interleaved S16LE, S32LE, F32LE or F64LE at any rate and channel count.
    public static var padTemplates: [PadTemplate] { AudioSampleCodec.padTemplates }

    /// The dither method; TPDF by default.
    public var dithering = Dithering.tpdf
    /// Dither only when the output has at most this many bits; 20 by default.
    public var ditheringThreshold: UInt64 = 20

    private var inputInfo: AudioInfo?
    private var outputInfo: AudioInfo?
    private var samples: [Float] = []
    private var mixed: [Float] = []
    private var noise: [Float] = []
    private var random = FastRandom(seed: 0x5EED)
    private var previousUniform: Float = 0

    /// A converter with GStreamer's defaults.
    public init() {}

    /// The other side: the format is free (the given ones first), mono and stereo reach each other, the
    /// rate and layout stay; a `channel-mask` is dropped (it describes the input's positions only).
    public func transformCaps(_ caps: Caps, from direction: PadDirection) -> Caps {
        if caps.isAny { return caps }
        var result: [CapsStructure] = []
        for var structure in caps.structures where structure.name == "audio/x-raw" {
            if let format = structure["format"] { structure["format"] = AudioSampleCodec.formatsPreferring(format) }
            if let channels = structure["channels"] { structure["channels"] = Self.mixable(channels) }
            structure["channel-mask"] = nil
            if !result.contains(structure) { result.append(structure) }
        }
        return AudioSampleCodec.restricted(result)
    }

    /// The channel counts `value` can be mixed to: itself, plus stereo for mono and mono for stereo.
    static func mixable(_ value: CapsValue) -> CapsValue {
        switch value {
        case .int(1): .list([.int(1), .int(2)])
        case .int(2): .list([.int(2), .int(1)])
        case .intRange(let range, _) where range.lowerBound <= 2:
            .intRange(1...Swift.max(range.upperBound, 2), step: 1)
        case .list(let items):
            .list(items.flatMap { item -> [CapsValue] in
                if case .list(let more) = mixable(item) { return more }
                return [item]
            }.reduce(into: [CapsValue]()) { if !$0.contains($1) { $0.append($1) } })
        default: value
        }
    }

    /// Takes the negotiated formats: same rate, and the same channels or mono ↔ stereo.
    public mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        guard let input, let output, let inInfo = AudioInfo(caps: input), let outInfo = AudioInfo(caps: output),
            AudioSampleCodec.formats.contains(inInfo.format), AudioSampleCodec.formats.contains(outInfo.format),
            inInfo.rate == outInfo.rate,
            inInfo.channels == outInfo.channels || (inInfo.channels <= 2 && outInfo.channels <= 2)
        else {
            throw ElementError("audioconvert cannot convert between these formats.",
                               debug: "input \(input?.description ?? "none"), output \(output?.description ?? "none")")
        }
        inputInfo = inInfo
        outputInfo = outInfo
    }

    /// As many output frames as the input has.
    public func outputSize(for caps: Caps, inputSize: Int) -> Int? {
        guard let inputInfo, let outputInfo else { return nil }
        return Swift.max(1, inputSize / inputInfo.bytesPerFrame) * outputInfo.bytesPerFrame
    }

    /// Whether converting `input` to `output` dithers: to an integer format of at most `ditheringThreshold`
    /// bits from a format with more precision.
    func dithers(from input: AudioSampleFormat, to output: AudioSampleFormat) -> Bool {
        guard dithering != .none, !output.isFloat else { return false }
        let bits = 8 * output.bytesPerSample
        let precise = input.isFloat || input.bytesPerSample > output.bytesPerSample
        return precise && UInt64(bits) <= ditheringThreshold
    }

    /// Converts one buffer.
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        guard let inInfo = inputInfo, let outInfo = outputInfo else {
            throw ElementError("audioconvert was not negotiated.")
        }
        let frames = ctx.inputLength / inInfo.bytesPerFrame
        guard frames * outInfo.bytesPerFrame <= ctx.outputCapacity else {
            throw ElementError("Internal data stream error.",
                               debug: "\(frames) frames need \(frames * outInfo.bytesPerFrame) bytes, have \(ctx.outputCapacity)")
        }
        let inCount = frames * inInfo.channels, outCount = frames * outInfo.channels
        if samples.count < inCount { samples = Array(repeating: 0, count: inCount) }
        if mixed.count < outCount { mixed = Array(repeating: 0, count: outCount) }
        let dither = dithers(from: inInfo.format, to: outInfo.format)
        let input = ctx.withUnsafeInput { $0.baseAddress }
        if !dither, !inInfo.format.isFloat, !outInfo.format.isFloat, inInfo.channels == outInfo.channels {
            // Integer to integer, as GStreamer rounds it (half up), without going through floats.
            ctx.withUnsafeOutput { output in
                guard let source = input, let destination = output.baseAddress else { return }
                AudioSampleCodec.requantize(inInfo.format, source, count: inCount, to: outInfo.format,
                                            into: destination)
            }
            ctx.outputLength = frames * outInfo.bytesPerFrame
            return .ok
        }
        if dither { fillNoise(outCount) }
        ctx.withUnsafeOutput { output in
            guard let source = input, let destination = output.baseAddress else { return }
            samples.withUnsafeMutableBufferPointer { decoded in
                AudioSampleCodec.decode(inInfo.format, source, count: inCount, into: decoded.baseAddress!)
                mixed.withUnsafeMutableBufferPointer { out in
                    Self.mix(decoded.baseAddress!, channels: inInfo.channels, into: out.baseAddress!,
                             channels: outInfo.channels, frames: frames)
                    noise.withUnsafeBufferPointer { noise in
                        AudioSampleCodec.encode(outInfo.format, out.baseAddress!, count: outCount, into: destination,
                                                dither: dither ? noise.baseAddress : nil)
                    }
                }
            }
        }
        ctx.outputLength = frames * outInfo.bytesPerFrame
        return .ok
    }

    /// Mixes interleaved frames: copies when the counts match, duplicates mono, averages stereo.
    static func mix(
        _ input: UnsafePointer<Float>, channels inChannels: Int, into output: UnsafeMutablePointer<Float>,
        channels outChannels: Int, frames: Int
    ) {
        switch (inChannels, outChannels) {
        case (1, 2):
            for i in 0..<frames {
                output[2 * i] = input[i]
                output[2 * i + 1] = input[i]
            }
        case (2, 1):
            var i = 0
            let half = SIMD4<Float>(repeating: 0.5)
            while i + 4 <= frames {
                let pair = UnsafeRawPointer(input + 2 * i).loadUnaligned(as: SIMD8<Float>.self)
                let left = SIMD4(pair[0], pair[2], pair[4], pair[6]), right = SIMD4(pair[1], pair[3], pair[5], pair[7])
                UnsafeMutableRawPointer(output + i).storeBytes(of: (left + right) * half, as: SIMD4<Float>.self)
                i += 4
            }
            while i < frames {
                output[i] = (input[2 * i] + input[2 * i + 1]) * 0.5
                i += 1
            }
        default:
            output.update(from: input, count: frames * inChannels)
        }
    }

    /// `count` dither values, in output LSBs, for the configured method.
    private mutating func fillNoise(_ count: Int) {
        if noise.count < count { noise = Array(repeating: 0, count: count) }
        // The generator and the high-pass state are taken out of `self` while the buffer is written.
        var generator = random, previous = previousUniform
        let method = dithering
        func uniform() -> Float { Float(generator.unitDouble()) - 0.5 }
        noise.withUnsafeMutableBufferPointer { noise in
            switch method {
            case .none:
                for i in 0..<count { noise[i] = 0 }
            case .rpdf:
                for i in 0..<count { noise[i] = uniform() }
            case .tpdf:
                for i in 0..<count { noise[i] = uniform() + uniform() }
            case .tpdfHF:
                for i in 0..<count {
                    let next = uniform()
                    noise[i] = next - previous
                    previous = next
                }
            }
        }
        random = generator
        previousUniform = previous
    }
}
