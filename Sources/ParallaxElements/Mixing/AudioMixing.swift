import ParallaxCore

/// The sample arithmetic of `audiomixer`: adds one input's samples, scaled by its gain, onto the output.
/// Integers saturate; floats are added unclipped, as GStreamer's audiomixer does. Pure functions over raw
/// memory; run on the mixer's streaming thread.
enum AudioMixing {
    /// Adds `samples` samples of `format` from `source` onto `destination`, each multiplied by `gain`.
    static func add(
        _ source: UnsafeRawPointer, into destination: UnsafeMutableRawPointer, samples: Int, format: AudioSampleFormat,
        gain: Double
    ) {
        guard gain > 0 else { return }
        switch format {
        case .s16le:
            let s = source.assumingMemoryBound(to: Int16.self), d = destination.assumingMemoryBound(to: Int16.self)
            if gain == 1 {
                for i in 0..<samples { d[i] = Int16(clamping: Int32(d[i]) + Int32(s[i])) }
            } else {
                for i in 0..<samples { d[i] = Int16(clamping: Int32(d[i]) + Int32((Double(s[i]) * gain).rounded())) }
            }
        case .s32le:
            let s = source.assumingMemoryBound(to: Int32.self), d = destination.assumingMemoryBound(to: Int32.self)
            for i in 0..<samples {
                let scaled = gain == 1 ? Int64(s[i]) : Int64((Double(s[i]) * gain).rounded())
                d[i] = Int32(clamping: Int64(d[i]) + scaled)
            }
        case .f32le:
            let s = source.assumingMemoryBound(to: Float.self), d = destination.assumingMemoryBound(to: Float.self)
            let g = Float(gain)
            for i in 0..<samples { d[i] += s[i] * g }
        case .f64le:
            let s = source.assumingMemoryBound(to: Double.self), d = destination.assumingMemoryBound(to: Double.self)
            for i in 0..<samples { d[i] += s[i] * gain }
        case .s16be:
            let s = source.assumingMemoryBound(to: Int16.self), d = destination.assumingMemoryBound(to: Int16.self)
            for i in 0..<samples {
                let sum = Int32(Int16(bigEndian: d[i])) + Int32((Double(Int16(bigEndian: s[i])) * gain).rounded())
                d[i] = Int16(clamping: sum).bigEndian
            }
        case .u8:
            let s = source.assumingMemoryBound(to: UInt8.self), d = destination.assumingMemoryBound(to: UInt8.self)
            for i in 0..<samples {
                let sum = Int(d[i]) - 128 + Int((Double(Int(s[i]) - 128) * gain).rounded())
                d[i] = UInt8(clamping: sum + 128)
            }
        case .s8, .s24le, .s24be, .s32be, .f32be, .f64be:
            // Not in the mixer's template: through floats, one sample at a time.
            let bytes = format.bytesPerSample
            var a: Float = 0, b: Float = 0
            for i in 0..<samples {
                AudioSampleCodec.decode(format, source + i * bytes, count: 1, into: &a)
                AudioSampleCodec.decode(format, destination + i * bytes, count: 1, into: &b)
                var sum = b + a * Float(gain)
                AudioSampleCodec.encode(format, &sum, count: 1, into: destination + i * bytes)
            }
        }
    }
}
