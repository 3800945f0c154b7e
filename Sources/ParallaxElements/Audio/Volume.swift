import ParallaxCore

/// `volume`: scales raw audio samples by a factor, or mutes them — GStreamer's volume, with its property
/// names, range and arithmetic, so the output bytes match GStreamer's.
///
/// ```
/// S16LE  (x · ⌊Float(volume) · 2¹¹⌋) >> 11, saturated to −32768…32767 when volume > 1
/// S32LE  (x · ⌊Float(volume) · 2²⁷⌋) >> 27, saturated when volume > 1          (64-bit product)
/// F32LE  x · Float(volume)                                               (not clamped)
/// F64LE  x · volume                                                      (not clamped)
/// ```
/// The shift floors (towards −∞), as GStreamer's. `mute=true` writes silence. With volume 1 and no mute
/// the buffer passes untouched.
///
/// ```
/// parallax-launch audiotestsrc ! volume volume=0.5 ! fakesink
/// ```
/// Thread: `process` runs on the streaming thread of the element's segment.
public struct Volume: Transform {
    /// Interleaved S16LE, S32LE, F32LE or F64LE audio, any rate and channel count.
    public typealias Input = RawAudio<AnyAudioFormat>
    /// The same format.
    public typealias Output = RawAudio<AnyAudioFormat>

    /// The factory name, documentation and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "volume", longName: "Volume", klass: "Filter/Effect/Audio",
        description: "Set volume on audio/raw streams",
        properties: [
            .bool("mute", \.mute, "mute channel"),
            .double("volume", \.volume, range: 0...10, "volume factor, 1.0=100%"),
        ])

    /// The pad templates: interleaved S16LE, S32LE, F32LE or F64LE at any rate and channel count.
    public static var padTemplates: [PadTemplate] { AudioSampleCodec.padTemplates(formats) }

    /// The formats volume scales, in the converters' order of preference.
    static let formats: [AudioSampleFormat] = [.f32le, .f64le, .s32le, .s16le]

    /// Whether the output is silence.
    public var mute = false
    /// The factor every sample is multiplied by, 0…10; 1 by default.
    public var volume = 1.0

    private var format: AudioSampleFormat?

    /// A volume of 1 (no change), not muted.
    public init() {}

    /// The same format on both sides.
    public func transformCaps(_ caps: Caps, from direction: PadDirection) -> Caps {
        caps.isAny ? caps : caps.intersection(AudioSampleCodec.templateCaps())
    }

    /// Takes the negotiated sample format.
    public mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        guard let input, let info = AudioInfo(caps: input), Self.formats.contains(info.format) else {
            throw ElementError(
                "volume cannot scale \(input?.description ?? "no caps"): it takes S16LE, S32LE, F32LE or F64LE audio.")
        }
        format = info.format
    }

    /// Samples are scaled where they lie.
    public var canProcessInPlace: Bool { true }

    /// The factor GStreamer uses for 16-bit samples: `volume · 2¹¹` in single precision, truncated (0.35
    /// gives 716, a gain of 0.3496).
    var int16Factor: Int32 { Int32(Float(volume) * 2048) }
    /// The factor GStreamer uses for 32-bit samples: `volume · 2²⁷` in single precision, truncated (0.3 gives
    /// 40265320, not the 40265318 of double precision).
    var int32Factor: Int64 { Int64(Float(volume) * 134_217_728) }

    /// Scales one buffer.
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        guard let format else { throw ElementError("volume was not negotiated.") }
        let length = ctx.inputLength
        guard length % format.bytesPerSample == 0 else {
            throw ElementError("volume: a buffer of \(length) bytes is not a whole number of \(format.name) samples.")
        }
        if !mute && volume == 1 && ctx.isInPlace { return .ok }
        let input = ctx.withUnsafeInput { $0.baseAddress }
        let (mute, volume, factor16, factor32) = (mute, volume, int16Factor, int32Factor)
        ctx.withUnsafeOutput { output in
            guard let destination = output.baseAddress, let source = input else { return }
            if mute {
                destination.initializeMemory(as: UInt8.self, repeating: 0, count: length)
                return
            }
            Self.scale(
                format, source, into: destination, bytes: length, volume: volume, factor16: factor16,
                factor32: factor32)
        }
        ctx.outputLength = length
        return .ok
    }

    /// Scales `bytes` bytes of `format` samples from `source` into `destination` (possibly the same memory).
    static func scale(
        _ format: AudioSampleFormat, _ source: UnsafeRawPointer, into destination: UnsafeMutableRawPointer,
        bytes: Int, volume: Double, factor16: Int32, factor32: Int64
    ) {
        switch format {
        case .s16le:
            // Products fit in 32 bits: |x| ≤ 2¹⁵ and the factor ≤ 10 · 2¹¹.
            let clamp = factor16 > 2048
            let count = bytes / 2
            let factor = SIMD8<Int32>(repeating: factor16)
            let low = SIMD8<Int32>(repeating: -32768), high = SIMD8<Int32>(repeating: 32767)
            var i = 0
            while i + 8 <= count {
                let samples = SIMD8<Int32>(truncatingIfNeeded: (source + 2 * i).loadUnaligned(as: SIMD8<Int16>.self))
                var product = (samples &* factor) &>> 11
                if clamp { product = product.clamped(lowerBound: low, upperBound: high) }
                (destination + 2 * i).storeBytes(of: SIMD8<Int16>(truncatingIfNeeded: product), as: SIMD8<Int16>.self)
                i += 8
            }
            while i < count {
                let product = (Int32((source + 2 * i).loadUnaligned(as: Int16.self)) * factor16) >> 11
                let value = clamp ? Int16(clamping: product) : Int16(truncatingIfNeeded: product)
                (destination + 2 * i).storeBytes(of: value, as: Int16.self)
                i += 1
            }
        case .s32le:
            let clamp = factor32 > 134_217_728
            for i in 0..<(bytes / 4) {
                let product = (Int64((source + 4 * i).loadUnaligned(as: Int32.self)) * factor32) >> 27
                let value = clamp ? Int32(clamping: product) : Int32(truncatingIfNeeded: product)
                (destination + 4 * i).storeBytes(of: value, as: Int32.self)
            }
        case .f32le:
            let factor = Float(volume), vector = SIMD8<Float>(repeating: factor)
            let count = bytes / 4
            var i = 0
            while i + 8 <= count {
                let samples = (source + 4 * i).loadUnaligned(as: SIMD8<Float>.self)
                (destination + 4 * i).storeBytes(of: samples * vector, as: SIMD8<Float>.self)
                i += 8
            }
            while i < count {
                (destination + 4 * i).storeBytes(
                    of: (source + 4 * i).loadUnaligned(as: Float.self) * factor, as: Float.self)
                i += 1
            }
        case .f64le:
            for i in 0..<(bytes / 8) {
                (destination + 8 * i).storeBytes(
                    of: (source + 8 * i).loadUnaligned(as: Double.self) * volume, as: Double.self)
            }
        case .u8, .s8, .s16be, .s24le, .s24be, .s32be, .f32be, .f64be:
            // Not in the templates: negotiation never hands volume these samples.
            destination.copyMemory(from: source, byteCount: bytes)
        }
    }
}
