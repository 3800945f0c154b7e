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
/// S24LE  x / 8388608 (3-byte packed) → Float  → clamp(round(x · 8388608 + dither), …)  (through Double)
/// S8/U8  x / 128, (x − 128) / 128    → Float  → clamp(round(x · 128 + dither), …) (+ 128)
/// …BE    as …LE, bytes swapped
/// ```
/// Floats are not clamped (GStreamer keeps float overs). Thread: pure functions over memory the caller owns.
enum AudioSampleCodec {
    /// The formats audioconvert and audioresample take and produce, in GStreamer's order of preference.
    static let formats: [AudioSampleFormat] = [
        .f32le, .f64le, .s32le, .s24le, .s16le, .s16be, .s32be, .s24be, .f32be, .f64be, .s8, .u8,
    ]

    /// The signed 24-bit sample at `pointer` (three bytes, little- or big-endian), sign-extended.
    @inline(__always)
    static func load24(_ pointer: UnsafeRawPointer, bigEndian: Bool) -> Int32 {
        let b0 = Int32(pointer.load(as: UInt8.self)), b1 = Int32(pointer.load(fromByteOffset: 1, as: UInt8.self))
        let b2 = Int32(pointer.load(fromByteOffset: 2, as: UInt8.self))
        let unsigned = bigEndian ? (b0 << 16 | b1 << 8 | b2) : (b2 << 16 | b1 << 8 | b0)
        return (unsigned << 8) >> 8
    }

    /// Stores the low 24 bits of `value` at `pointer` as three bytes.
    @inline(__always)
    static func store24(_ value: Int32, at pointer: UnsafeMutableRawPointer, bigEndian: Bool) {
        let low = UInt8(truncatingIfNeeded: value), middle = UInt8(truncatingIfNeeded: value >> 8)
        let high = UInt8(truncatingIfNeeded: value >> 16)
        pointer.storeBytes(of: bigEndian ? high : low, as: UInt8.self)
        pointer.storeBytes(of: middle, toByteOffset: 1, as: UInt8.self)
        pointer.storeBytes(of: bigEndian ? low : high, toByteOffset: 2, as: UInt8.self)
    }

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
        case .s8:
            for j in 0..<count { destination[j] = Float(source.load(fromByteOffset: j, as: Int8.self)) / 128 }
        case .s24le, .s24be:
            let big = format == .s24be
            for j in 0..<count { destination[j] = Float(load24(source + 3 * j, bigEndian: big)) / 8_388_608 }
        case .s32be:
            for j in 0..<count {
                destination[j] = Float(Double(Int32(bigEndian: (source + 4 * j).loadUnaligned(as: Int32.self))) / 2_147_483_648)
            }
        case .f32be:
            for j in 0..<count {
                destination[j] = Float(bitPattern: UInt32(bigEndian: (source + 4 * j).loadUnaligned(as: UInt32.self)))
            }
        case .f64be:
            for j in 0..<count {
                destination[j] = Float(Double(bitPattern: UInt64(bigEndian: (source + 8 * j).loadUnaligned(as: UInt64.self))))
            }
        }
    }

    /// `count` floats at `source` as samples of `format` at `destination`; `dither` (one value per sample,
    /// in least significant bits of the output) is added before rounding to an integer format when given.
    static func encode(
        _ format: AudioSampleFormat, _ source: UnsafePointer<Float>, count: Int, into destination: UnsafeMutableRawPointer,
        dither: UnsafePointer<Float>? = nil
    ) {
        if dither == nil, !format.isFloat {
            quantize(source, count: count, to: format, into: destination)
            return
        }
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
        case .s8:
            for j in 0..<count {
                let v = (source[j] * 128 + (dither?[j] ?? 0)).rounded(.toNearestOrEven)
                destination.storeBytes(of: Int8(Swift.min(Swift.max(v, -128), 127)), toByteOffset: j, as: Int8.self)
            }
        case .s24le, .s24be:
            let big = format == .s24be
            for j in 0..<count {
                let v = (Double(source[j]) * 8_388_608 + Double(dither?[j] ?? 0)).rounded(.toNearestOrEven)
                store24(Int32(Swift.min(Swift.max(v, -8_388_608), 8_388_607)), at: destination + 3 * j, bigEndian: big)
            }
        case .s32be:
            encode(.s32le, source, count: count, into: destination, dither: dither)
            for j in 0..<count {
                let p = destination + 4 * j
                p.storeBytes(of: p.loadUnaligned(as: UInt32.self).byteSwapped, as: UInt32.self)
            }
        case .f32be:
            for j in 0..<count { (destination + 4 * j).storeBytes(of: source[j].bitPattern.bigEndian, as: UInt32.self) }
        case .f64be:
            for j in 0..<count {
                (destination + 8 * j).storeBytes(of: Double(source[j]).bitPattern.bigEndian, as: UInt64.self)
            }
        }
    }

    /// `count` floats as samples of the integer `format`, without dither, as GStreamer's audioconvert does:
    /// each float becomes a 32-bit value (× 2³¹, truncated, saturated), which is then rounded half up to the
    /// format's width (`requantize`). S16LE eight samples at a time.
    static func quantize(
        _ source: UnsafePointer<Float>, count: Int, to format: AudioSampleFormat,
        into destination: UnsafeMutableRawPointer
    ) {
        var i = 0
        if format == .s16le {
            // Clamping to 2³¹ − 2¹⁶ before adding the half step keeps the sum in range with the same result.
            let scale = SIMD8<Float>(repeating: 2_147_483_648)
            let low = SIMD8<Float>(repeating: -2_147_483_648), high = SIMD8<Float>(repeating: 2_147_418_112)
            let half = SIMD8<Int32>(repeating: 32768)
            while i + 8 <= count {
                var v = UnsafeRawPointer(source + i).loadUnaligned(as: SIMD8<Float>.self) * scale
                v.replace(with: low, where: v .< low)
                v.replace(with: high, where: v .> high)
                let wide = SIMD8<Int32>(v, rounding: .towardZero) &+ half
                (destination + 2 * i).storeBytes(of: SIMD8<Int16>(truncatingIfNeeded: wide &>> 16), as: SIMD8<Int16>.self)
                i += 8
            }
        }
        let bytes = format.bytesPerSample
        let shift = 32 - 8 * bytes
        let bias: Int64 = shift > 0 ? 1 << (shift - 1) : 0
        while i < count {
            let scaled = Double(source[i]) * 2_147_483_648
            let wide = scaled.isNaN ? 0 : Int64(Swift.min(Swift.max(scaled, -2_147_483_648), 2_147_483_647))
            store(Int32(clamping: Int64(Int32(clamping: wide)) + bias) >> shift, as: format, at: destination + bytes * i)
            i += 1
        }
    }

    /// Converts `count` samples between two integer formats as GStreamer's audioconvert does without dither:
    /// each sample is widened to a left-justified 32-bit value, half a step of the output is added (saturating)
    /// and the low bits are dropped — so narrowing rounds half up, and widening is exact.
    ///
    /// ```
    /// S24LE 0x000180 → 0x00018000 (32-bit) → + 0x8000 → 0x00020000 → S16LE 0x0002
    /// ```
    static func requantize(
        _ input: AudioSampleFormat, _ source: UnsafeRawPointer, count: Int, to output: AudioSampleFormat,
        into destination: UnsafeMutableRawPointer
    ) {
        let inBytes = input.bytesPerSample, outBytes = output.bytesPerSample
        let shift = 32 - 8 * outBytes
        let bias: Int64 = shift > 0 ? 1 << (shift - 1) : 0
        for j in 0..<count {
            let wide = Int64(leftJustified(input, source + inBytes * j)) + bias
            let value = Int32(clamping: wide) >> shift
            store(value, as: output, at: destination + outBytes * j)
        }
    }

    /// The integer sample at `pointer` as a left-justified signed 32-bit value (U8 made signed).
    @inline(__always)
    static func leftJustified(_ format: AudioSampleFormat, _ pointer: UnsafeRawPointer) -> Int32 {
        switch format {
        case .u8: Int32(Int(pointer.load(as: UInt8.self)) - 128) << 24
        case .s8: Int32(pointer.load(as: Int8.self)) << 24
        case .s16le: Int32(pointer.loadUnaligned(as: Int16.self)) << 16
        case .s16be: Int32(Int16(bigEndian: pointer.loadUnaligned(as: Int16.self))) << 16
        case .s24le: load24(pointer, bigEndian: false) << 8
        case .s24be: load24(pointer, bigEndian: true) << 8
        case .s32le: pointer.loadUnaligned(as: Int32.self)
        case .s32be: Int32(bigEndian: pointer.loadUnaligned(as: Int32.self))
        case .f32le, .f32be, .f64le, .f64be: 0  // not integers: callers convert floats through `decode`
        }
    }

    /// Stores the right-justified integer `value` as one sample of `format` at `pointer`.
    @inline(__always)
    static func store(_ value: Int32, as format: AudioSampleFormat, at pointer: UnsafeMutableRawPointer) {
        switch format {
        case .u8: pointer.storeBytes(of: UInt8(truncatingIfNeeded: value + 128), as: UInt8.self)
        case .s8: pointer.storeBytes(of: Int8(truncatingIfNeeded: value), as: Int8.self)
        case .s16le: pointer.storeBytes(of: Int16(truncatingIfNeeded: value), as: Int16.self)
        case .s16be: pointer.storeBytes(of: Int16(truncatingIfNeeded: value).bigEndian, as: Int16.self)
        case .s24le: store24(value, at: pointer, bigEndian: false)
        case .s24be: store24(value, at: pointer, bigEndian: true)
        case .s32le: pointer.storeBytes(of: value, as: Int32.self)
        case .s32be: pointer.storeBytes(of: value.bigEndian, as: Int32.self)
        case .f32le, .f32be, .f64le, .f64be: break  // not integers: callers convert floats through `encode`
        }
    }

    /// The caps every raw audio converter handles: interleaved, any rate and channel count.
    static func templateCaps(_ formats: [AudioSampleFormat] = formats) -> Caps {
        Caps("audio/x-raw", [
            ("format", .list(formats.map { .string($0.name) })),
            ("rate", .intRange(1...Int(Int32.max), step: 1)),
            ("channels", .intRange(1...Int(Int32.max), step: 1)),
            ("layout", .string("interleaved")),
        ])
    }

    /// The pad templates of the audio converters: the same caps on both sides.
    static var padTemplates: [PadTemplate] { padTemplates(formats) }

    /// Pad templates with the same caps on both sides, for an element that handles `formats` only.
    static func padTemplates(_ formats: [AudioSampleFormat]) -> [PadTemplate] {
        [
            PadTemplate(name: "sink", direction: .sink, caps: templateCaps(formats)),
            PadTemplate(name: "src", direction: .src, caps: templateCaps(formats)),
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
