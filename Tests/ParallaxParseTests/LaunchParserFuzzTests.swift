import ParallaxCore
import ParallaxParse
import Testing

/// The parser never crashes: random and mutated descriptions either parse or throw a `LaunchError` whose
/// span lies inside the input (and renders).
@Suite("LaunchParser: robustness")
struct LaunchParserFuzzTests {
    /// SplitMix64, so every run feeds the same inputs.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let seeds = [
        "videotestsrc pattern=ball num-buffers=10 ! video/x-raw,format={ I420, NV12 },width=[ 16, 4096 ] ! tee"
            + " name=t  t. ! queue leaky=downstream ! fakesink  t.src_1 ! \"video/x-raw, framerate=(fraction)30/1\""
            + " ! fakesink",
        "filesrc location=\"/tmp/a \\\"b\\\"\" ! identity name=i .src ! .sink filesink location='x y'",
        "fakesrc ! compositor name=m  videotestsrc ! m.sink_3  m. ! capsfilter caps=\"video/x-raw;audio/x-raw\""
            + " ! fakesink",
    ]

    static let alphabet: [Character] = Array(
        "!\"'\\.,;:=(){}[]<>/@#% _-\t\nabcfiknrstuvx0123456789éß→🎬\u{0}\u{7F}")

    @Test("random and mutated descriptions parse or fail with a span inside the input")
    func neverCrashes() {
        var random = Generator(state: 0x5EED)
        var inputs: [String] = []
        for _ in 0..<300 {
            var characters = Array(Self.seeds.randomElement(using: &random) ?? "")
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                let index = Int.random(in: 0...characters.count, using: &random)
                let character = Self.alphabet.randomElement(using: &random) ?? "!"
                switch Int.random(in: 0..<3, using: &random) {
                case 0: characters.insert(character, at: index)
                case 1 where index < characters.count: characters.remove(at: index)
                default: if index < characters.count { characters[index] = character }
                }
            }
            inputs.append(String(characters))
        }
        for _ in 0..<100 {
            let length = Int.random(in: 0...24, using: &random)
            inputs.append(String((0..<length).map { _ in Self.alphabet.randomElement(using: &random) ?? "!" }))
        }

        var parsed = 0
        var failed = 0
        for input in inputs {
            do {
                _ = try Fixtures.parser.parse(input)
                parsed += 1
            } catch {
                failed += 1
                let span = error.diagnostic.span
                #expect(
                    span.start >= 0 && span.length >= 0 && span.end <= input.utf8.count, "\(input.debugDescription)")
                #expect(error.description.hasPrefix("error: "))
            }
        }
        // Both outcomes occur, so the loop exercised the graph path and the error path.
        #expect(parsed > 0)
        #expect(failed > 0)
    }
}
