import Glibc

/// The polyphase filter of `audioresample`: for a rate pair, the taps of every output phase, and the dot
/// products that apply them.
///
/// ```
/// output n at input position p = n · in / out = i + phase / phases
///        taps j = i − taps/2 + 1 … i + taps/2,   weight h(p − j),   row `phase` of the table
/// ```
/// Windowed sinc (`kaiser`, `blackman-nuttall`): `h(u) = 2fc · sinc(2fc · u) · w(u / (taps/2))` with the
/// cut-off `fc` at 95 % of the lower Nyquist frequency; the transition band is 10 % of that Nyquist wide,
/// so it ends at the Nyquist frequency and anything above it is in the stop band. The attenuation is
/// `40 + 5 · quality` dB and the length follows Kaiser's estimate `(A − 8) / (2.285 · Δω)`.
/// Every row is normalised to a gain of exactly 1 at DC. Rate pairs with more than 4096 phases use 4096
/// evenly spaced ones (the nearest is taken). Pure value; built on the control thread, used on the streaming thread.
struct AudioResampleFilter: Sendable {
    /// Taps per output sample (even).
    let taps: Int
    /// The longest windowed-sinc filter built.
    static let maximumTaps = 4096
    /// `p = n · step / phases` in lowest terms.
    let step: Int
    let phases: Int
    /// Table rows (`phases`, or 4096 when there are more).
    let rows: Int
    let table: [Float]

    /// The filter taking `inRate` to `outRate` with `method` at `quality` (0…10).
    init(from inRate: Int, to outRate: Int, method: AudioResample.Method, quality: Int) {
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
        let g = gcd(inRate, outRate)
        step = inRate / g
        phases = outRate / g
        rows = Swift.min(phases, 4096)
        let band = Swift.min(1, Double(outRate) / Double(inRate))
        let attenuation = 40 + 5 * Double(Swift.max(0, Swift.min(quality, 10)))
        let kernel: (Double, Int) -> Double
        switch method {
        case .nearest:
            taps = 2
            kernel = { u, _ in u > -0.5 && u <= 0.5 ? 1 : 0 }
        case .linear:
            taps = 2
            kernel = { u, _ in Swift.max(0, 1 - Swift.abs(u)) }
        case .cubic:
            taps = 4
            kernel = { u, _ in
                let a = Swift.abs(u)
                if a < 1 { return (3 * a * a * a - 6 * a * a + 4) / 6 }
                if a < 2 { return (-a * a * a + 6 * a * a - 12 * a + 8) / 6 }
                return 0
            }
        case .kaiser, .blackmanNuttall:
            let transition = 0.1 * Double.pi * band
            let length = Int(((attenuation - 8) / (2.285 * transition)).rounded(.up))
            // Extreme ratios (48 kHz to a few hertz) would need millions of taps: cap the length, which
            // widens the transition band there.
            taps = Swift.min(Swift.max(8, (length + 1) & ~1), Self.maximumTaps)
            let cutoff = 0.5 * 0.95 * band  // cycles per input sample
            let beta = Self.kaiserBeta(attenuation)
            let kaiser = method == .kaiser
            kernel = { u, half in
                let t = u / Double(half)
                guard Swift.abs(t) < 1 else { return 0 }
                let window = kaiser ? Self.besselI0(beta * (1 - t * t).squareRoot()) / Self.besselI0(beta)
                    : Self.blackmanNuttall((t + 1) / 2)
                let x = 2 * cutoff * u
                let sinc = x == 0 ? 1 : sin(Double.pi * x) / (Double.pi * x)
                return 2 * cutoff * sinc * window
            }
        }
        var table = [Float](repeating: 0, count: rows * taps)
        let half = taps / 2
        for row in 0..<rows {
            let fraction = Double(row) / Double(rows)
            var weights = (0..<taps).map { m in kernel(fraction + Double(half - 1 - m), half) }
            let sum = weights.reduce(0, +)
            if sum != 0 { weights = weights.map { $0 / sum } }
            for m in 0..<taps { table[row * taps + m] = Float(weights[m]) }
        }
        self.table = table
    }

    /// The input index at or before output `n`'s position, and its table row.
    @inline(__always)
    func position(_ n: Int) -> (index: Int, row: Int) {
        let scaled = n * step
        let phase = scaled % phases
        return (scaled / phases, rows == phases ? phase : phase * rows / phases)
    }

    /// The first input index output `n` reads.
    func firstTap(of n: Int) -> Int { position(n).index - taps / 2 + 1 }

    /// The last input index output `n` reads.
    func lastTap(of n: Int) -> Int { position(n).index + taps / 2 }

    /// Computes `outputs` from the samples at `x` (absolute index `base` at `x[0]`), writing each to
    /// `out[k · stride]`; every tap must be in `x`.
    func run(
        _ x: UnsafePointer<Float>, base: Int, outputs: Range<Int>, into out: UnsafeMutablePointer<Float>, stride: Int
    ) {
        let taps = self.taps
        table.withUnsafeBufferPointer { table in
            var k = 0
            for n in outputs {
                let (index, row) = position(n)
                let xs = UnsafeRawPointer(x + (index - taps / 2 + 1 - base))
                let hs = UnsafeRawPointer(table.baseAddress! + row * taps)
                @inline(__always) func product(_ m: Int) -> SIMD8<Float> {
                    xs.loadUnaligned(fromByteOffset: 4 * m, as: SIMD8<Float>.self)
                        * hs.loadUnaligned(fromByteOffset: 4 * m, as: SIMD8<Float>.self)
                }
                // Independent partial sums, so additions do not wait on one another.
                var acc = SIMD8<Float>.zero, acc2 = SIMD8<Float>.zero
                var m = 0
                while m + 16 <= taps {
                    acc += product(m)
                    acc2 += product(m + 8)
                    m += 16
                }
                while m + 8 <= taps {
                    acc += product(m)
                    m += 8
                }
                var sum = (acc + acc2).sum()
                while m < taps {
                    sum += xs.load(fromByteOffset: 4 * m, as: Float.self) * hs.load(fromByteOffset: 4 * m, as: Float.self)
                    m += 1
                }
                out[k * stride] = sum
                k += 1
            }
        }
    }

    /// Kaiser's β for a stop-band attenuation of `a` dB.
    static func kaiserBeta(_ a: Double) -> Double {
        if a > 50 { return 0.1102 * (a - 8.7) }
        if a >= 21 { return 0.5842 * pow(a - 21, 0.4) + 0.07886 * (a - 21) }
        return 0
    }

    /// The modified Bessel function of the first kind, order 0 (power series).
    static func besselI0(_ x: Double) -> Double {
        var sum = 1.0, term = 1.0
        let quarter = x * x / 4
        for k in 1..<64 {
            term *= quarter / Double(k * k)
            sum += term
            if term < sum * 1e-17 { break }
        }
        return sum
    }

    /// The Blackman-Nuttall window at `x` in 0…1.
    static func blackmanNuttall(_ x: Double) -> Double {
        0.3635819 - 0.4891775 * cos(2 * Double.pi * x) + 0.1365995 * cos(4 * Double.pi * x)
            - 0.0106411 * cos(6 * Double.pi * x)
    }
}
