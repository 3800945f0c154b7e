/// A fast, non-cryptographic random number generator (xoshiro256**) for filling test data.
///
/// `SystemRandomNumberGenerator` makes a system call per draw; sources that fill every byte of a buffer
/// with noise (`fakesrc filltype=random`) or draw once per buffer (`identity drop-probability`) use this
/// instead. Seeded from the system generator unless a seed is given.
/// Thread: a value owned by one element; not shared.
struct FastRandom: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// A generator seeded from the system's random source.
    init() {
        var system = SystemRandomNumberGenerator()
        self.init(seed: system.next())
    }

    /// A generator whose sequence is fixed by `seed` (for reproducible tests).
    init(seed: UInt64) {
        var mixer = seed
        func splitMix(_ x: inout UInt64) -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (splitMix(&mixer), splitMix(&mixer), splitMix(&mixer), splitMix(&mixer))
    }

    mutating func next() -> UInt64 {
        let result = ((state.1 &* 5) << 7 | (state.1 &* 5) >> 57) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = state.3 << 45 | state.3 >> 19
        return result
    }

    /// Fills `bytes` with random bytes, eight at a time.
    mutating func fill(_ bytes: UnsafeMutableRawBufferPointer) {
        guard let base = bytes.baseAddress else { return }
        let words = bytes.count / 8
        for i in 0..<words { base.storeBytes(of: next(), toByteOffset: i * 8, as: UInt64.self) }
        var tail = next()
        for i in (words * 8)..<bytes.count {
            base.storeBytes(of: UInt8(truncatingIfNeeded: tail), toByteOffset: i, as: UInt8.self)
            tail >>= 8
        }
    }

    /// A uniformly distributed double in `0..<1`.
    mutating func unitDouble() -> Double {
        Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
    }
}
