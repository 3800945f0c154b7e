import ParallaxCore
import Testing

/// Parses `text`, returning the error it throws (nil when it parses).
private func parseError(_ text: String) -> CapsParseError? {
    do {
        _ = try Caps(parsing: text)
        return nil
    } catch {
        return error
    }
}

/// The value of `field` in the only structure of `text`.
private func value(_ text: String, _ field: String = "x") throws -> CapsValue? {
    let caps = try Caps(parsing: text)
    try #require(caps.structures.count == 1)
    return caps.structures[0][field]
}

@Suite("Caps parsing")
struct CapsParsingTests {
    @Test("A typical video caps string gives name, fields in order and typed values")
    func videoCaps() throws {
        let caps = try Caps(parsing: "video/x-raw, format=(string)I420, width=[ 16, 4096 ], framerate=30/1")
        #expect(!caps.isAny)
        #expect(caps.structures.count == 1)
        let structure = caps.structures[0]
        #expect(structure.name == "video/x-raw")
        #expect(structure.features.isEmpty)
        #expect(structure.fields.map(\.name) == ["format", "width", "framerate"])
        #expect(structure["format"] == .string("I420"))
        #expect(structure["width"] == .intRange(16...4096, step: 1))
        #expect(structure["framerate"] == .fraction(Fraction(30, 1)))
    }

    @Test("ANY, EMPTY and NONE keywords")
    func keywords() throws {
        #expect(try Caps(parsing: "ANY").isAny)
        #expect(try Caps(parsing: "  ANY  ").isAny)
        #expect(try Caps(parsing: "EMPTY").isEmpty)
        #expect(try Caps(parsing: "NONE").isEmpty)
        #expect(try Caps(parsing: "NONE") == Caps.empty)
    }

    @Test("Untyped values are inferred like GStreamer: int, double, fraction, boolean, else string",
          arguments: [
              ("1", CapsValue.int(1)),
              ("-5", .int(-5)),
              ("+5", .int(5)),
              ("0x10", .int(16)),
              ("max", .int(2_147_483_647)),
              ("1.5", .double(1.5)),
              ("2.0", .double(2)),
              ("1e3", .double(1000)),
              (".5", .double(0.5)),
              ("1.", .double(1)),
              ("30/1", .fraction(Fraction(30, 1))),
              ("30000/1001", .fraction(Fraction(30000, 1001))),
              ("-1/2", .fraction(Fraction(-1, 2))),
              ("true", .bool(true)),
              ("TRUE", .bool(true)),
              ("yes", .bool(true)),
              ("t", .bool(true)),
              ("no", .bool(false)),
              ("f", .bool(false)),
              ("I420", .string("I420")),
              ("1/0", .string("1/0")),
              ("1e", .string("1e")),
              ("\"3\"", .string("3")),
              ("\"true\"", .string("true")),
          ])
    func inference(text: String, expected: CapsValue) throws {
        #expect(try value("a, x=\(text)") == expected)
    }

    @Test("Type annotations, long and short", arguments: [
        ("(int)3", CapsValue.int(3)),
        ("(i)3", .int(3)),
        ("(uint)3", .int(3)),
        ("(int64)3", .int(3)),
        ("(double)3", .double(3)),
        ("(d)3", .double(3)),
        ("(float)2.5", .double(2.5)),
        ("(f)3", .double(3)),
        ("(string)3", .string("3")),
        ("(s)true", .string("true")),
        ("(string)\"a b\"", .string("a b")),
        ("(boolean)1", .bool(true)),
        ("(bool)no", .bool(false)),
        ("(b)t", .bool(true)),
        ("(fraction)30", .fraction(Fraction(30, 1))),
        ("( int ) 7", .int(7)),
    ])
    func annotations(text: String, expected: CapsValue) throws {
        #expect(try value("a, x=\(text)") == expected)
    }

    @Test("Fractions are reduced to lowest terms with a positive denominator")
    func fractionsReduced() throws {
        let parsed = try value("a, x=60/2")
        guard case .fraction(let fraction)? = parsed else {
            Issue.record("expected a fraction, got \(String(describing: parsed))")
            return
        }
        #expect(fraction.numerator == 30)
        #expect(fraction.denominator == 1)
        guard case .fraction(let negative)? = try value("a, x=1/-2") else {
            Issue.record("expected a fraction")
            return
        }
        #expect(negative.numerator == -1)
        #expect(negative.denominator == 2)
    }

    @Test("Lists and arrays, with and without an element annotation")
    func lists() throws {
        #expect(try value("a, x={ I420, NV12 }") == .list([.string("I420"), .string("NV12")]))
        #expect(try value("a, x=(string){ 1, 2 }") == .list([.string("1"), .string("2")]))
        #expect(try value("a, x=< 1, 2 >") == .list([.int(1), .int(2)]))
        #expect(try value("a, x={}") == .list([]))
        #expect(try value("a, x={ (int)1, (string)x }") == .list([.int(1), .string("x")]))
        #expect(try value("a, x={ 1, { 2, 3 } }") == .list([.int(1), .list([.int(2), .int(3)])]))
        #expect(try value("a, x={ [ 1, 2 ], 5 }") == .list([.intRange(1...2, step: 1), .int(5)]))
    }

    @Test("Ranges of ints (with step), doubles and fractions; annotations apply to the bounds")
    func ranges() throws {
        #expect(try value("a, x=[ 16, 4096 ]") == .intRange(16...4096, step: 1))
        #expect(try value("a, x=[2,8,2]") == .intRange(2...8, step: 2))
        #expect(try value("a, x=(int)[ 1, 5 ]") == .intRange(1...5, step: 1))
        #expect(try value("a, x=[ 1.0, 2.5 ]") == .doubleRange(1.0...2.5))
        #expect(try value("a, x=(double)[ 1, 2 ]") == .doubleRange(1.0...2.0))
        #expect(try value("a, x=(fraction)[ 0/1, 2147483647/1 ]")
            == .fractionRange(Fraction(0, 1)...Fraction(2_147_483_647, 1)))
        #expect(try value("a, x=(fraction)[ 0, max ]") == .fractionRange(Fraction(0, 1)...Fraction(2_147_483_647, 1)))
        #expect(try value("a, x=[ 1, max ]") == .intRange(1...2_147_483_647, step: 1))
    }

    @Test("Quoted strings unescape backslashes and \\ooo octal bytes")
    func quotedStrings() throws {
        #expect(try value(#"a, x="hello world""#) == .string("hello world"))
        #expect(try value(#"a, x="q\"x""#) == .string("q\"x"))
        #expect(try value(#"a, x="\101\x""#) == .string("Ax"))
        #expect(try value(#"a, x="\303\251""#) == .string("é"))
        #expect(try value(#"a, x="a;b,c""#) == .string("a;b,c"))
        #expect(try value(#"a, x="""#) == .string(""))
    }

    @Test("Several structures, caps features, trailing separators and whitespace")
    func structuresAndFeatures() throws {
        let caps = try Caps(parsing: " video/x-raw(memory:DMABuf, meta:GstVideoMeta) , width = 320 ; audio/x-raw ; ")
        #expect(caps.structures.map(\.name) == ["video/x-raw", "audio/x-raw"])
        #expect(caps.structures[0].features == ["memory:DMABuf", "meta:GstVideoMeta"])
        #expect(caps.structures[0]["width"] == .int(320))
        #expect(try Caps(parsing: "video/x-raw(ANY)").structures[0].features == ["ANY"])
        #expect(try Caps(parsing: "video/x-raw(memory:SystemMemory), width=1").structures[0].features.isEmpty)
        #expect(try Caps(parsing: "video/x-raw(), width=1").structures[0].features.isEmpty)
        #expect(try Caps(parsing: "a, x=1,").structures[0].fields.count == 1)
    }

    @Test("A repeated field replaces the earlier value in place")
    func repeatedField() throws {
        let structure = try Caps(parsing: "a, x=1, y=2, x=3").structures[0]
        #expect(structure.fields.map(\.name) == ["x", "y"])
        #expect(structure["x"] == .int(3))
    }

    @Test("Errors name the problem and point at its UTF-8 byte offset", arguments: [
        ("", "empty caps string", 0, 0),
        ("   ", "empty caps string", 0, 0),
        ("video/x-raw, width 320", "expected '=' after field name 'width'", 19, 1),
        ("video/x-raw, width", "expected '=' after field name 'width'", 18, 0),
        ("video/x-raw, format={ I420, NV12", "unterminated list (missing '}')", 20, 1),
        ("video/x-raw, width=(int)abc", "invalid integer 'abc' for field 'width'", 24, 3),
        ("video/x-raw, width=[ 4096, 16 ]", "range lower bound 4096 is greater than upper bound 16", 19, 12),
        ("a, x=[ 1/2, 1/3 ]", "range lower bound 1/2 is greater than upper bound 1/3", 5, 12),
        ("video/x-raw, width=(foo)1", "unknown type annotation '(foo)'", 19, 5),
        ("a,x=(boolean)maybe", "invalid boolean 'maybe' for field 'x'", 13, 5),
        ("a,x=(fraction)1/0", "invalid fraction '1/0' for field 'x'", 14, 3),
        ("a,x=(double)abc", "invalid double 'abc' for field 'x'", 12, 3),
        ("a,x=(uint)-1", "invalid unsigned integer '-1' for field 'x'", 10, 2),
        ("a,x=(int)\"3\"", "invalid integer '\"3\"' for field 'x'", 9, 3),
        ("1abc", "invalid structure name '1abc' (must start with a letter)", 0, 4),
        ("a,x=\"abc", "unterminated string (missing '\"')", 4, 4),
        ("a,x=[1,2", "unterminated range (missing ']')", 4, 1),
        ("a,x=<1,2", "unterminated array (missing '>')", 4, 1),
        ("a,x=(int", "unterminated type annotation (missing ')')", 4, 1),
        ("a(memory:DMABuf", "unterminated caps features (missing ')')", 1, 1),
        ("a(f1)", "invalid caps feature 'f1' (expected 'namespace:Name')", 2, 2),
        ("a(memory:X, ANY)", "caps feature 'ANY' cannot be combined with other features", 1, 15),
        ("a,x=1 y=2", "expected ',' or ';' after value of field 'x'", 6, 1),
        ("a x=1", "expected ',' or ';' after structure name 'a'", 2, 1),
        ("a,x=1;;b", "expected structure name", 6, 1),
        ("a,=1", "expected field name", 2, 1),
        ("a,x=", "expected value for field 'x'", 4, 0),
        ("a,x={1,2;b}", "expected ',' or '}' in list", 8, 1),
        ("a,x=[1,2.5]", "range bounds have different types (int and double)", 4, 7),
        ("a,x=[1,5,0]", "range step 0 must be positive", 4, 7),
        ("a,x=[1.0,2.0,0.5]", "only int ranges can have a step", 4, 13),
        ("a,x=[1]", "range needs a lower and an upper bound", 4, 3),
        ("a,x=(string)[a,b]", "range bound 'a' for field 'x' is not an int, double or fraction", 13, 1),
        (#"a,x="\18""#, #"invalid escape sequence '\18' in string"#, 5, 3),
        // Offsets count UTF-8 bytes: each 'é' is two bytes.
        ("a,s=\"éé\",w=(int)x", "invalid integer 'x' for field 'w'", 18, 1),
        ("a,x=é", "expected value for field 'x'", 4, 2),
    ])
    func errors(text: String, message: String, offset: Int, length: Int) {
        #expect(parseError(text) == CapsParseError(message: message, offset: offset, length: length))
    }

    @Test("The error description carries the message and offset")
    func errorDescription() {
        let error = parseError("video/x-raw, width 320")
        #expect(error?.description == "expected '=' after field name 'width' (at byte 19)")
    }
}
