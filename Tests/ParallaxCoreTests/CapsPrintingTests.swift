import ParallaxCore
import Testing

@Suite("Caps printing")
struct CapsPrintingTests {
    /// Expected texts were checked against GStreamer 1.22's `gst_caps_to_string` (via `Gst.Caps.from_string`).
    @Test("Printing matches gst_caps_to_string", arguments: [
        ("video/x-raw,format=I420,width=[16,4096],framerate=30/1",
         "video/x-raw, format=(string)I420, width=(int)[ 16, 4096 ], framerate=(fraction)30/1"),
        ("video/x-raw,format={I420,NV12},width=[16,4096]",
         "video/x-raw, format=(string){ I420, NV12 }, width=(int)[ 16, 4096 ]"),
        ("ANY", "ANY"),
        ("EMPTY", "EMPTY"),
        ("NONE", "EMPTY"),
        ("a;b", "a; b"),
        ("a,", "a"),
        (" a , x = (int) 1 ", "a, x=(int)1"),
        ("a(memory:DMABuf,meta:Foo),x=1", "a(memory:DMABuf, meta:Foo), x=(int)1"),
        ("video/x-raw(ANY)", "video/x-raw(ANY)"),
        ("a(memory:SystemMemory),x=1", "a, x=(int)1"),
        ("a,x=true,y=yes,z=t,w=f,v=no",
         "a, x=(boolean)true, y=(boolean)true, z=(boolean)true, w=(boolean)false, v=(boolean)false"),
        ("a,x=yes,y=(string)yes", "a, x=(boolean)true, y=(string)yes"),
        ("a,x=2.0", "a, x=(double)2"),
        ("a,x=1e3", "a, x=(double)1000"),
        ("a,x=1.5e-3", "a, x=(double)0.0015"),
        ("a,x=-0.0", "a, x=(double)-0"),
        ("a,x=0.0001", "a, x=(double)0.0001"),
        ("a,x=1e16", "a, x=(double)10000000000000000"),
        ("a,x=1e17", "a, x=(double)1e+17"),
        ("a,x=-inf", "a, x=(double)-inf"),
        ("a,x=(double)[min,max]", "a, x=(double)[ -1.7976931348623157e+308, 1.7976931348623157e+308 ]"),
        ("a,x=[1.0,2.5]", "a, x=(double)[ 1, 2.5 ]"),
        ("a,x=[2,8,2]", "a, x=(int)[ 2, 8, 2 ]"),
        ("a,x=[1,max]", "a, x=(int)[ 1, 2147483647 ]"),
        ("a,x=(fraction)[0/1,max]", "a, x=(fraction)[ 0/1, 2147483647/1 ]"),
        ("a,x=(fraction)[1/max,30]", "a, x=(fraction)[ 1/2147483647, 30/1 ]"),
        ("a,x=60/2", "a, x=(fraction)30/1"),
        ("a,x=1/-2", "a, x=(fraction)-1/2"),
        ("a,x=(fraction){30/1,25}", "a, x=(fraction){ 30/1, 25/1 }"),
        ("a,x={}", "a, x=(int){  }"),
        ("a,x={1}", "a, x=(int){ 1 }"),
        ("a,x={1,{2,3}}", "a, x=(int){ 1, { (int)2, (int)3 } }"),
        ("a,x={[1,2],[4,5]}", "a, x=(int){ [ 1, 2 ], [ 4, 5 ] }"),
        ("a,x=(string)3", "a, x=(string)3"),
        ("a,x=abc_-+/:.d", "a, x=(string)abc_-+/:.d"),
        ("a,x=1/0", "a, x=(string)1/0"),
    ])
    func matchesGStreamer(input: String, expected: String) throws {
        #expect(try Caps(parsing: input).description == expected)
    }

    /// Also checked against GStreamer 1.22: strings are quoted when empty or when they hold anything but letters,
    /// digits and `_-+/:.`; punctuation is backslash-escaped, control and non-ASCII bytes become `\ooo`.
    @Test("Strings are quoted and escaped like gst_string_wrap", arguments: [
        (#"a,x="hello world""#, #"a, x=(string)"hello\ world""#),
        (#"a,x="a,b""#, #"a, x=(string)"a\,b""#),
        (#"a,x="a;b""#, #"a, x=(string)"a\;b""#),
        (#"a,x="q\"x""#, #"a, x=(string)"q\"x""#),
        (#"a,x="\\""#, #"a, x=(string)"\\""#),
        (#"a,x=(string)"""#, #"a, x=(string)"""#),
        (#"a,x="é""#, #"a, x=(string)"\303\251""#),
        ("a,x=\"tab\tx\"", #"a, x=(string)"tab\011x""#),
        (#"a,x="\101\x""#, "a, x=(string)Ax"),
    ])
    func quoting(input: String, expected: String) throws {
        #expect(try Caps(parsing: input).description == expected)
    }

    @Test("Deliberate differences from GStreamer keep the text faithful to the value")
    func deliberateDifferences() throws {
        // GStreamer prints the lossy `(int){ 1, 2.5 }`; mixed lists annotate each element instead.
        #expect(try Caps(parsing: "a,x={1,2.5}").description == "a, x={ (int)1, (double)2.5 }")
        // GStreamer prints 17 significant digits (0.10000000000000001); this prints the shortest round trip.
        #expect(try Caps(parsing: "a,x=0.1").description == "a, x=(double)0.1")
        #expect(try Caps(parsing: "a,x=0.00001").description == "a, x=(double)1e-05")
        // Arrays are read as lists.
        #expect(try Caps(parsing: "a,x=<1,2>").description == "a, x=(int){ 1, 2 }")
        // Newer GStreamer quotes the string NULL so it is not read back as a null string.
        #expect(try Caps(parsing: "a,x=(string)NULL").description == #"a, x=(string)"NULL""#)
    }

    @Test("CapsValue.description prints the value with its type annotation")
    func valueDescription() {
        #expect(CapsValue.int(-3).description == "(int)-3")
        #expect(CapsValue.double(1.5).description == "(double)1.5")
        #expect(CapsValue.double(.infinity).description == "(double)inf")
        #expect(CapsValue.string("").description == #"(string)"""#)
        #expect(CapsValue.bool(false).description == "(boolean)false")
        #expect(CapsValue.fraction(Fraction(60, 2)).description == "(fraction)30/1")
        #expect(CapsValue.intRange(1...5, step: 1).description == "(int)[ 1, 5 ]")
        #expect(CapsValue.intRange(0...96, step: 12).description == "(int)[ 0, 96, 12 ]")
        #expect(CapsValue.doubleRange(0...1).description == "(double)[ 0, 1 ]")
        #expect(CapsValue.fractionRange(Fraction(1, 2)...Fraction(5, 1)).description == "(fraction)[ 1/2, 5/1 ]")
        #expect(CapsValue.list([.string("I420"), .string("NV12")]).description == "(string){ I420, NV12 }")
        #expect(CapsValue.list([.intRange(1...2, step: 1), .int(7)]).description == "(int){ [ 1, 2 ], 7 }")
        #expect(CapsValue.list([.bool(true), .string("x")]).description == "{ (boolean)true, (string)x }")
        #expect(CapsValue.list([]).description == "(int){  }")
    }

    @Test("Doubles print in %g layout with the shortest round-tripping digits", arguments: [
        (2.0, "2"), (100.0, "100"), (0.5, "0.5"), (12345.678, "12345.678"), (1e-4, "0.0001"), (1e-5, "1e-05"),
        (1.5e300, "1.5e+300"), (123456789012345678.0, "1.2345678901234568e+17"), (-2.25, "-2.25"),
        (5e-324, "5e-324"),
    ])
    func doubles(number: Double, expected: String) {
        #expect(CapsValue.double(number).description == "(double)" + expected)
    }

    @Test("CapsStructure.description matches the structure part of the caps text")
    func structureDescription() {
        let structure = CapsStructure(
            "video/x-raw", [("format", .string("NV12")), ("width", .intRange(16...4096, step: 1))],
            features: ["memory:DMABuf"])
        #expect(structure.description == "video/x-raw(memory:DMABuf), format=(string)NV12, width=(int)[ 16, 4096 ]")
        #expect(CapsStructure("audio/x-raw").description == "audio/x-raw")
        #expect(CapsStructure("audio/x-raw", features: ["memory:SystemMemory"]).description == "audio/x-raw")
        #expect(Caps([structure, CapsStructure("audio/x-raw")]).description
            == "video/x-raw(memory:DMABuf), format=(string)NV12, width=(int)[ 16, 4096 ]; audio/x-raw")
        #expect(Caps.any.description == "ANY")
        #expect(Caps.empty.description == "EMPTY")
    }

    @Test("Parse → print → parse gives equal caps, and printing is stable", arguments: [
        "video/x-raw, format=(string)I420, width=(int)[ 16, 4096 ], framerate=(fraction)30/1",
        "video/x-raw(memory:DMABuf, meta:GstVideoMeta), format={ NV12, P010_10LE }, width=640; video/x-bayer",
        "audio/x-raw, rate=[ 8000, 96000 ], channels={ 1, 2 }, layout=interleaved",
        "a, x={ 1, 2.5, \"two words\", true, 3/4 }, y=(string){ \"\", \"a\\\\b\", \"é\" }",
        "a, x=(string)\"tab\tx\", y=\"q\\\"x\", z=(string)yes, w=(string)30/1, v=(string)1.5",
        "a, x=[ 0, 96, 12 ], y=[ -1.5, 1e+300 ], z=[ 1/3, 30000/1001 ], w={ [ 1, 2 ], { 3, (string)x } }",
        "a, x=0.1, y=-0.0, z=1e-05, w=123456789.125, v=-inf",
        "ANY",
        "EMPTY",
    ])
    func roundTrip(text: String) throws {
        let caps = try Caps(parsing: text)
        let printed = caps.description
        let reparsed = try Caps(parsing: printed)
        #expect(reparsed == caps)
        #expect(reparsed.description == printed)
    }
}
