import ParallaxCore

/// Reading interleaved samples of any `AudioSampleFormat` the converters handle into 32-bit floats, and
/// writing them back, eight samples at a time with SIMD.
///
/// ```
/// S16LE  x / 32768                  → Float  → clamp(round(x · 32768 + dither), −32768, 32767)
/// S16BE  as S16LE, bytes swapped
/// S32LE  x / 2147483648             → Float  → clamp(round(x · 2147483648), …)   (through Double)
/// F32LE  as is                      → Float  → as is
/// F64LE  Float(x)                   → Float  → Double(x)
/// ```
/// Floats are not clamped (GStreamer keeps float overs). Thread: pure functions over memory the caller owns.
enum AudioSampleCodec {
    /// The formats audioconvert and audioresample take and produce, in GStreamer's order of preference.
    static let formats: [AudioSampleFormat] = [.f32le, .f64le, .s32le, .s16le, .s16be]

    /// `count` samples at `source` as floats into `destination`.
    static func decode(
        _ format: AudioSampleFormat, _ source: UnsafeRawPointer, count: Int, into destination: UnsafeMutablePointer<Float>
    ) {
        var i = 0
        switch format {
        case .s16le:
            let scale = SIMD8<Float>(repeating: 1 / 32768)
            while i + 8 <= count {
                let v = (source + 2 * i).loadUnaligned(as: SIMD8<Int16>.self)
                (UnsafeMutableRawPointer(destination) + 4 * i).storeBytes(
                    of: SIMD8<Float>(SIMD8<Int32>(truncatingIfNeeded: v)) * scale, as: SIMD8<Float>.self)
                i += 8
            }
            while i < count {
                destination[i] = Float((source + 2 * i).loadUnaligned(as: Int16.self)) / 32768
                i += 1
            }
        case .s16be:
            for j in 0..<count { destination[j] = Float(Int16(bigEndian: (source + 2 * j).loadUnaligned(as: Int16.self))) / 32768 }
        case .s32le:
            for j in 0..<count { destination[j] = Float(Double((source + 4 * j).loadUnaligned(as: Int32.self)) / 2_147_483_648) }
        case .f32le:
            UnsafeMutableRawPointer(destination).copyMemory(from: source, byteCount: 4 * count)
        case .f64le:
            for j in 0..<count { destination[j] = Float((source + 8 * j).loadUnaligned(as: Double.self)) }
        case .u8:
            for j in 0..<count { destination[j] = Float(Int(source.load(fromByteOffset: j, as: UInt8.self)) - 128) / 128 }
        }
    }

    /// `count` floats at `source` as samples of `format` at `destination`; `dither` (one value per sample,
    /// in least significant bits of the output) is added before rounding to an integer format when given.
    static func encode(
        _ format: AudioSampleFormat, _ source: UnsafePointer<Float>, count: Int, into destination: UnsafeMutableRawPointer,
        dither: UnsafePointer<Float>? = nil
    ) {
        switch format {
        case .s16le:
            var i = 0
            let scale = SIMD8<Float>(repeating: 32768)
            let low = SIMD8<Float>(repeating: -32768), high = SIMD8<Float>(repeating: 32767)
            // Round to nearest even by adding 1.5 × 2²³: the integer lands in the low mantissa bits.
            let magic = SIMD8<Float>(repeating: 12_582_912)
            let magicBits = SIMD8<Int32>(repeating: 0x4B40_0000)
            while i + 8 <= count {
                var v = UnsafeRawPointer(source + i).loadUnaligned(as: SIMD8<Float>.self) * scale
                if let dither { v += UnsafeRawPointer(dither + i).loadUnaligned(as: SIMD8<Float>.self) }
                // Clamped by masked replacement (`maxps`/`minps`), which the compiler inlines.
                v.replace(with: low, where: v .< low)
                v.replace(with: high, where: v .> high)
                v += magic
                let integers = unsafeBitCast(v, to: SIMD8<Int32>.self) &- magicBits
                (destination + 2 * i).storeBytes(of: SIMD8<Int16>(truncatingIfNeeded: integers), as: SIMD8<Int16>.self)
                i += 8
            }
            while i < count {
                let v = (source[i] * 32768 + (dither?[i] ?? 0)).rounded(.toNearestOrEven)
                (destination + 2 * i).storeBytes(of: Int16(Swift.min(Swift.max(v, -32768), 32767)), as: Int16.self)
                i += 1
            }
        case .s16be:
            encode(.s16le, source, count: count, into: destination, dither: dither)
            let samples = destination.assumingMemoryBound(to: Int16.self)
            for j in 0..<count { samples[j] = samples[j].byteSwapped }
        case .s32le:
            for j in 0..<count {
                let v = (Double(source[j]) * 2_147_483_648 + Double(dither?[j] ?? 0)).rounded(.toNearestOrEven)
                (destination + 4 * j).storeBytes(of: Int32(Swift.min(Swift.max(v, -2_147_483_648), 2_147_483_647)),
                                                 as: Int32.self)
            }
        case .f32le:
            destination.copyMemory(from: source, byteCount: 4 * count)
        case .f64le:
            for j in 0..<count { (destination + 8 * j).storeBytes(of: Double(source[j]), as: Double.self) }
        case .u8:
            for j in 0..<count {
                let v = (source[j] * 128 + (dither?[j] ?? 0)).rounded(.toNearestOrEven) + 128
                destination.storeBytes(of: UInt8(Swift.min(Swift.max(v, 0), 255)), toByteOffset: j, as: UInt8.self)
            }
        }
    }

    /// The caps every raw audio converter handles: interleaved, any rate and channel count.
    static func templateCaps() -> Caps {
        Caps("audio/x-raw", [
            ("format", .list(formats.map { .string($0.name) })),
            ("rate", .intRange(1...Int(Int32.max), step: 1)),
            ("channels", .intRange(1...Int(Int32.max), step: 1)),
            ("layout", .string("interleaved")),
        ])
    }

    /// The pad templates of the audio converters: the same caps on both sides.
    static var padTemplates: [PadTemplate] {
        [
            PadTemplate(name: "sink", direction: .sink, caps: templateCaps()),
            PadTemplate(name: "src", direction: .src, caps: templateCaps()),
        ]
    }

    /// `structures` restricted to what the converters handle, keeping their order; a missing `format` stays
    /// missing (any), since the template's order is no preference.
    static func restricted(_ structures: [CapsStructure]) -> Caps {
        let template = templateCaps()
        var result: [CapsStructure] = []
        for var structure in structures {
            var open = template.structures[0]
            if structure["format"] == nil { open["format"] = nil }
            guard let allowed = structure.intersection(open) else { continue }
            structure = allowed
            if !result.contains(structure) { result.append(structure) }
        }
        return Caps(result)
    }

    /// `value` (a caps `format` field) as a list of the converter formats with the given ones first.
    static func formatsPreferring(_ value: CapsValue?) -> CapsValue {
        var first: [AudioSampleFormat] = []
        switch value {
        case .string(let name)?: if let f = AudioSampleFormat(rawValue: name), formats.contains(f) { first = [f] }
        case .list(let items)?:
            for case .string(let name) in items {
                if let f = AudioSampleFormat(rawValue: name), formats.contains(f), !first.contains(f) { first.append(f) }
            }
        default: break
        }
        return .list((first + formats.filter { !first.contains($0) }).map { .string($0.name) })
    }
}
