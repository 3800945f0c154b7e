import ParallaxCore
import Testing

@Suite("Fraction")
struct FractionTests {
    @Test("Equality compares values, not spellings")
    func equality() {
        #expect(Fraction(60, 2) == Fraction(30, 1))
        #expect(Fraction(1, -2) == Fraction(-1, 2))
        #expect(Fraction(30000, 1001) != Fraction(30, 1))
        #expect(Fraction(0, 5) == Fraction(0, 1))
    }

    @Test("Equal fractions hash alike, so sets and dictionaries treat them as one")
    func hashing() {
        let set: Set<Fraction> = [Fraction(60, 2), Fraction(30, 1), Fraction(90, 3)]
        #expect(set.count == 1)
        #expect(Fraction(2, 4).hashValue == Fraction(1, 2).hashValue)
    }

    @Test("reduced gives lowest terms with a positive denominator", arguments: [
        (Fraction(60, 2), 30, 1),
        (Fraction(30000, 1001), 30000, 1001),
        (Fraction(1, -2), -1, 2),
        (Fraction(-4, -8), 1, 2),
        (Fraction(0, 7), 0, 1),
    ])
    func reduced(fraction: Fraction, numerator: Int, denominator: Int) {
        let r = fraction.reduced
        #expect(r.numerator == numerator)
        #expect(r.denominator == denominator)
    }

    @Test("Ordering compares values, including negative denominators and huge terms")
    func ordering() {
        #expect(Fraction(25, 1) < Fraction(30, 1))
        #expect(Fraction(30000, 1001) < Fraction(30, 1))
        #expect(Fraction(1, -2) < Fraction(0, 1))
        #expect(!(Fraction(60, 2) < Fraction(30, 1)))
        // (max)/(max-1) is closer to 1 than (max-1)/(max-2), so it is the smaller one; needs 128-bit products.
        #expect(Fraction(Int.max, Int.max - 1) < Fraction(Int.max - 1, Int.max - 2))
        #expect([Fraction(60, 1), Fraction(1, 2), Fraction(24000, 1001)].sorted()
            == [Fraction(1, 2), Fraction(24000, 1001), Fraction(60, 1)])
    }

    @Test("doubleValue and description")
    func doubleAndDescription() {
        #expect(Fraction(1, 4).doubleValue == 0.25)
        #expect(abs(Fraction(30000, 1001).doubleValue - 29.97002997) < 1e-8)
        #expect(Fraction(30, 1).description == "30/1")
        #expect(Fraction(60, 2).description == "60/2")
        #expect(Fraction(7).denominator == 1)
    }
}
