import ParallaxCore
import Testing

private func structure(_ text: String) throws -> CapsStructure {
    let caps = try Caps(parsing: text)
    try #require(caps.structures.count >= 1)
    return caps.structures[0]
}

/// Expected results were checked against GStreamer 1.22 (`gst_caps_fixate`, `gst_structure_fixate_field_*`).
@Suite("Caps fixation")
struct CapsFixationTests {
    @Test("fixated() keeps the first structure; ranges take the lower bound, lists the first element")
    func fixated() throws {
        let caps = try Caps(parsing: """
            v, a={ NV12, I420 }, w=[ 16, 4096 ], f=[ 0/1, 30/1 ], d=[ 1.5, 2.5 ], l={ [ 2, 4 ], 5 }, \
            n={ { 1, 2 }, 3 }, s=[ 8, 64, 8 ]; x, y=1
            """)
        let fixed = caps.fixated()
        #expect(fixed.description == """
            v, a=(string)NV12, w=(int)16, f=(fraction)0/1, d=(double)1.5, l=(int)2, n=(int)1, s=(int)8
            """)
        #expect(fixed.isFixed)
        #expect(!caps.isFixed)
        #expect(Caps.any.fixated().isAny)
        #expect(Caps.empty.fixated().isEmpty)
    }

    @Test("nearestInt clamps into the range and rounds to its step grid", arguments: [
        ("v, w=[ 16, 4096 ]", 10000, "v, w=(int)4096", true),
        ("v, w=[ 16, 4096 ]", 1, "v, w=(int)16", true),
        ("v, w=[ 16, 4096 ]", 1920, "v, w=(int)1920", true),
        ("v, w=[ 16, 4096, 16 ]", 1000, "v, w=(int)992", true),
        ("v, w=[ 16, 4096, 16 ]", 1016, "v, w=(int)1008", true),
        ("v, w=[ 16, 4096, 16 ]", 1017, "v, w=(int)1024", true),
        ("v, w={ 100, 200, 300, [ 1, 5 ] }", 250, "v, w=(int)200", true),
        ("v, w={ 100, 200, 300 }", 150, "v, w=(int)100", true),
        ("v, w=(int)7", 150, "v, w=(int)7", false),
        ("v, w=(string)wide", 150, "v, w=(string)wide", false),
    ])
    func nearestInt(text: String, target: Int, expected: String, changes: Bool) throws {
        var s = try structure(text)
        let changed = s.fixateField("w", nearestInt: target)
        #expect(changed == changes)
        #expect(s.description == expected)
    }

    @Test("nearestInt never leaves a range whose upper bound is off the step grid")
    func nearestIntOffGrid() {
        var s = CapsStructure("v", [("w", .intRange(0...10, step: 4))])
        s.fixateField("w", nearestInt: 10)
        #expect(s["w"] == .int(8))
    }

    @Test("nearestFraction clamps into fraction ranges and picks the closest list element")
    func nearestFraction() throws {
        var a = try structure("v, f=[ 0/1, 60/1 ]")
        let changedA = a.fixateField("f", nearestFraction: Fraction(30, 1))
        #expect(changedA)
        #expect(a["f"] == .fraction(Fraction(30, 1)))
        var b = try structure("v, f=[ 0/1, 25/1 ]")
        b.fixateField("f", nearestFraction: Fraction(30, 1))
        #expect(b["f"] == .fraction(Fraction(25, 1)))
        var c = try structure("v, f={ 15/1, 25/1, 60/1 }")
        c.fixateField("f", nearestFraction: Fraction(30, 1))
        #expect(c["f"] == .fraction(Fraction(25, 1)))
        var tie = try structure("v, f={ 15/1, 45/1 }")
        tie.fixateField("f", nearestFraction: Fraction(30, 1))
        #expect(tie["f"] == .fraction(Fraction(15, 1)))
        var zero = try structure("v, f=[ 0/1, 60/1 ]")
        let changedZero = zero.fixateField("f", nearestFraction: Fraction(1, 0))
        #expect(!changedZero)
        #expect(zero["f"] == .fractionRange(Fraction(0, 1)...Fraction(60, 1)))
    }

    @Test("nearestDouble clamps into double ranges and picks the closest list element")
    func nearestDouble() throws {
        var a = try structure("v, d=[ 0.0, 2.0 ]")
        a.fixateField("d", nearestDouble: 3.5)
        #expect(a["d"] == .double(2))
        var b = try structure("v, d={ 0.5, 1.5, 2.5 }")
        b.fixateField("d", nearestDouble: 2.1)
        #expect(b["d"] == .double(2.5))
    }

    @Test("toString picks the target from a list, else the first string, and leaves fixed values alone")
    func toString() throws {
        var a = try structure("v, s={ NV12, I420 }")
        let changedA = a.fixateField("s", toString: "I420")
        #expect(changedA)
        #expect(a["s"] == .string("I420"))
        var b = try structure("v, s={ NV12, I420 }")
        let changedB = b.fixateField("s", toString: "RGB")
        #expect(changedB)
        #expect(b["s"] == .string("NV12"))
        var c = try structure("v, s=NV12")
        let changedC = c.fixateField("s", toString: "RGB")
        #expect(!changedC)
        #expect(c["s"] == .string("NV12"))
        var missing = try structure("v, s=NV12")
        let changedMissing = missing.fixateField("t", toString: "RGB")
        #expect(!changedMissing)
        #expect(missing["t"] == nil)
    }

    @Test("toBool picks the target from a list, else the first boolean")
    func toBool() throws {
        var a = try structure("v, b={ false, true }")
        a.fixateField("b", toBool: true)
        #expect(a["b"] == .bool(true))
        var b = try structure("v, b={ false }")
        b.fixateField("b", toBool: true)
        #expect(b["b"] == .bool(false))
    }

    @Test("Caps.fixateField truncates to the first structure before fixing the field")
    func capsFixateFieldTruncates() throws {
        var caps = try Caps(parsing: "video/x-raw, width=[ 16, 4096 ], format={ NV12, I420 }; video/x-bayer, width=5")
        caps.fixateField("width", nearestInt: 1920)
        caps.fixateField("format", toString: "I420")
        #expect(caps.description == "video/x-raw, width=(int)1920, format=(string)I420")
        var rate = try Caps(parsing: "video/x-raw, framerate=[ 0/1, 60/1 ]; video/x-raw, framerate=5/1")
        rate.fixateField("framerate", nearestFraction: Fraction(30000, 1001))
        #expect(rate.description == "video/x-raw, framerate=(fraction)30000/1001")
        var any = Caps.any
        let changed = any.fixateField("width", nearestInt: 5)
        #expect(!changed)
        #expect(any.isAny)
    }

    @Test("Accessors return fixed values of the right type only")
    func accessors() throws {
        let s = try structure("""
            video/x-raw, width=320, format=I420, framerate=30000/1001, par=1.5, interlaced=false, \
            height=[ 16, 4096 ], one={ 7 }, exact=[ 5, 5 ]
            """)
        #expect(s.int("width") == 320)
        #expect(s.string("format") == "I420")
        #expect(s.fraction("framerate") == Fraction(30000, 1001))
        #expect(s.double("par") == 1.5)
        #expect(s.bool("interlaced") == false)
        #expect(s.int("height") == nil)
        #expect(s.int("format") == nil)
        #expect(s.string("width") == nil)
        #expect(s.int("missing") == nil)
        #expect(s.int("one") == 7)
        #expect(s.int("exact") == 5)
    }
}
